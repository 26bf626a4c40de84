"""The guards on user documents and upload names (tradeguard.inputs), property-based."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tradeguard.errors import InputError
from tradeguard.inputs import (
    MAX_DEPTH,
    FileNameError,
    json_depth_exceeds,
    load_document,
    text_flaw,
    upload_name,
)


def _nest(depth: int, leaf: Any) -> Any:
    for i in range(depth):
        leaf = [leaf] if i % 2 else {"k": leaf}
    return leaf


@given(depth=st.integers(0, 80), leaf=st.text(max_size=20))
def test_json_depth_agrees_with_the_nesting(depth: int, leaf: str) -> None:
    text = json.dumps(_nest(depth, leaf), ensure_ascii=False)
    assert json_depth_exceeds(text, MAX_DEPTH) == (depth > MAX_DEPTH)


@settings(max_examples=300)
@given(text=st.text(max_size=300))
def test_any_text_decodes_or_is_an_input_error(text: str) -> None:
    try:
        data = load_document(text)
    except InputError as exc:
        assert "\n" not in exc.message
        return
    assert text_flaw(data) is None


_CLEAN = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=5
)


@given(value=st.recursive(_CLEAN, lambda c: st.lists(c, max_size=3), max_leaves=10))
def test_a_nul_anywhere_is_found(value: Any) -> None:
    assert text_flaw({"parties": [value]}) is None
    where, flaw = text_flaw({"parties": [value, "x\x00y"]}) or ("", "")
    assert where == "parties.1" and "NUL" in flaw


@given(
    name=st.text(
        st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="/\\"),
        min_size=1,
        max_size=80,
    )
)
def test_plain_names_are_kept(name: str) -> None:
    if name.strip() in (".", "..") or len(name.encode("utf-8")) > 255:
        with pytest.raises(FileNameError):
            upload_name(name)
    else:
        assert upload_name(name) == name


@pytest.mark.parametrize(
    "name",
    ["..", ".", " .. ", "a/b", "..\\b", "/etc/passwd", "a\x00b", "a\nb", "x" * 256, "é" * 128],
)
def test_other_names_are_refused(name: str) -> None:
    with pytest.raises(FileNameError) as caught:
        upload_name(name)
    assert caught.value.field == "file" and "\n" not in caught.value.message

"""Chinese characters read as Korean: a Chinese or Japanese name as a Korean list writes it.

A DPRK bank is 朝鲜大成银行 in simplified Chinese, 조선대성은행 in Hangul, and Choson Taesong
Unhaeng or Korea Daesong Bank on the lists, which give no Chinese form of it. Korean reads each
Chinese character (hanja) as one syllable: :func:`hangul` writes the characters of a name in
their traditional forms (:func:`tradeguard.names.hanzi.traditional`) and then each as its
Korean reading, from the Unicode Han Database's kHangul field
(``tradeguard/data/names/hanja_hangul.tsv``), so that the Hangul name and its romanizations can
be met. A character with several readings is read as the ROK's hanja for education read it (金
*geum*, gold), or, for a person's name, as names read it (金 *gim*, Kim).
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from tradeguard.names.hanzi import HAN_RUN, traditional


@cache
def _table() -> tuple[dict[str, str], dict[str, str], str]:
    """Character -> its reading, character -> its reading in names, and the table's version."""
    text = (
        resources.files("tradeguard")
        .joinpath("data", "names", "hanja_hangul.tsv")
        .read_text("utf-8")
    )
    common: dict[str, str] = {}
    names: dict[str, str] = {}
    version = ""
    for line in text.splitlines():
        if line.startswith("#"):
            if line.startswith("# version:"):
                version = line.split(":", 1)[1].strip()
            continue
        char, value = line.split("\t")
        readings = [r.split(":") for r in value.split()]
        first = readings[0][0]
        common[char] = next((h for h, src in readings if "E" in src), first)
        names[char] = next((h for h, src in readings if "N" in src), common[char])
    if not version or not common:
        raise ValueError("names/hanja_hangul.tsv: missing version or readings")
    return common, names, version


def version() -> str:
    """The Unicode version of the readings."""
    return _table()[2]


def hangul(text: str, person: bool = False) -> str | None:
    """``text`` with every Han character in its Korean reading (``朝鲜大成银行`` ->
    ``조선대성은행``; ``person``: as names read them); None when it has no Han character or
    one without a reading."""
    if HAN_RUN.search(text) is None:
        return None
    common, names, _ = _table()
    readings = names if person else common
    out: list[str] = []
    for char, original in zip(traditional(text), text, strict=False):
        if not HAN_RUN.match(char):
            out.append(char)
            continue
        reading = readings.get(char) or readings.get(original)
        if reading is None:
            return None
        out.append(reading)
    return "".join(out)

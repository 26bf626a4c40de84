"""The exposure page: a firm on no list found by a name that is not exactly its own, candidates
to choose from, the paths in words and the graph with the verdict path marked."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tradeguard.language.labels import edge_label
from tradeguard.store import Store

from .helpers import log_in, page_client

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def client(loaded_store: Store) -> Iterator[TestClient]:
    for c in page_client(loaded_store):
        log_in(c)
        yield c


def test_edge_labels_read_from_owner_to_owned() -> None:
    assert edge_label("ownership", 51.0) == "owns 51%"
    assert edge_label("joint_venture", None) == "partner in"
    assert edge_label("joint_venture", 50.0) == "partner in (50%)"


def test_edge_labels_put_the_share_where_the_language_does() -> None:
    """A graph's short labels: the share before the verb in Korean and Japanese ("지분 100%
    소유", "株式100%保有"), never the English order ("을(를) 소유 100%"), and no label starts
    with a particle whose noun is on the other side of the arrow."""
    from tradeguard.language import i18n
    from tradeguard.language.labels import VERBS

    want = {
        "ja": {("ownership", 100.0): "株式100%保有", ("investment", 25.0): "出資比率25%",
               ("ownership", None): "所有", ("joint_venture", 50.0): "合弁参加（50%）"},
        "ko": {("ownership", 100.0): "지분 100% 소유", ("investment", 25.0): "지분 25% 투자",
               ("ownership", None): "소유", ("joint_venture", 50.0): "합작 참여 (50%)"},
    }  # fmt: skip
    for lang, cases in want.items():
        token = i18n.use(lang)
        try:
            for (kind, share), label in cases.items():
                assert edge_label(kind, share) == label, (lang, kind, share)
            for kind in VERBS:
                for share in (None, 33.3):
                    label = edge_label(kind, share)
                    assert not label.startswith(
                        ("을", "를", "의", "에", "와", "を", "の", "に", "と")
                    )
                    assert not re.search(r"[a-z]{3,}", label), (lang, kind, label)  # no English
        finally:
            i18n.reset(token)


@pytest.mark.parametrize(
    ("lang", "owned", "english_order"),
    [("ko", "지분 60% 소유", r"소유 \d"), ("ja", "株式60%保有", r"所有 \d")],
)
def test_the_exposure_graphs_share_labels_read_in_the_language(
    loaded_store: Store, lang: str, owned: str, english_order: str
) -> None:
    """The graph the exposure page draws (its JSON, the labels the browser puts on the edges):
    an ownership with a stated share (the docs' relations file: Acme Trading owns 60 % of a
    UN-designated company) reads share-then-verb."""
    from tradeguard.network.importer import import_file

    import_file(loaded_store, ROOT / "tests/fixtures/docs/relations.csv", "docs-example")
    for client in page_client(loaded_store):
        log_in(client)
        client.get("/ui/lang", params={"l": lang, "next": "/ui/"})
        r = client.get("/ui/exposure", params={"id": "custom:acme-trading", "depth": 2})
        assert r.status_code == 200
        src = re.search(r'data-src="([^"]+)"', r.text)
        assert src
        graph = client.get(src.group(1).replace("&amp;", "&")).json()
        edges = [e["data"] for e in graph["elements"]["edges"]]
        shared = [e["label"] for e in edges if e["kind"] == "ownership" and e.get("share_pct")]
        assert shared == [owned], edges
        assert not any(re.search(english_order, e["label"]) for e in edges), edges


def test_a_firm_on_no_list_traced_by_a_loose_name(client: TestClient) -> None:
    r = client.get("/ui/exposure", params={"q": "International Trading Co., Ltd."})
    assert r.status_code == 200
    links = re.findall(r'href="/ui/exposure\?id=([^&"]+)', r.text)
    assert links, "candidates to choose from"
    assert "on no list" in r.text
    r = client.get("/ui/exposure", params={"id": links[0].replace("%3A", ":"), "depth": 3})
    assert r.status_code == 200
    assert 'id="exposure-verdict"' in r.text and "Exposed" in r.text
    assert "Sets the verdict" in r.text
    assert "UN Security Council Consolidated List" in r.text
    # one graph script for the entity and exposure pages; a tapped party is traced here
    assert (
        '<script src="/ui/static/graph.js"></script>' in r.text and 'data-link="exposure"' in r.text
    )
    assert client.get("/ui/static/graph.js").status_code == 200
    assert client.get("/ui/static/exposure.js").status_code == 404
    src = re.search(r'data-src="([^"]+)"', r.text)
    assert src
    graph = client.get(src.group(1).replace("&amp;", "&")).json()
    edges = graph["elements"]["edges"]
    assert any(e["data"]["verdict"] for e in edges)
    assert all(not e["data"]["label"].endswith("_") for e in edges)
    listed = [n for n in graph["elements"]["nodes"] if n["data"]["listed"]]
    assert any(n["data"]["verdict"] for n in listed)


def test_unknown_name_and_unknown_id(client: TestClient) -> None:
    r = client.get("/ui/exposure", params={"q": "Zzyzx Qwv Plk"})
    assert r.status_code == 404 and "no party of the network" in r.text
    r = client.get("/ui/exposure", params={"id": "nosuch:1"})
    assert r.status_code == 404 and 'role="alert"' in r.text


def test_relations_read_as_sentences_in_japanese_and_korean() -> None:
    """Each relation kind is one message with the parties in the language's order, never the
    English verb order ("A 을(를) 소유 100% B")."""
    from tradeguard.language import i18n
    from tradeguard.language.labels import VERBS
    from tradeguard.language.relation_words import edge_sentence

    a, b = "大连韩光贸易有限公司", "서울광명소재 주식회사"
    want = {
        "ja": "大连韩光贸易有限公司は서울광명소재 주식회사の株式の100%を保有",
        "ko": "大连韩光贸易有限公司이(가) 서울광명소재 주식회사의 지분 100%를 소유",
    }
    for lang in ("ja", "ko"):
        token = i18n.use(lang)
        try:
            assert edge_sentence("ownership", a, b, 100.0) == want[lang]
            for kind in VERBS:
                for share in (None, 25.0):
                    said = edge_sentence(kind, a, b, share)
                    assert said.startswith(a) and b in said, (lang, kind, said)
                    assert kind not in said and "%(" not in said, (lang, kind, said)
                    assert not re.search(r"[a-z]{3,}", said), (lang, kind, said)  # no English
        finally:
            i18n.reset(token)
    assert edge_sentence("ownership", "A", "B", 51.0) == "A owns 51% of B"


@pytest.mark.parametrize(("lang", "verb_first"), [("ja", r"を所有 \d"), ("ko", r"소유 \d")])
def test_the_exposure_pages_paths_are_sentences(
    client: TestClient, lang: str, verb_first: str
) -> None:
    client.get("/ui/lang", params={"l": lang, "next": "/ui/"})
    r = client.get("/ui/exposure", params={"q": "International Trading Co., Ltd."})
    links = re.findall(r'href="/ui/exposure\?id=([^&"]+)', r.text)
    assert links
    r = client.get("/ui/exposure", params={"id": links[0].replace("%3A", ":"), "depth": 3})
    paths = re.search(r'<ol aria-labelledby="paths-h" class="paths">(.*?)</ol>', r.text, re.S)
    assert paths
    text = re.sub(r"<[^>]+>", "", paths.group(1))
    assert not re.search(verb_first, text), text
    assert ("は" if lang == "ja" else "이(가)") in text, text

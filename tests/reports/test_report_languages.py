"""Case and period reports in Japanese and Korean, read back from the PDF with pdftotext: the
words of the pages' catalogue, dates as the language writes them, the data as published and the
legal bases in their original English, drawn in a Japanese or Korean font."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tradeguard.accounts.users import Actor, Role
from tradeguard.cases import alerts, workflow
from tradeguard.cli import app
from tradeguard.errors import InputError
from tradeguard.language import i18n
from tradeguard.language.labels import label
from tradeguard.lists.consequences import list_info
from tradeguard.screening import Query, Screener
from tradeguard.shipments import Evaluator
from tradeguard.shipments.model import parse_shipment
from tradeguard.store import Store

HANGUL = "조선련봉총회사"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "shipments"
#: the font each language's text is drawn in (fonts-ipafont-gothic, fonts-nanum)
FONTS = {"ja": "IPAGothic", "ko": "NanumGothic"}
#: words of the catalogue each report must show, by language
WORDS = {
    "ja": ("案件", "該当の理由", "当事者が掲載されているリスト", "監査チェーンの証明", "審査者"),
    "ko": ("사건", "일치 사유", "당사자가 등재된 목록", "감사 체인 증명", "검토자"),
}


def _pdftext(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    out = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True)
    return " ".join(out.stdout.split())


def _bare(text: str) -> str:
    """``text`` without white space: a line may break between any two CJK characters."""
    return "".join(text.split())


def _fonts(path: Path) -> str:
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (poppler-utils) is not installed")
    return subprocess.run(
        ["pdffonts", str(path)], check=True, capture_output=True, text=True
    ).stdout


def _in(lang: str, code: str) -> str:
    token = i18n.use(lang)
    try:
        return label(code)
    finally:
        i18n.reset(token)


@pytest.fixture
def screened_case(loaded_store: Store) -> int:
    """The UN-designated Korea Ryonbong General Corporation screened in Hangul, proposed as a
    true match and approved."""
    ana, rita = Actor("ana", Role.ANALYST), Actor("rita", Role.REVIEWER)
    screener = Screener.from_entities(
        loaded_store.iter_current_entities(lists=["un_sc"]), loaded_store.versions_key()
    )
    hits = screener.screen(Query(HANGUL))[:1]
    assert hits and hits[0].entity_id == "un_sc:KPe.002"
    recorded = alerts.record_screening(
        loaded_store,
        ana,
        Query(HANGUL).to_dict(),
        hits,
        threshold=None,
        versions="v",
        open_cases=True,
    )
    case_id = recorded.cases[0].case_id
    workflow.propose(loaded_store, ana, case_id, "true_match", "the UN entry")
    workflow.review(loaded_store, rita, case_id, "approve", "agreed")
    return case_id


@pytest.mark.parametrize("lang", ["ja", "ko"])
def test_a_screening_case_report_in_japanese_and_korean(
    loaded_store: Store, screened_case: int, lang: str, tmp_path: Path
) -> None:
    from tradeguard.reports.case import case_report

    report = case_report(loaded_store, screened_case, lang)
    paths = report.write(tmp_path)
    assert paths["pdf"].endswith(f"case-{screened_case}-{lang}.pdf")
    text = _pdftext(Path(paths["pdf"]))
    for word in WORDS[lang]:
        assert word in text, word
    un = list_info("un_sc")
    assert _bare(un.consequence(lang)) in _bare(text)  # the list's consequence in the language
    assert _in(lang, "true_match") in text and "true_match" not in text  # the word, no code
    today = datetime.now(UTC).date()
    token = i18n.use(lang)
    try:
        assert i18n.local_date(today) in text  # 2026年12月6日, 2026년 12월 6일
    finally:
        i18n.reset(token)
    proof = WORDS[lang][3]  # the audit records' own times (hashed) come after it
    assert today.isoformat() not in text.split(proof)[0]  # dates as the language writes them
    assert HANGUL in text and "un_sc:KPe.002" in text  # the data as it is
    assert un.basis in text and f'<q lang="en">{un.basis}</q>' in report.html  # quoted
    assert f'<html lang="{lang}">' in report.html
    assert FONTS[lang] in _fonts(Path(paths["pdf"]))


@pytest.mark.parametrize("lang", ["ja", "ko"])
def test_a_basis_is_labelled_original_english_only_where_it_is(
    loaded_store: Store, screened_case: int, lang: str
) -> None:
    """The UN's basis is the resolution's own English; the METI End User List's is an English
    citation of a Japanese law (外国為替及び外国貿易法): labelled a translation, never "original
    English". The reasons' legal bases, of several jurisdictions, are said to be in English."""
    from tradeguard.reports.case import case_report

    detail = workflow.get_case(loaded_store, screened_case).detail
    match = detail["match"]
    memberships = [
        *(match.get("memberships") or [match]),
        {"list": "jp_meti_eul", "source_id": "1"},
    ]
    with loaded_store.session() as session, session.begin():
        case_id = workflow.open_case(
            session, Actor("ana", Role.ANALYST), kind="screening", subject=HANGUL,
            detail={**detail, "match": {**match, "memberships": memberships}},
        )  # fmt: skip
    html = case_report(loaded_store, case_id, lang).html
    token = i18n.use(lang)
    try:
        original, translated = (
            i18n.gettext("(original English)"),
            i18n.gettext("(English translation)"),
        )
    finally:
        i18n.reset(token)
    un, meti = list_info("un_sc"), list_info("jp_meti_eul")
    assert not un.basis_translated and meti.basis_translated
    assert f'<q lang="en">{un.basis}</q> <small>{original}</small>' in html
    assert f'<q lang="en">{meti.basis}</q> <small>{translated}</small>' in html
    assert f"{meti.basis}</q> <small>{original}" not in html


def test_the_english_report_is_unchanged_by_the_others(
    loaded_store: Store, screened_case: int
) -> None:
    """Each language is a report of its own: asking for Japanese leaves the English one
    English, and the same language again gives the same report."""
    from tradeguard.reports.case import case_report

    ja = case_report(loaded_store, screened_case, "ja")
    en = case_report(loaded_store, screened_case)
    assert en is not ja and "Why it matches" in en.html and "該当の理由" not in en.html
    assert case_report(loaded_store, screened_case, "ja") is ja
    with pytest.raises(InputError, match="unknown language 'fr'"):
        case_report(loaded_store, screened_case, "fr")


def test_a_shipment_case_report_in_japanese_has_its_reasons_in_japanese(
    loaded_home: Path, tmp_path: Path
) -> None:
    """A shipment to China whose consignee is the UN-designated party: the verdict, the
    roles and the reasons in Japanese, the legal bases in English and labelled, through
    ``tradeguard report case --lang ja``."""
    store = Store.open(f"sqlite:///{loaded_home / 'tradeguard.db'}")
    screener = Screener.from_entities(
        store.iter_current_entities(lists=["un_sc"]), store.versions_key()
    )
    doc = {
        "id": "T-JA", "export_country": "JP", "destination": "CN",
        "exporter": {"name": "Morita Chemical Trading Co., Ltd.", "country": "JP",
                     "address": "1-2-3 Marunouchi, Tokyo"},
        "consignee": {"name": HANGUL, "country": "CN", "address": "Dandong, Liaoning"},
        "items": [{"description": "Centrifugal pumps, stainless steel", "hs": "8413.70"}],
    }  # fmt: skip
    decision = Evaluator(screener=screener).evaluate(parse_shipment(doc)).to_dict()
    assert decision["verdict"] == "PROHIBITED"
    recorded = alerts.record_decision(
        store,
        Actor("ana", Role.ANALYST),
        "evaluate.api",
        "shipment:T-JA",
        doc,
        decision,
        open_if_not_clear=True,
    )
    store.close()
    result = CliRunner().invoke(
        app, ["report", "case", str(recorded.case_id), "--out", str(tmp_path), "--lang", "ja"]
    )
    assert result.exit_code == 0, result.output
    text = _pdftext(tmp_path / f"case-{recorded.case_id}-ja.pdf")
    for word in ("当事者", "品目", "理由と法的根拠", "（英語表記）", "輸出者", "荷受人"):
        assert word in text, word
    assert _in("ja", "PROHIBITED") in text
    assert "資産凍結" in text  # the designated party's reason, written in Japanese
    assert "Dandong, Liaoning" in text and "Centrifugal pumps" in text  # data as published
    assert "UNSC res. 1718" in text  # a legal basis in its original English
    bad = CliRunner().invoke(app, ["report", "case", str(recorded.case_id), "--lang", "fr"])
    assert bad.exit_code != 0 and "unknown language" in str(bad.exception)


@pytest.mark.parametrize("lang", ["ja", "ko"])
def test_a_period_report_in_japanese_and_korean(
    loaded_home: Path, tmp_path: Path, lang: str
) -> None:
    today = datetime.now(UTC).date().isoformat()
    result = CliRunner().invoke(
        app,
        ["report", "period", "--from", today, "--to", today, "--out", str(tmp_path),
         "--lang", lang],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = _pdftext(tmp_path / f"period-{today}-{today}-{lang}.pdf")
    words = {"ja": ("輸出管理の集計", "概要", "無許可輸出の試み", "監査ログ"),
             "ko": ("수출통제 집계", "요약", "무허가 수출 시도", "감사 로그")}[lang]  # fmt: skip
    for word in words:
        assert word in text, word
    assert today not in text.split("VERIFIED")[0]  # the period's dates as the language writes


@pytest.mark.parametrize("lang", ["ja", "ko"])
def test_a_shipment_case_report_has_no_raw_codes_among_its_words(
    loaded_store: Store, tmp_path: Path, lang: str
) -> None:
    """A shipment case closed with a licence, read back from its PDF in Japanese and Korean:
    the subject, the parties' roles, the outcome and the audit actions in words, never their
    codes (``shipment:T-1``, ``exporter``, ``licence_obtained``, ``case.propose``)."""
    import yaml

    from tradeguard.reports.case import case_report

    doc = yaml.safe_load((EXAMPLES / "jp-kr-fluorinated-polyimide.yaml").read_text())
    doc |= {"id": "T-1", "end_user": {"name": "Daehan Display Co., Ltd.", "country": "KR"}}
    decision = Evaluator().evaluate(parse_shipment(doc)).to_dict()
    assert decision["verdict"] == "LICENCE_REQUIRED"
    ana, rita = Actor("ana", Role.ANALYST), Actor("rita", Role.REVIEWER)
    recorded = alerts.record_decision(
        loaded_store, ana, "evaluate.api", "shipment:T-1", doc, decision, open_if_not_clear=True
    )
    assert recorded.case_id is not None
    workflow.propose(
        loaded_store, ana, recorded.case_id, "licence_obtained", "METI", licence_ref="L-7"
    )
    workflow.review(loaded_store, rita, recorded.case_id, "approve", "agreed")
    paths = case_report(loaded_store, recorded.case_id, lang).write(tmp_path)
    text = _pdftext(Path(paths["pdf"]))
    for code in ("shipment:T-1", "exporter", "consignee", "end_user", "licence_obtained",
                 "case.propose", "case.review", "case.open", "LICENCE_REQUIRED"):  # fmt: skip
        assert code not in text, code
    for code in ("shipment", "exporter", "consignee", "end_user", "licence_obtained"):
        assert _bare(_in(lang, code)) in _bare(text), code
    token = i18n.use(lang)
    try:
        proposed = i18n.gettext("outcome proposed")
    finally:
        i18n.reset(token)
    assert _bare(proposed) in _bare(text)
    assert "T-1" in text and "L-7" in text  # the reference and the licence as they are

"""The message catalogues: every message of the pages and the reports (templates, labels, the
messages the pages translate) extracted as ``pybabel extract -F babel.cfg -k N_`` does has a Japanese and a
Korean translation, and each catalogue compiles with the same placeholders as its msgids."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from tradeguard.language import i18n, labels

ROOT = Path(__file__).resolve().parents[2]
#: where the messages are: the pages, the shared words and the reports (one catalogue)
SOURCES = [ROOT / "tradeguard" / name for name in ("web", "language", "reports")]
LOCALE = ROOT / "tradeguard" / "language" / "locale"


def _extracted() -> dict[str | tuple[str, ...], str]:
    """msgid -> the file it was found in, as ``pybabel extract`` finds them."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    keywords = {
        "_": None,
        "gettext": None,
        "ngettext": (1, 2),
        "N_": None,
    }
    found: dict[str | tuple[str, ...], str] = {}
    for source in SOURCES:
        for filename, _lineno, message, _comments, _context in extract_from_dir(
            str(source), method_map, options_map, keywords=keywords
        ):
            found.setdefault(message, f"{source.name}/{filename}")
    return found


def _catalogue(lang: str) -> Catalog:
    with (LOCALE / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=lang)


def test_the_extraction_finds_the_pages_messages() -> None:
    found = _extracted()
    # a template heading, a plural of the frame, a code's word and a core message's pattern
    assert "Evaluate a shipment" in found
    assert (
        "%(num)d loaded list older than the staleness limit:",
        "%(num)d loaded lists older than the staleness limit:",
    ) in found
    assert labels.CODES["LICENCE_REQUIRED"] in found
    assert "wrong user name or password" in found
    assert len(found) > 300


@pytest.mark.parametrize("lang", ["ja", "ko"])
def test_every_message_has_a_translation(lang: str) -> None:
    catalogue = _catalogue(lang)
    missing = []
    for msgid, where in sorted(_extracted().items(), key=str):
        message = catalogue.get(msgid)
        strings = () if message is None else message.string
        strings = strings if isinstance(strings, tuple) else (strings,)
        if message is None or message.fuzzy or not all(strings):
            missing.append(f"{where}: {msgid!r}")
    assert not missing, f"{len(missing)} messages without a {lang} translation:\n" + "\n".join(
        missing
    )


@pytest.mark.parametrize("lang", ["ja", "ko"])
def test_the_catalogue_compiles_with_the_msgids_placeholders(lang: str) -> None:
    catalogue = _catalogue(lang)
    problems = [
        f"{message.id!r}: {error}" for message, errors in catalogue.check() for error in errors
    ]
    assert not problems, "\n".join(problems)
    buf = io.BytesIO()
    write_mo(buf, catalogue)
    buf.seek(0)
    compiled = Translations(buf)
    assert compiled.gettext("Evaluate a shipment") not in ("", "Evaluate a shipment")
    # and the pages load the same catalogue
    i18n.translations.cache_clear()
    assert i18n.translations(lang).gettext("Evaluate a shipment") == compiled.gettext(
        "Evaluate a shipment"
    )


@pytest.mark.parametrize(
    ("lang", "raw", "shown"),
    [
        (
            "ja",
            "shipment, field 'destination': ambiguous country 'Korea': KR (South Korea) or "
            "KP (North Korea); give the code",
            "shipment、項目「destination」：国名「Korea」は複数の国を指します：KR (韓国)または"
            "KP (北朝鮮)。コードで指定してください",
        ),
        ("ko", "not an HS code (2–12 digits): '12x'", "HS 코드가 아닙니다(2~12자리): “12x”"),
        (
            "ja",
            "members.csv, line 3, field 'country': unknown country code 'XX' (not in ISO "
            "3166-1; e.g. KR, KP, JP)",
            "members.csv、3行目、項目「country」：不明な国コード「XX」（ISO 3166-1にありません。"
            "例：KR、KP、JP）",
        ),
        ("ja", "wrong user name or password", "ユーザー名またはパスワードが違います"),
        ("ko", "a message the pages do not know", "a message the pages do not know"),
        ("en", "wrong user name or password", "wrong user name or password"),
    ],
)
def test_core_messages_are_shown_in_the_page_language(lang: str, raw: str, shown: str) -> None:
    token = i18n.use(lang)
    try:
        assert labels.message(raw) == shown
    finally:
        i18n.reset(token)


@pytest.mark.parametrize(
    ("lang", "raw", "shown"),
    [
        (
            "ko",
            "20240513-FULL-1_1(xsd).xml: line 4217: logicalId 547 repeats the entry of line "
            "4191: merged into it",
            "20240513-FULL-1_1(xsd).xml, 4217행: logicalId 547은(는) 4191행의 항목과 "
            "중복됩니다: 병합했습니다",
        ),
        (
            "ja",
            "shisantouketsu20260305.xlsx: sheet '2.タリバーン関係者等' row 415: nationality "
            "'2002年にクウェート国籍を剥奪された。' not recognised",
            "shisantouketsu20260305.xlsx、シート「2.タリバーン関係者等」、415行目："
            "国籍「2002年にクウェート国籍を剥奪された。」を認識できません",
        ),
        (
            "ja",
            "sdn.csv read without alt.csv/add.csv: strong aliases and addresses are not in the "
            "main file",
            "sdn.csv を alt.csv/add.csv なしで読み込みました：有力な別名と住所は主ファイルに"
            "含まれていません",
        ),
        ("ko", "a warning the pages do not know", "a warning the pages do not know"),
    ],
)
def test_load_warnings_are_shown_in_the_page_language(lang: str, raw: str, shown: str) -> None:
    token = i18n.use(lang)
    try:
        assert labels.warning(raw) == shown
    finally:
        i18n.reset(token)

"""The message catalogue and the formats of English, Japanese and Korean, shared by the pages
and the reports. Messages come from the Gettext catalogues under
``tradeguard/language/locale/<lang>/LC_MESSAGES/messages.po`` (Babel), compiled in memory when
first used; dates and numbers are formatted for the language with Babel. The language in use is
a context variable: a page's request or a report sets it (:func:`use`, :func:`reset`)."""

from __future__ import annotations

import contextvars
import functools
import io
from datetime import UTC, date, datetime
from importlib import resources
from typing import Any

from babel import Locale
from babel.dates import format_date, format_datetime
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent
from babel.support import NullTranslations, Translations

from tradeguard import settings

LANGUAGES = ("en", "ja", "ko")
NAMES = {"en": "English", "ja": "日本語", "ko": "한국어"}
_current: contextvars.ContextVar[str] = contextvars.ContextVar("tg_lang", default="en")


@functools.cache
def translations(lang: str) -> NullTranslations:
    if lang == "en" or lang not in LANGUAGES:
        return NullTranslations()
    path = resources.files("tradeguard").joinpath(f"language/locale/{lang}/LC_MESSAGES/messages.po")
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    buf = io.BytesIO()
    write_mo(buf, catalog)
    buf.seek(0)
    return Translations(buf)


def negotiate(header: str) -> str:
    """The first of en, ja, ko an Accept-Language header asks for (default en)."""
    asked = [part.split(";")[0].strip().replace("-", "_") for part in header.split(",")]
    found = Locale.negotiate([a for a in asked if a], list(LANGUAGES), sep="_")
    return str(found.language) if found is not None else "en"


def use(lang: str) -> contextvars.Token[str]:
    return _current.set(lang if lang in LANGUAGES else "en")


def reset(token: contextvars.Token[str]) -> None:
    _current.reset(token)


def current() -> str:
    return _current.get()


def gettext(message: str) -> str:
    return str(translations(_current.get()).gettext(message))


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural message for ``n``, its count (``%(num)d``) written as the
    language groups its digits (12,345)."""
    text = str(translations(_current.get()).ngettext(singular, plural, n))
    return text.replace("%(num)d", local_number(n)) if isinstance(n, int) else text


def local_date(value: Any, format: str = "long") -> str:
    """A date (or ISO date text) in the current language's long format: 2026年12月6日,
    2026년 12월 6일, December 6, 2026 (``format="medium"`` where room is short: a chart's
    axis); text that is not a whole date (a year alone, a list's partial date) as it is."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value[:10]).date()
        except ValueError:
            return str(value)
    if isinstance(value, datetime):
        value = value.date()
    if not isinstance(value, date):
        return str(value)
    return str(format_date(value, format=format, locale=_current.get()))


def local_datetime(value: Any) -> str:
    """A time (or ISO text) in the current language, to the minute, in the zone people read
    times in (``$TRADEGUARD_TIME_ZONE``, default UTC) and marked with it: 2026年12月6日 18:05 JST,
    2026년 12월 6일 18:05 KST, 6 Dec 2026 09:05 UTC. A time without a zone is a stored one,
    UTC."""
    when = _moment(value)
    if not isinstance(when, datetime):
        return local_date(when) if isinstance(when, date) else str(when)
    lang = _current.get()
    text = format_datetime(when.replace(tzinfo=None), format=_MINUTES[lang], locale=lang)
    return f"{text} {zone_mark(when)}"


def plain_datetime(value: Any) -> str:
    """A time (or ISO text) for the command line's tables, to the minute, in the zone people
    read times in and marked with it: ``2026-12-06 18:05 JST``."""
    when = _moment(value)
    if not isinstance(when, datetime):
        return str(when)
    return f"{when:%Y-%m-%d %H:%M} {zone_mark(when)}"


def zoned(value: datetime) -> datetime:
    """``value`` in the zone people read times in (``$TRADEGUARD_TIME_ZONE``); a time
    without a zone is a stored one, UTC."""
    aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    return aware.astimezone(settings.time_zone())


def zone_mark(when: datetime) -> str:
    """What a shown time is marked with: the zone's abbreviation (JST, KST, UTC, CET) or,
    for a zone that has only a numeric one, its offset from UTC (UTC+04:00)."""
    name = when.tzname() or ""
    if name.isalpha():
        return name
    offset = when.utcoffset()
    if offset is None:
        return "UTC"
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    hours, minutes = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{minutes:02d}"


def _moment(value: Any) -> Any:
    """A datetime (or ISO text of one) in the zone people read times in; a date, or anything
    else, as it is."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return value
    return zoned(value) if isinstance(value, datetime) else value


_MINUTES = {"en": "d MMM y HH:mm", "ja": "y年M月d日 H:mm", "ko": "y년 M월 d일 HH:mm"}


def local_number(value: Any, pattern: str | None = None) -> str:
    """A number in the current language; ``pattern`` a Babel/CLDR pattern such as ``0.00``."""
    try:
        return str(format_decimal(value, format=pattern, locale=_current.get()))
    except (TypeError, ValueError, ArithmeticError):
        return str(value)


def local_percent(value: Any, scale: float = 1.0) -> str:
    """A share as a percentage in the current language (``scale=100`` when ``value`` is
    already in per cent): 0.51 -> "51%" (en, ja), "51%" (ko)."""
    try:
        return str(format_percent(float(value) / scale, format="#,##0.#%", locale=_current.get()))
    except (TypeError, ValueError, ArithmeticError):
        return str(value)

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
    """A time (or ISO text) in the current language, to the minute, in UTC as the audit log
    records it: 2026年12月6日 20:05 UTC, 2026년 12월 6일 20:05 UTC, 6 Dec 2026 20:05 UTC."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return str(value)
    if isinstance(value, date) and not isinstance(value, datetime):
        return local_date(value)
    if not isinstance(value, datetime):
        return str(value)
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    lang = _current.get()
    when = format_datetime(value, format=_MINUTES[lang], locale=lang)
    return f"{when} UTC"


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

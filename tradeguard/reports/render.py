"""Rendering a report: Jinja2 HTML (templates in ``tradeguard/reports/templates``) and PDF, in
English, Japanese or Korean with the pages' catalogue (:mod:`tradeguard.language`): the same
words for codes, reasons, the explanation of a match and the audit actions, dates and numbers
as the language writes them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from tradeguard.errors import InputError
from tradeguard.language import audit_words, i18n, labels, reason_words
from tradeguard.reports import explain_words
from tradeguard.screening.features import shown


def _score(value: Any) -> str:
    """A screening score as the pages and reports show it: two decimals, cut and not rounded
    (:func:`tradeguard.screening.features.shown`: 0.6995, below a threshold of 0.7, is 0.69)."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    return i18n.local_number(shown(number), "0.00")


def localised(package: str) -> Environment:
    """A Jinja2 environment for the templates of ``package`` (its ``templates`` folder) in
    the current language: HTML escaped, the catalogue's words (``_``, ``ngettext``), dates and
    numbers as the language writes them, and the words for codes, outcomes, reasons, audit
    actions and the explanation of a match. The reports use it as it is; the pages add their
    own filters to theirs."""
    env = Environment(
        loader=PackageLoader(package, "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_callables(  # type: ignore[attr-defined]
        i18n.gettext, i18n.ngettext, newstyle=True
    )
    env.filters["ldate"] = i18n.local_date
    env.filters["ldatetime"] = i18n.local_datetime
    env.filters["lnumber"] = i18n.local_number
    env.filters["lscore"] = _score
    env.filters["label"] = labels.label
    env.filters["outcome"] = labels.outcome
    env.filters["reason"] = reason_words.sentence
    env.filters["unverified"] = reason_words.unverified
    env.filters["action"] = audit_words.action
    env.filters["said"] = audit_words.said
    env.filters["subject"] = labels.subject
    env.filters["change"] = audit_words.change
    env.filters["explain"] = explain_words.sentences
    return env


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The reports' environment (templates in ``tradeguard/reports/templates``)."""
    return localised("tradeguard.reports")


@dataclass
class Report:
    """A rendered report: its HTML, the data it was made from, and a PDF on demand (made
    once: a report asked for again gives the same bytes)."""

    name: str
    html: str
    data: dict[str, Any]
    _pdf: bytes | None = field(default=None, init=False, repr=False, compare=False)

    def pdf(self) -> bytes:
        if self._pdf is None:
            from weasyprint import HTML  # imported late: it loads pango

            self._pdf = HTML(string=self.html).write_pdf()
        return self._pdf

    def write(self, out_dir: Path) -> dict[str, str]:
        """Write ``NAME.html`` and ``NAME.pdf`` into ``out_dir``; returns their paths."""
        out_dir.mkdir(parents=True, exist_ok=True)
        html_path = out_dir / f"{self.name}.html"
        pdf_path = out_dir / f"{self.name}.pdf"
        html_path.write_text(self.html, encoding="utf-8")
        tmp = pdf_path.with_suffix(".pdf.tmp")
        tmp.write_bytes(self.pdf())
        tmp.replace(pdf_path)
        return {"html": str(html_path), "pdf": str(pdf_path)}


def language(lang: str | None) -> str:
    """The report's language: en (the default), ja or ko; anything else is refused."""
    if not lang:
        return "en"
    if lang not in i18n.LANGUAGES:
        raise InputError(f"unknown language {lang!r}; expected en, ja or ko", field="lang")
    return lang


def generated(clock: Callable[[], datetime] | None = None) -> str:
    """When a report is made, as its data states it: UTC ISO-8601 with the offset, to the
    second (its pages show it in the zone people read times in)."""
    now = clock() if clock is not None else datetime.now(UTC)
    return now.astimezone(UTC).isoformat(timespec="seconds")


def render(template: str, lang: str = "en", **context: Any) -> str:
    """The template rendered in ``lang`` (its words, dates and numbers)."""
    token = i18n.use(lang)
    try:
        return environment().get_template(template).render(lang=lang, **context)
    finally:
        i18n.reset(token)

"""Rendering a report: Jinja2 HTML (templates in ``tradeguard/reports/templates``) and PDF."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape


@lru_cache(maxsize=1)
def environment() -> Environment:
    return Environment(
        loader=PackageLoader("tradeguard.reports", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


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


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)

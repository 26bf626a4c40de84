"""The Jinja2 environment of the pages (templates in ``tradeguard/web/templates``)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from tradeguard.language import audit_words, i18n, labels, reason_words
from tradeguard.lists import consequences
from tradeguard.reports import explain, explain_words
from tradeguard.web import language, shipment_form


def _score_pct(value: Any) -> int:
    try:
        return max(0, min(100, round(float(value) * 100)))
    except (TypeError, ValueError):
        return 0


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("tradeguard.web", "templates"),
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
    env.filters["lpercent"] = i18n.local_percent
    env.filters["label"] = labels.label
    env.filters["field_name"] = labels.field_name
    env.filters["outcome"] = labels.outcome
    env.filters["message"] = labels.message
    env.filters["warning"] = labels.warning
    env.filters["reason"] = reason_words.sentence
    env.filters["unverified"] = reason_words.unverified
    env.filters["action"] = audit_words.action
    env.filters["field_label"] = shipment_form.field_label
    env.globals["languages"] = i18n.NAMES
    env.filters["pct"] = _score_pct
    env.filters["explain"] = explain_words.sentences
    env.filters["exposure_summary"] = labels.exposure_summary
    env.filters["mark_words"] = explain.highlight
    env.filters["by_jurisdiction"] = consequences.ordered
    env.globals["list_info"] = consequences.list_info
    env.globals["edge_label"] = labels.edge_label
    return env


_STYLE_ATTR = re.compile(r'\sstyle="([^"]*)"')
_STYLE_ELEMENT = re.compile(r"<style[^>]*>\s*\*\s*\{([^}]*)\}\s*</style>")


def _attributes(declarations: str) -> str:
    out = []
    for declaration in declarations.split(";"):
        name, sep, value = declaration.partition(":")
        if sep and name.strip():
            out.append(f' {name.strip()}="{value.strip()}"')
    return "".join(out)


def svg_attributes(svg: str) -> str:
    """A matplotlib SVG with its styles as presentation attributes, so that the page's
    Content-Security-Policy (no inline styles) leaves the drawing as it is: each ``style``
    attribute becomes attributes (``fill``, ``stroke-width``, ``font-family`` ...), and the
    one ``* {...}`` style element becomes attributes of the root, which every element
    inherits."""
    root = ""
    match = _STYLE_ELEMENT.search(svg)
    if match is not None:
        root = _attributes(match.group(1))
        svg = svg[: match.start()] + svg[match.end() :]
    svg = _STYLE_ATTR.sub(lambda m: _attributes(m.group(1)), svg)
    return svg.replace("<svg", "<svg" + root, 1) if root else svg


def render(template: str, **context: Any) -> str:
    """The template rendered in the request's language (``request`` in the context)."""
    request = context.get("request")
    token = i18n.use(language.choose(request) if request is not None else "en")
    try:
        return environment().get_template(template).render(lang=i18n.current(), **context)
    finally:
        i18n.reset(token)

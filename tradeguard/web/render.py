"""The Jinja2 environment of the pages (templates in ``tradeguard/web/templates``)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from jinja2 import Environment

from tradeguard.language import i18n, labels, relation_words
from tradeguard.lists import consequences
from tradeguard.reports import explain
from tradeguard.reports.render import localised
from tradeguard.web import language, shipment_form


def _score_pct(value: Any) -> int:
    try:
        return max(0, min(100, round(float(value) * 100)))
    except (TypeError, ValueError):
        return 0


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The reports' localised environment (:func:`tradeguard.reports.render.localised`) on
    the pages' templates, with the pages' own filters and globals."""
    env = localised("tradeguard.web")
    env.filters["lpercent"] = i18n.local_percent
    env.filters["field_name"] = labels.field_name
    env.filters["message"] = labels.message
    env.filters["warning"] = labels.warning
    env.filters["field_label"] = shipment_form.field_label
    env.globals["languages"] = i18n.NAMES
    env.filters["pct"] = _score_pct
    env.filters["exposure_summary"] = labels.exposure_summary
    env.filters["mark_words"] = explain.highlight
    env.filters["by_jurisdiction"] = consequences.ordered
    env.globals["list_info"] = consequences.list_info
    env.globals["edge_label"] = labels.edge_label
    env.globals["edge_sentence"] = relation_words.edge_sentence
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

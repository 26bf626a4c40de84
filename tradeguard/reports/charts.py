"""Plots as SVG text (matplotlib, no display needed), for the web dashboard and the reports.

Text stays text in the SVG (``svg.fonttype = none``), so a screen reader and a PDF text
extraction both see the labels; every chart also gets a ``<title>`` naming what it shows.
"""

from __future__ import annotations

import functools
import io
import threading
from collections.abc import Mapping

_lock = threading.Lock()  # pyplot's state is global

#: One colour per verdict (colour-blind-safe hues, each distinct from the others).
VERDICT_COLOURS = {
    "PROHIBITED": "#a40e26",
    "LICENCE_REQUIRED": "#e66100",
    "REVIEW": "#5d3a9b",
    "CLEAR": "#1a7f37",
}
LABEL_WIDTH = 30  # characters of a bar's label per line


def _wrap(label: str) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(label, LABEL_WIDTH)) or label


def _finish(fig: object, title: str) -> str:
    import matplotlib.pyplot as plt

    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight")  # type: ignore[attr-defined]
    plt.close(fig)  # type: ignore[arg-type]
    svg = buf.getvalue()
    start = svg.find("<svg")
    svg = svg[start:]
    head_end = svg.find(">") + 1
    from html import escape

    return (
        svg[:head_end].replace("<svg", '<svg role="img" aria-label="' + escape(title) + '"', 1)
        + f"<title>{escape(title)}</title>"
        + svg[head_end:]
    )


def _setup() -> None:
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams["svg.fonttype"] = "none"
    matplotlib.rcParams["svg.hashsalt"] = "tradeguard"
    matplotlib.rcParams["font.size"] = 9
    # Japanese and Korean labels of the pages: measured with a CJK font where one is installed
    # (the SVG keeps the text, which the browser draws with its own fonts)
    matplotlib.rcParams["font.family"] = ["DejaVu Sans", *_cjk_fonts()]


@functools.cache
def _cjk_fonts() -> tuple[str, ...]:
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    return tuple(f for f in ("IPAGothic", "IPAPGothic", "NanumGothic") if f in installed)


EMPTY = "no data in this period"


def bar_chart(
    title: str,
    data: Mapping[str, int],
    *,
    limit: int = 12,
    colour: str = "#2f5d8a",
    words: Mapping[str, str] | None = None,
    empty: str = EMPTY,
) -> str:
    """Horizontal bars (:func:`_bar_chart`), drawn once per distinct content; ``words`` shows
    a key (a verdict code ...) as a word, ``empty`` is what a chart without data says (the
    pages give both in their language)."""
    shown = tuple(sorted((words or {}).items()))
    return _bar_chart(title, tuple(sorted(data.items())), limit, colour, shown, empty)


@functools.lru_cache(maxsize=64)
def _bar_chart(
    title: str,
    pairs: tuple[tuple[str, int], ...],
    limit: int,
    colour: str,
    shown: tuple[tuple[str, str], ...],
    empty: str,
) -> str:
    """Horizontal bars, largest first; verdicts each in their own colour
    (:data:`VERDICT_COLOURS`), long labels wrapped, room kept for the value beside each bar."""
    words = dict(shown)
    with _lock:
        _setup()
        import matplotlib.pyplot as plt

        items = sorted(pairs, key=lambda kv: (-kv[1], kv[0]))[:limit]
        lines = sum(len(_wrap(k).splitlines()) for k, _ in items)
        fig, ax = plt.subplots(figsize=(5.6, 0.6 + 0.3 * max(lines, len(items), 1)))
        if items:
            keys = [k for k, _ in items][::-1]
            values = [v for _, v in items][::-1]
            colours = [VERDICT_COLOURS.get(k, colour) for k in keys]
            ax.barh(range(len(keys)), values, color=colours)
            ax.set_yticks(range(len(keys)), [_wrap(words.get(k, k)) for k in keys])
            ax.set_xlim(0, max(values) * 1.18 + 0.5)  # the value text stays inside
            for y, v in enumerate(values):
                ax.text(v, y, f" {v}", va="center")
        else:
            ax.text(0.5, 0.5, empty, ha="center", va="center")
            ax.set_yticks([])
        ax.set_title(title, loc="left")
        ax.spines[["top", "right"]].set_visible(False)
        ax.xaxis.get_major_locator().set_params(integer=True)  # type: ignore[call-arg]
        return _finish(fig, title)


def day_chart(
    title: str,
    series: Mapping[str, Mapping[str, int]],
    *,
    days: Mapping[str, str] | None = None,
    empty: str = EMPTY,
) -> str:
    """One line per series over days (``{"series": {"YYYY-MM-DD": n}}``), drawn once per
    distinct content; ``days`` shows a day as the page's language writes it."""
    frozen = tuple((name, tuple(sorted(values.items()))) for name, values in series.items())
    return _day_chart(title, frozen, tuple(sorted((days or {}).items())), empty)


@functools.lru_cache(maxsize=64)
def _day_chart(
    title: str,
    frozen: tuple[tuple[str, tuple[tuple[str, int], ...]], ...],
    shown: tuple[tuple[str, str], ...],
    empty: str,
) -> str:
    series = {name: dict(values) for name, values in frozen}
    words = dict(shown)
    with _lock:
        _setup()
        import matplotlib.pyplot as plt

        fig, ax = plt.subplots(figsize=(6.4, 2.4))
        days = sorted({d for s in series.values() for d in s})
        if days:
            for name, values in series.items():
                ax.plot(days, [values.get(d, 0) for d in days], marker="o", label=name)
            ax.legend(loc="upper left", frameon=False)
            ticks = days[:: max(1, len(days) // 8)] if len(days) > 8 else days
            ax.set_xticks(ticks, [words.get(d, d) for d in ticks])
            top = max((v for s in series.values() for v in s.values()), default=0)
            ax.set_ylim(0, max(1, top) * 1.2)  # from zero: one day of 5 is not a 5-6 axis
            ax.tick_params(axis="x", labelrotation=30)
            for label in ax.get_xticklabels():
                label.set_horizontalalignment("right")
        else:
            ax.text(0.5, 0.5, empty, ha="center", va="center")
        ax.set_title(title, loc="left")
        ax.spines[["top", "right"]].set_visible(False)
        ax.yaxis.get_major_locator().set_params(integer=True)  # type: ignore[call-arg]
        return _finish(fig, title)

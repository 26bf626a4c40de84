"""Plots as SVG text (matplotlib, no display needed), for the web dashboard and the reports.

Text stays text in the SVG (``svg.fonttype = none``), so a screen reader and a PDF text
extraction both see the labels; every chart also gets a ``<title>`` naming what it shows.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Mapping

_lock = threading.Lock()  # pyplot's state is global


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


def bar_chart(
    title: str, data: Mapping[str, int], *, limit: int = 12, colour: str = "#2f5d8a"
) -> str:
    """Horizontal bars, largest first."""
    with _lock:
        _setup()
        import matplotlib.pyplot as plt

        items = sorted(data.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
        fig, ax = plt.subplots(figsize=(5.2, 0.45 + 0.3 * max(len(items), 1)))
        if items:
            labels = [k for k, _ in items][::-1]
            values = [v for _, v in items][::-1]
            ax.barh(labels, values, color=colour)
            for y, v in enumerate(values):
                ax.text(v, y, f" {v}", va="center")
        else:
            ax.text(0.5, 0.5, "no data in this period", ha="center", va="center")
            ax.set_yticks([])
        ax.set_title(title, loc="left")
        ax.spines[["top", "right"]].set_visible(False)
        ax.xaxis.get_major_locator().set_params(integer=True)  # type: ignore[call-arg]
        return _finish(fig, title)


def day_chart(title: str, series: Mapping[str, Mapping[str, int]]) -> str:
    """One line per series over days (``{"series": {"YYYY-MM-DD": n}}``)."""
    with _lock:
        _setup()
        import matplotlib.pyplot as plt

        fig, ax = plt.subplots(figsize=(6.4, 2.4))
        days = sorted({d for s in series.values() for d in s})
        if days:
            for name, values in series.items():
                ax.plot(days, [values.get(d, 0) for d in days], marker="o", label=name)
            ax.legend(loc="upper left", frameon=False)
            if len(days) > 8:
                ax.set_xticks(days[:: max(1, len(days) // 8)])
        else:
            ax.text(0.5, 0.5, "no data in this period", ha="center", va="center")
        ax.set_title(title, loc="left")
        ax.spines[["top", "right"]].set_visible(False)
        ax.yaxis.get_major_locator().set_params(integer=True)  # type: ignore[call-arg]
        return _finish(fig, title)

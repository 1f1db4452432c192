"""Drawing with matplotlib's object API (never pyplot) and embedding the result as inline
SVG: the house style, the colour-blind-safe palette and the id-prefixing that lets many
charts share one HTML page.

Every series gets a colour from the Okabe-Ito palette *and* a marker, line style or hatch,
so a chart printed in greyscale or read by someone with colour-vision deficiency loses
nothing.
"""

from __future__ import annotations

import io
import itertools
import re
from contextlib import contextmanager
from typing import Any

#: Okabe & Ito (2008) colour-blind-safe palette.
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442",
             "#000000")
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
LINESTYLES = ("-", "--", ":", "-.")
HATCHES = ("", "//", "\\\\", "xx", "--", "||", "++", "/-")
#: line hatches only: dot and circle hatches turn into thousands of SVG curves
STYLE: dict[str, Any] = {
    "font.size": 8.5, "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Arial", "Helvetica", "sans-serif"],
    "svg.fonttype": "none", "svg.hashsalt": "faultlines",
    "axes.spines.top": False, "axes.spines.right": False, "axes.edgecolor": "#222222",
    "axes.titlesize": 8.5, "axes.titleweight": "bold", "axes.titlelocation": "left",
    "axes.labelcolor": "#111111", "xtick.color": "#222222", "ytick.color": "#222222",
    "hatch.linewidth": 0.7, "hatch.color": "#222222", "legend.frameon": False,
    "legend.fontsize": 8,
}
_ids = itertools.count(1)


@contextmanager
def style():
    """Apply the house style while a figure is built and saved."""
    import matplotlib

    with matplotlib.rc_context(STYLE):
        yield


def new_figure(width: float, height: float):
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def to_svg(fig: Any, label: str) -> str:
    """The figure as an <svg> element: no XML prolog, fluid width, unique ids, a title."""
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None})
    text = buf.getvalue()
    text = text[text.index("<svg"):]
    uid = f"c{next(_ids)}"
    text = re.sub(r'\sid="([^"]+)"', lambda m: f' id="{uid}-{m.group(1)}"', text)
    text = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{uid}-{m.group(1)})", text)
    text = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{uid}-{m.group(1)}"', text)
    head_end = text.index(">")
    head = re.sub(r'\s(width|height)="[^"]*"', "", text[:head_end])
    safe = label.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
    return (f'{head} role="img" aria-label="{safe}">'
            f"<title>{safe}</title>{text[head_end + 1:]}")


def shade_stages(ax: Any, spans: list[tuple[str, str, int, int]], *, labels: bool = True,
                 short: dict[str, str] | None = None, numbers: dict[str, int] | None = None,
                 width_in: float = 6.3) -> None:
    """Alternate light grey bands for the stages, every one labelled at the top
    (greyscale-safe): by name where its band is wide enough (`width_in`: the axes' width in
    inches), else by its number in the key (`numbers`), so no label overlaps another."""
    total = max((x1 for _, _, _, x1 in spans), default=1) or 1
    for k, (sid, name, x0, x1) in enumerate(spans):
        if k % 2 == 1:
            ax.axvspan(x0, max(x1, x0 + 0.5), color="#e4e4e4", zorder=0, lw=0)
        label = (short or {}).get(sid, name)
        room = (x1 - x0) / total * width_in
        if labels and room < len(label) * 0.055:
            label = str((numbers or {}).get(sid, "")) if room >= 0.06 else ""
        if labels and label:
            ax.text((x0 + max(x1, x0 + 0.5)) / 2, 1.0, label,
                    transform=ax.get_xaxis_transform(), ha="center", va="bottom",
                    fontsize=6.5, color="#333333", clip_on=False)


def integer_ticks(ax: Any) -> None:
    """Whole-number ticks on the x axis (moves and counts are never fractional)."""
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))

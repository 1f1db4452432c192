"""The reports' chart style: the colour-blind-safe palette and the markers, line styles and
hatches that carry each category as well as its colour, so a chart printed in greyscale or
read by someone with colour-vision deficiency loses nothing. The charts themselves are
written as plain SVG (plainsvg, svgcharts, stance_chart)."""

from __future__ import annotations

#: Okabe & Ito (2008) colour-blind-safe palette.
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442",
             "#000000")
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
#: line hatches only (each is a small SVG pattern: see plainsvg.hatch_fill)
HATCHES = ("", "//", "\\\\", "xx", "--", "||", "++", "/-")

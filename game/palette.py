"""Colours, shapes and letters for sectors and stances.

Sectors are shown by colour AND shape AND a short letter code, so nothing depends on
colour alone. The default palette is Okabe & Ito's (2008), distinguishable with the
common colour-vision deficiencies; a conventional palette is offered as an option.
"""

from __future__ import annotations

from dataclasses import dataclass

Colour = tuple[int, int, int]


def hex_colour(h: str) -> Colour:
    h = h.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


OKABE_ITO = {
    "orange": hex_colour("#E69F00"), "sky": hex_colour("#56B4E9"),
    "green": hex_colour("#009E73"), "yellow": hex_colour("#F0E442"),
    "blue": hex_colour("#0072B2"), "vermillion": hex_colour("#D55E00"),
    "purple": hex_colour("#CC79A7"), "grey": hex_colour("#BBBBBB"),
}
STANDARD = {
    "orange": hex_colour("#ff7f0e"), "sky": hex_colour("#17becf"),
    "green": hex_colour("#2ca02c"), "yellow": hex_colour("#bcbd22"),
    "blue": hex_colour("#1f77b4"), "vermillion": hex_colour("#d62728"),
    "purple": hex_colour("#9467bd"), "grey": hex_colour("#8c8c8c"),
}

# The window's chrome (the same in both palettes; contrast ratios above 7:1 for text).
BG = hex_colour("#12161d")
PANEL = hex_colour("#1c222c")
PANEL_HI = hex_colour("#262e3b")
BORDER = hex_colour("#3a4456")
TEXT = hex_colour("#eef1f6")
MUTED = hex_colour("#aab4c3")
FAINT = hex_colour("#6b778a")
FOCUS = hex_colour("#F0E442")  # Okabe-Ito yellow: the keyboard focus ring and prompts
ACCENT = hex_colour("#56B4E9")


@dataclass(frozen=True)
class Group:
    """A family of sectors drawn alike on the map."""

    key: str
    name: str
    shape: str  # circle, square, diamond, triangle, triangle_down, hexagon, pentagon, star
    colour_key: str


GROUPS = {
    "hospital": Group("hospital", "Hospitals", "square", "vermillion"),
    "mhc": Group("mhc", "Mental health and community", "diamond", "purple"),
    "primary": Group("primary", "General practice", "triangle", "green"),
    "council": Group("council", "Councils, social care, public health", "hexagon", "orange"),
    "voice": Group("voice", "Voluntary sector and patients", "circle", "yellow"),
    "commissioner": Group("commissioner", "Commissioners", "pentagon", "blue"),
    "emergency": Group("emergency", "Police and ambulance", "triangle_down", "sky"),
    "private": Group("private", "Private providers", "star", "grey"),
}
SECTOR_GROUP = {
    "acute": "hospital", "specialist": "hospital",
    "mental_health": "mhc", "community": "mhc",
    "primary_care": "primary",
    "social_care": "council", "council": "council", "public_health": "council",
    "voluntary": "voice", "patients": "voice",
    "commissioner": "commissioner",
    "police": "emergency", "ambulance": "emergency",
    "private": "private",
}
SECTOR_CODE = {
    "acute": "H", "specialist": "T", "mental_health": "MH", "community": "CH",
    "primary_care": "GP", "social_care": "SC", "council": "LA", "public_health": "PH",
    "voluntary": "V", "patients": "P", "commissioner": "C", "police": "Po",
    "ambulance": "A", "private": "Pr",
}
SECTOR_NAME = {
    "acute": "acute hospital", "specialist": "specialist / teaching hospital",
    "mental_health": "mental health", "community": "community health",
    "primary_care": "general practice", "social_care": "adult social care",
    "council": "local authority", "public_health": "public health",
    "voluntary": "voluntary sector", "patients": "patients and carers",
    "commissioner": "commissioning", "police": "police", "ambulance": "ambulance service",
    "private": "private provider",
}


class Palette:
    """The colours in use (switchable at run time from the settings)."""

    def __init__(self, colourblind: bool = True):
        self.colourblind = colourblind
        self.named = OKABE_ITO if colourblind else STANDARD
        if colourblind:
            self.support = OKABE_ITO["sky"]
            self.oppose = OKABE_ITO["orange"]
        else:
            self.support = hex_colour("#66bb6a")
            self.oppose = hex_colour("#ef5350")
        self.neutral = MUTED

    def group(self, sector: str) -> Group:
        return GROUPS[SECTOR_GROUP.get(sector, "private")]

    def sector_colour(self, sector: str) -> Colour:
        return self.named[self.group(sector).colour_key]

    def stance_colour(self, x: float) -> Colour:
        if x >= 0.1:
            return self.support
        if x <= -0.1:
            return self.oppose
        return self.neutral

    @staticmethod
    def ink_on(fill: Colour) -> Colour:
        """Black or white, whichever reads better on `fill` (WCAG relative luminance)."""
        def lin(c: int) -> float:
            v = c / 255
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
        lum = 0.2126 * lin(fill[0]) + 0.7152 * lin(fill[1]) + 0.0722 * lin(fill[2])
        return (0, 0, 0) if lum > 0.22 else (255, 255, 255)


def hexs(c: Colour) -> str:
    return "#{:02x}{:02x}{:02x}".format(*c[:3])

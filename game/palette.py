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


@dataclass(frozen=True)
class Chrome:
    """One theme's window colours. Every colour used for text (text, muted, faint, focus,
    accent, support, oppose) reads at 4.5:1 or more on every background (bg, panel,
    panel_hi): tests/test_palette.py computes it."""

    bg: str
    panel: str
    panel_hi: str
    border: str
    text: str
    muted: str
    faint: str
    focus: str  # the keyboard focus ring and prompts
    accent: str
    support: tuple[str, str]  # (colour-blind safe, conventional)
    oppose: tuple[str, str]


THEMES: dict[str, Chrome] = {
    # the default: light text on a dark ground
    "dark": Chrome(bg="#12161d", panel="#1c222c", panel_hi="#262e3b", border="#3a4456",
                   text="#eef1f6", muted="#aab4c3", faint="#929db0", focus="#F0E442",
                   accent="#56B4E9", support=("#56B4E9", "#66bb6a"),
                   oppose=("#E69F00", "#f47370")),
    # for washed-out projectors and bright rooms: near-black on white, darker signal colours
    "light": Chrome(bg="#ffffff", panel="#f3f5f8", panel_hi="#e4e8ef", border="#6b7689",
                    text="#0d1117", muted="#3d4656", faint="#545f70", focus="#b0006d",
                    accent="#005a9c", support=("#00639e", "#1e6b24"),
                    oppose=("#a84300", "#b3261e")),
}
THEME_NAMES = tuple(THEMES)

class ThemeColour(list):
    """An (r, g, b) colour of the theme in use: a plain sequence that pygame draws with and
    `(*colour, alpha)` extends, which `use_theme` changes in place."""

    def __init__(self, hex_text: str):
        super().__init__(hex_colour(hex_text))

    def set(self, hex_text: str) -> None:
        self[:] = hex_colour(hex_text)


# The chrome colours of the theme in use, changed in place by `use_theme`, so every module
# that imported them draws in the new theme at its next frame.
BG = ThemeColour(THEMES["dark"].bg)
PANEL = ThemeColour(THEMES["dark"].panel)
PANEL_HI = ThemeColour(THEMES["dark"].panel_hi)
BORDER = ThemeColour(THEMES["dark"].border)
TEXT = ThemeColour(THEMES["dark"].text)
MUTED = ThemeColour(THEMES["dark"].muted)
FAINT = ThemeColour(THEMES["dark"].faint)
FOCUS = ThemeColour(THEMES["dark"].focus)
ACCENT = ThemeColour(THEMES["dark"].accent)
_CHROME = {"bg": BG, "panel": PANEL, "panel_hi": PANEL_HI, "border": BORDER, "text": TEXT,
           "muted": MUTED, "faint": FAINT, "focus": FOCUS, "accent": ACCENT}


def use_theme(name: str) -> Chrome:
    """Switch the chrome colours to theme `name` (an unknown name: the dark theme)."""
    chrome = THEMES.get(name, THEMES["dark"])
    for key, colour in _CHROME.items():
        colour.set(getattr(chrome, key))
    return chrome


def luminance(c) -> float:
    """WCAG 2 relative luminance of an sRGB colour."""
    def lin(v: int) -> float:
        x = v / 255
        return x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4
    return 0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2])


def contrast(a, b) -> float:
    """WCAG 2 contrast ratio of two colours (1 to 21; text needs 4.5)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


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

    def __init__(self, colourblind: bool = True, theme: str = "dark"):
        self.colourblind = colourblind
        self.theme = theme if theme in THEMES else "dark"
        self.named = OKABE_ITO if colourblind else STANDARD
        chrome = THEMES[self.theme]
        which = 0 if colourblind else 1
        self.support = hex_colour(chrome.support[which])
        self.oppose = hex_colour(chrome.oppose[which])
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
        return (0, 0, 0) if luminance(fill) > 0.22 else (255, 255, 255)


def hexs(c: Colour) -> str:
    return "#{:02x}{:02x}{:02x}".format(*c[:3])

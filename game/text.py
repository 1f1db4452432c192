"""Words for the window: numbers with real minus signs, stance words, and the transcript's
HTML lines for each kind of event (pygame_gui's text boxes read a small HTML subset)."""

from __future__ import annotations

from faultlines.engine.domain import CONTRIBUTIONS
from faultlines.engine.events import Event
from faultlines.engine.view import PlayerView, action_news
from faultlines.game.markup import esc
from faultlines.game.palette import MUTED, Palette, hexs

__all__ = ["esc", "signed", "stance_word", "stance_phrase", "event_html", "surname"]


def signed(x: float, digits: int = 2) -> str:
    s = f"{x:+.{digits}f}"
    return s.replace("-", "\u2212")


#: Bands of the stance scale for words (the same bands the text edition uses).
STANCE_BANDS = ((0.45, "strong support", "seems to champion the plan"),
                (0.1, "supports", "seems to support it"),
                (-0.1, "undecided", "seems undecided"),
                (-0.45, "opposes", "seems to oppose it"))


def stance_word(x: float) -> str:
    for lo, word, _ in STANCE_BANDS:
        if x >= lo if lo > 0 else x > lo:
            return word
    return "strong opposition"


def stance_phrase(x: float) -> str:
    """"Seems to support it" etc. (the estimate is a guess until the player listens)."""
    for lo, _, phrase in STANCE_BANDS:
        if x >= lo if lo > 0 else x > lo:
            return phrase
    return "seems strongly opposed"


def pct(x: float) -> str:
    return f"{x:.0%}"


def surname(name: str) -> str:
    """The label on the map: the last word of a name ("Prof. Alan Rooke" -> "Rooke")."""
    parts = name.replace(".", ". ").split()
    return parts[-1] if parts else name


def colour_span(text: str, colour: tuple[int, int, int]) -> str:
    return f"<font color='{hexs(colour)}'>{text}</font>"


def shift_html(e: Event, view: PlayerView, pal: Palette) -> str:
    sid = e.data.get("target")
    try:
        p = view.person(sid)
    except StopIteration:
        return esc(e.text)
    up = e.data.get("after", 0.0) > e.data.get("before", 0.0)
    word = "\u25b2 warms to the plan" if up else "\u25bc cools on the plan"
    known = dict(p.why)
    parts = [(k, x) for k, x in e.data.get("why", {}).items() if known.get(k) is not None]
    parts.sort(key=lambda kv: -abs(kv[1]))
    why = ", ".join(f"{esc(CONTRIBUTIONS[k].lower())} {signed(x)}" for k, x in parts[:2])
    line = f"{esc(p.name)} {colour_span(word, pal.support if up else pal.oppose)}"
    return line + (f" <i>({why})</i>" if why else "")


def event_html(e: Event, view: PlayerView, pal: Palette) -> str | None:
    """One transcript line for an event (None for events the transcript leaves out)."""
    k = e.kind
    if k in ("snapshot", "episode"):  # figures for charts, and the debrief's episode record
        return None
    text = esc(e.text)
    muted = hexs(MUTED)
    if k == "act":
        return f"<b>You:</b> {text}"
    if k == "shift":
        return "&nbsp;&nbsp;" + shift_html(e, view, pal)
    if k == "round":
        return f"<font color='{muted}'><i>{text}</i></font>"
    if k == "stage":
        return f"<b>\u2014 {text}</b>"
    if k == "scenario":
        title, _, rest = e.text.partition(": ")
        return f"<b>\u26a0 {esc(title)}:</b> {esc(rest)}" if rest else f"<b>{text}</b>"
    if k == "decision":
        ok = e.data.get("result") == "passed"
        mark = "\u2713" if ok else "\u2717"
        return f"<b>{colour_span(mark + ' ' + text, pal.support if ok else pal.oppose)}</b>"
    if k in ("hiatus", "exposure", "resurface"):
        return f"<b>\u26a0</b> {colour_span(text, pal.oppose)}"
    if k == "outcome":
        return f"<b>\u25a0 Outcome: {text}</b>"
    if k == "action":
        said = action_news(e)
        return None if said is None else f"<b>\u25c6</b> {esc(said)}"
    return text

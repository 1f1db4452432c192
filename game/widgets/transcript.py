"""The transcript: every event as a line of markup. The table's live panel shows the last
lines (`recent_lines`; each new line is laid out once, when it arrives), the replay shows
`recent_html`, and the full history opens in a paged window."""

from __future__ import annotations

from faultlines.engine.events import Event
from faultlines.engine.view import PlayerView
from faultlines.game.palette import MUTED, Palette, hexs
from faultlines.game.text import event_html

RECENT_CHARS = 6000
PAGE_LINES = 60
EARLIER = (f"<font color='{hexs(MUTED)}'><i>Earlier turns are in the full transcript "
           "(press L).</i></font>")


class Transcript:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, events: list[Event], view: PlayerView, pal: Palette) -> None:
        for e in events:
            line = event_html(e, view, pal)
            if line:
                self.lines.append(line)

    @classmethod
    def from_events(cls, events: list[Event], view: PlayerView, pal: Palette) -> Transcript:
        t = cls()
        t.add(events, view, pal)
        return t

    def recent_html(self, max_chars: int = RECENT_CHARS) -> str:
        picked: list[str] = []
        total = 0
        for line in reversed(self.lines):
            if total + len(line) > max_chars and picked:
                break
            picked.append(line)
            total += len(line) + 4
        picked.reverse()
        if len(picked) < len(self.lines):
            picked.insert(0, EARLIER)
        return "<br>".join(picked) or "Nothing has happened yet."

    def recent_lines(self, max_lines: int) -> list[str]:
        """The last `max_lines` lines, with a note when earlier ones are left out."""
        if not self.lines:
            return ["Nothing has happened yet."]
        if len(self.lines) <= max_lines:
            return list(self.lines)
        return [EARLIER] + self.lines[-max_lines:]

    def pages(self, page_lines: int = PAGE_LINES) -> list[str]:
        if not self.lines:
            return ["Nothing has happened yet."]
        return ["<br>".join(self.lines[i:i + page_lines])
                for i in range(0, len(self.lines), page_lines)]

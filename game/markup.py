"""The one escaping helper for text shown through markup (pygame_gui's text boxes and
tooltips, and the game's own rich text): scenario and log text is always shown as text, so
a `<img src=...>` in a name shows those characters and never loads a file.

Its own small module, with nothing heavy imported, so the title screen can use it before
the engine is loaded.
"""

from __future__ import annotations

import html


def esc(text: object) -> str:
    return html.escape(str(text), quote=False)


__all__ = ["esc"]

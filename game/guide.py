"""The words that teach a newcomer to play from the screen alone: how a turn works, what
the map shows, and every keyboard shortcut."""

from __future__ import annotations

from faultlines.engine.domain import FAMILY_NAMES
from faultlines.engine.moves import MOVE_TYPES
from faultlines.game.moves_ui import FAMILY_ORDER, key_name

HOW_TO_PLAY = [
    ("Your job", "Carry one plan through each forum in turn (the Board, a committee, a "
     "consultation, the sign-off). You cannot order anyone: every partner must choose to back "
     "it."),
    ("A turn", "Pick a move from the palette on the left. Most need a person (click them on "
     "the map) or a part of the plan. Each costs team capacity; when it runs out, the month "
     "(round) ends. You can also end the round yourself."),
    ("The map", "Left to right: how far each person opposes or supports the plan, as far as "
     "you can tell. Bottom to top: their influence. A wide bar means you are guessing: listen "
     "to them (one-to-one, town hall) to narrow it and learn what drives them."),
    ("The card", "Click a person (or press Tab) to see their card: what they say in public, "
     "what you know of their values and stakes, and why their stance is what it is."),
    ("Decisions", "At the end of a stage's rounds, or when you call it, the forum decides: "
     "its members' support is weighted by influence, and anyone who controls what the plan "
     "needs can block it. A failed decision costs credibility and time."),
    ("Winning", "There is no single win: the plan can pass with genuine consensus, pass but "
     "hollowed out, be pushed through with legitimacy damaged, stall, or collapse. The "
     "debrief shows what happened and why."),
]

GENERAL_KEYS = [
    ("Tab / Shift+Tab", "next / previous person (or button in menus)"),
    ("Arrow keys", "move between people on the map"),
    ("Enter", "choose the highlighted person or button"),
    ("Esc", "cancel a choice, or open the pause menu"),
    ("1 / 2 / 3", "card / moves / transcript, when large text puts them in tabs"),
    ("P", "the plan and its components"),
    ("L", "the full transcript of the game"),
    ("F1", "this help"),
    ("Ctrl+Z", "undo the last move (practice mode)"),
    ("?", "a fair hint (practice difficulty): the best move in imagined games that fit what "
          "you know; Esc cancels it"),
    ("Page Up / Page Down", "scroll the stakeholder card"),
    ("F11", "fullscreen"),
    ("Ctrl + / Ctrl -", "larger / smaller text"),
]

#: The replay window (faultlines replay LOG, or Rewind and compare in the debrief).
REPLAY_KEYS = [
    ("\u2190 / \u2192 (or \u2191 / \u2193)", "one move back / forward"),
    ("Home / End", "the start / the end of the game"),
    ("Click or drag the timeline", "jump to a move (or click one in the move list)"),
    ("B", "branch from here: play on yourself from this move (same seed, same moves)"),
    ("R", "reveal everyone's true stance and drivers, which the player could not see"),
    ("Tab / Shift+Tab", "next / previous person's card"),
    ("L", "the full transcript up to this move"),
    ("A", "the analysis board: each position's chance to pass, each move judged, the better "
          "move, and a drill of the mistakes (in the board: ←/→ positions, ↑/↓ "
          "judged moves, Enter shows one here, D drills, F full analysis)"),
    ("1 / 2 / 3", "moves / card / this move, when large text puts them in tabs"),
    ("Esc", "close the replay"),
]


def move_keys() -> list[tuple[str, str]]:
    rows = []
    for fam in FAMILY_ORDER + ("time",):
        for kind, cls in MOVE_TYPES.items():
            if cls.family == fam and key_name(kind):
                rows.append((key_name(kind), f"{cls.label} ({FAMILY_NAMES[fam]})"))
    return rows

"""The terminal edition: the whole game over stdin/stdout, for scripting and screen readers.

It goes through the engine's doorway (`engine.table.Table`) like the window: the move list,
costs, modes and reasons come from `table.choices()`, each parameter's legal values from
`table.options()`, and `table.choose` advances the turn. This module never decides a rule.

Written to be listened to: after a move it says what changed (who moved and why, many alike
in one line), not the whole table; the table, the moves, a card, the plan and the news are
there on demand (`look`, `moves`, `card N`, `plan`, `news`); `verbose=True` reprints the full
table every round as earlier versions did. Lines can be piped in: `1 teaching` plays move 1
on the stakeholder `teaching`; EOF, Ctrl-C or `quit` ends cleanly, and any text or bytes a
user can type are answered with a line, never a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TextIO

from faultlines.engine.choices import Choice
from faultlines.engine.errors import IllegalMove
from faultlines.engine.table import Table
from faultlines.engine.view import PersonView, PlayerView, action_news
from faultlines.game.moves_ui import MODE_WORDS, PARAM_WORDS
from faultlines.game.report.words import true_minus
from faultlines.game.terminal_lines import (
    NEWS_SHOWN,
    card_lines,
    demand_line,
    figures_line,
    moves_lines,
    person_line,
    shift_lines,
    standoff_line,
    support_line,
    trade_words,
)

#: Events printed as they happen ("act" is the player's own command, already on screen;
#: shifts are grouped; snapshots and episodes are records for charts and the debrief).
SHOWN = ("move", "scenario", "decision", "stage", "hiatus", "outcome", "resurface",
         "exposure", "round", "ask", "credibility")
#: Moves that pass time: what follows them is the round's news, not the move's effect.
TIME_KINDS = ("end_round", "call_decision")
#: A move's own news (the rest of a move's events are what the round's end brought).
OWN_NEWS = ("act", "move", "ask")
NO_EFFECT = "Nobody's stance moved, and your credibility is unchanged."
#: The longest number typed anywhere (a move, a person, a component): longer is not one.
MAX_DIGITS = 4
HELP = ("Commands: a move's number or kind, then its choices, e.g. 1 teaching for a "
        "one-to-one with the stakeholder whose id is teaching; leave the choices out to be "
        "offered them. look: the situation and every stakeholder. moves: what you can do "
        "now and why the rest is not possible. card N: one stakeholder, by number or id. "
        "plan: the plan's components. news: what stakeholders did that you know of. "
        "hint (practice games only): the move with the best chance in imagined games "
        "that fit what you know. help: this list. quit, Ctrl-D or Ctrl-C: leave the game "
        "(its log is kept).")


def index(text: str, n: int) -> int | None:
    """A 1-based position typed as plain digits (0-9 only: other scripts' digits and
    superscripts are not numbers here), or None if it is not one of 1..n."""
    if not (text.isascii() and text.isdigit()) or len(text) > MAX_DIGITS:
        return None
    k = int(text)
    return k if 1 <= k <= n else None


def shown(text: str, limit: int = 40) -> str:
    """What the user typed, quoted safely and shortened, for a refusal."""
    return repr(text if len(text) <= limit else text[:limit] + "...")


class TextGame:
    """Reads commands, plays moves, prints what happened."""

    def __init__(self, table: Table, out: TextIO | None = None, inp: TextIO | None = None,
                 on_move: Callable[[Table], None] | None = None, *, verbose: bool = False):
        self.table = table
        # the streams of the moment the game starts, not of when this module was imported
        self.out = out or sys.stdout
        self.inp = inp or sys.stdin
        self.on_move = on_move
        self.verbose = verbose
        self.interrupted = False  # Ctrl-C: the game ends at the next prompt, like Ctrl-D
        self._said_trade = ""
        self._said_support = False

    def say(self, text: str = "") -> None:
        print(text, file=self.out)

    def ask(self, prompt: str) -> str | None:
        """One line typed or piped in; None when the input ends (EOF or Ctrl-C)."""
        self.out.write(prompt)
        self.out.flush()
        try:
            line = self.inp.readline()
        except KeyboardInterrupt:
            self.out.write("\n")
            self.interrupted = True
            return None
        if not line:
            return None
        if not self.inp.isatty():
            self.out.write("\n")  # piped input is not echoed: end the prompt's line
        return line.strip()

    # -- screens ----------------------------------------------------------------------
    def intro(self) -> None:
        sc = self.table.case.scenario
        self.say(f"=== {sc.title} ===")
        self.say(sc.summary)
        self.say("")
        self.say(f"You are the {sc.player.role}.")
        self.say(sc.player.authority)
        self.say("")
        self.say(f"The plan: {sc.plan.title}. {sc.plan.summary}")
        for n, c in enumerate(sc.plan.components, 1):
            self.say(f"  {n} {c.id}: {c.name}")
        self.say("")
        for e in self.table.events:
            if e.kind in SHOWN and e.text.strip():
                self.say(f"* {e.text}")
        self.say("Type help for the commands, look for the table, moves for what you can do.")

    def brief_status(self, v: PlayerView) -> None:
        """Between moves of one round: only what the last move spent."""
        self.say(f"Capacity left this round: {v.capacity} of {v.capacity_max}.")

    def situation(self, v: PlayerView, *, stages: bool = False, full: bool = False) -> None:
        """The round in brief: where, the figures, the room, and what stands in the way."""
        self.say("")
        if stages:
            self.say("Stages: " + "; ".join(
                (f"{s['name']} (now)" if s["id"] == v.stage else s["name"]) for s in v.stages))
        # what was said last time is not said again: the trades left, how support is read
        trade = trade_words(v)
        self.say(figures_line(v, trade=full or trade != self._said_trade))
        self._said_trade = trade
        self.say(support_line(v, self.table.case.scenario.rules.support_at,
                              explain=full or not self._said_support))
        self._said_support = True
        if v.hint:
            self.say(f"Hint: {v.hint}")
        moves = self.table.choices()
        for d in v.demands:
            if not d.met:
                self.say(demand_line(v, d, moves))
        if v.standoff and not v.standoff.resolved:
            self.say(standoff_line(v, v.standoff, moves))
        for a in v.asks:
            if a.answer is None:
                self.say(f"Consultation ask waiting for your answer: {a.text} "
                         f"(answer_ask {a.component}, then accept, negotiate or refuse)")
        possible = sum(1 for m in moves if m.reason is None)
        self.say(f"{possible} of {len(moves)} moves are possible now.")

    def status(self, v: PlayerView) -> None:
        """The situation, every stakeholder and every move (`look`, and --verbose)."""
        self.situation(v, stages=True, full=True)
        self.people(v)
        if self.verbose:
            self.moves()

    def people(self, v: PlayerView) -> None:
        self.say("Stakeholders (type the number or the id):")
        for n, p in enumerate(v.people, 1):
            self.say(person_line(n, p))

    def moves(self) -> None:
        for line in moves_lines(self.table.choices()):
            self.say(line)

    def card(self, v: PlayerView, who: str) -> None:
        p = self._person(v, who)
        if p is None:
            self.say(f"No stakeholder {shown(who)}: type a number from 1 to {len(v.people)} "
                     "or an id (look lists them).")
            return
        for line in card_lines(v, p):
            self.say(line)

    def plan(self, v: PlayerView) -> None:
        for n, c in enumerate(v.components, 1):
            self.say(f"{n} {c['id']}: {c['name']}. Ambition {c['ambition']:.0%}, evidence "
                     f"{c['evidence']:.0%}. {c['summary']}")

    def news(self, v: PlayerView) -> None:
        """What stakeholders did of their own accord that you know of, newest last."""
        if not v.actions:
            self.say("No news: you know of nothing the stakeholders did of their own accord.")
            return
        names = {s["id"]: s["name"] for s in v.stages}
        recent = v.actions[-NEWS_SHOWN:]
        if len(v.actions) > len(recent):
            self.say(f"The last {len(recent)} of {len(v.actions)} things you know of:")
        for a in recent:
            self.say(f"* {names.get(a.stage, a.stage)}, round {a.round}: {a.text}")

    def _person(self, v: PlayerView, who: str) -> PersonView | None:
        k = index(who, len(v.people))
        if k is not None:
            return v.people[k - 1]
        return next((p for p in v.people if p.id == who), None)

    # -- the loop ------------------------------------------------------------------------
    def run(self) -> int:
        self._readable_input()
        self.intro()
        shown_at = None
        while not self.table.over:
            v = self.table.view
            where = (v.stage, v.round)
            if where != shown_at:
                if self.verbose:
                    self.status(v)  # the full table whenever a round or stage begins
                else:
                    self.situation(v, stages=shown_at is None or where[0] != shown_at[0])
                shown_at = where
            line = None if self.interrupted else self.ask("> ")
            if line is None or line.lower() in ("quit", "exit", "q"):
                self.say("Game left unfinished. Goodbye.")
                return 0
            if not line:
                continue
            self.command(v, line)
        self.summary()
        return 0

    def _readable_input(self) -> None:
        """Bytes that are not text in the input's encoding become replacement characters
        (answered as an unknown command) instead of ending the game."""
        reconfigure = getattr(self.inp, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="replace")
            except (ValueError, OSError, TypeError):
                pass

    def command(self, v: PlayerView, line: str) -> None:
        words = line.split()
        head = words[0].lower()
        screens = {"look": lambda: self.status(v), "l": lambda: self.status(v),
                   "moves": self.moves, "m": self.moves, "plan": lambda: self.plan(v),
                   "news": lambda: self.news(v), "help": lambda: self.say(HELP),
                   "?": lambda: self.say(HELP), "h": lambda: self.say(HELP)}
        if head in screens:
            screens[head]()
            return
        if head == "hint":
            self.hint()
            return
        if head in ("card", "who", "c"):
            if len(words) > 1:
                self.card(v, words[1])
            else:
                self.say("Which stakeholder? Type card and a number or an id, e.g. card 1.")
            return
        read = self.read_move(v, words, unknown=f"Unknown command {shown(head)}. Type help.")
        if read is None:
            return
        choice, params = read
        try:
            events = self.table.choose(choice, **params)
        except IllegalMove as exc:
            self.say(f"Not possible: {exc.reason}")
            return
        idle = choice.kind not in TIME_KINDS and not any(
            e.kind in ("shift", "credibility") and e.data.get("cause") == "move"
            for e in events)
        self.show(events, after_move=NO_EFFECT if idle else None)
        after = self.table.view
        if not self.table.over and (after.stage, after.round) == (v.stage, v.round):
            self.brief_status(after)
        if self.on_move:
            self.on_move(self.table)

    def hint(self) -> None:
        """A fair hint in a practice game: each possible move tried in imagined games that
        match what the player can see (hidden drivers sampled, never read; engine.analysis)."""
        from faultlines.engine.analysis.hint import HintRefused, hint
        from faultlines.engine.analysis.rollouts import Rollouts

        self.say("Thinking: trying the possible moves in imagined games that fit what you "
                 "know...")
        try:
            with Rollouts(1) as rollouts:
                h = hint(self.table, rollouts, len(self.table.moves))
        except HintRefused as exc:
            self.say(f"No hint: {exc}")
            return
        self.say(h.line())

    def read_move(self, v: PlayerView, words: list[str], *,
                  unknown: str) -> tuple[Choice, dict[str, str]] | None:
        """The move typed as `words` (a number or kind, then its parameters), or None with
        the reason said: `unknown` when no move has that name, else why it is not possible
        now (the drill asks for a move the same way)."""
        choice = self._choice(words[0].lower())
        if choice is None:
            self.say(unknown)
            return None
        if choice.reason:
            self.say(f"Not possible: {choice.reason}")
            return None
        params = self._targets(v, choice, words[1:])
        if params is None:
            return None
        return choice, params

    def _choice(self, head: str) -> Choice | None:
        """The move a command names, by its number in the move list or its kind."""
        moves = self.table.choices()
        k = index(head, len(moves))
        if k is not None:
            return moves[k - 1]
        return next((m for m in moves if m.kind == head), None)

    def _targets(self, v: PlayerView, choice: Choice, args: list[str]) -> dict[str, str] | None:
        """The move's parameters, one at a time, each checked against the engine's legal
        values (`Table.options`); None if one is missing or not possible (said why)."""
        params: dict[str, str] = {}
        for p in choice.params:
            legal = self.table.options(choice.kind, **params)
            if args:
                raw: str | None = args.pop(0)
            else:
                self.offer(v, choice, p, legal)
                raw = self.ask(f"  {PARAM_WORDS.get(p, p).capitalize()}? ")
            if raw is None:
                return None
            value = self._param(v, choice, p, raw)
            if value is None or value not in legal:
                self.say(f"  Not a valid {p}: {shown(raw)}")
                return None
            if legal[value] is not None:
                self.say(f"Not possible: {legal[value]}")
                return None
            params[p] = value
        return params

    def offer(self, v: PlayerView, choice: Choice, p: str, legal: dict[str, str | None]) -> None:
        """What can be chosen for a parameter the command left out."""
        self.say(f"  {choice.label}: choose {PARAM_WORDS.get(p, p)}.")
        if p == "mode":
            for n, m in enumerate(choice.modes, 1):
                name, detail = MODE_WORDS.get(m, (m, ""))
                why = legal.get(m, "Not possible.")
                self.say(f"   {n} {m}: {name}. {detail}" + (f" (not now: {why})" if why else ""))
            return
        if p == "component":
            rows = [(n, c["id"], c["name"]) for n, c in enumerate(v.components, 1)]
        else:
            rows = [(n, x.id, f"{x.name}, {x.organisation}") for n, x in enumerate(v.people, 1)]
        for n, key, name in rows:
            if legal.get(key, "") is None:
                self.say(f"   {n:2d} {key}: {name}")
        others = sum(1 for _, key, _ in rows if legal.get(key, "") is not None)
        if others:
            self.say(f"   ({others} more {'is' if others == 1 else 'are'} not possible now; "
                     "choosing one says why)")

    def _param(self, v: PlayerView, choice: Choice, p: str, raw: str) -> str | None:
        if p in ("target", "other"):
            person = self._person(v, raw)
            return person.id if person else None
        if p == "component":
            k = index(raw, len(v.components))
            if k is not None:
                return v.components[k - 1]["id"]
            return raw if any(c["id"] == raw for c in v.components) else None
        if p == "mode":
            k = index(raw, len(choice.modes))
            if k is not None:
                return choice.modes[k - 1]
            return raw if raw in choice.modes else None
        return None

    def show(self, events, after_move: str | None = None) -> None:
        """What a move changed: the news in order, each group of stance changes said where
        it happened (the move's own, then the round's), stakeholders' actions you know of.
        `after_move` is said right after the move's own news, before the round's."""
        v = self.table.view
        pending = []
        for e in events:
            if after_move and e.kind not in OWN_NEWS:
                self.say(after_move)
                after_move = None
            if e.kind == "shift":
                pending.append(e)
                continue
            if pending:
                for line in shift_lines(pending, v):
                    self.say(f"  {line}")
                pending = []
            if e.kind == "action":
                said = action_news(e)  # stakeholders' own actions, as far as you know of them
                if said is not None:
                    self.say(f"* {said}")
            elif e.kind in SHOWN and e.text.strip():
                self.say(f"* {e.text}")
                if e.kind == "decision":
                    self.votes(e.data)
        for line in shift_lines(pending, v):
            self.say(f"  {line}")
        if after_move:
            self.say(after_move)

    def votes(self, d: dict) -> None:
        """Who supported, abstained (which counts as a no) and opposed a decision."""
        name = self.table.case.name
        for label, key in (("For", "support"), ("Undecided, so not for", "abstain"),
                           ("Against", "oppose")):
            if d.get(key):
                self.say(f"    {label}: " + ", ".join(name(x) for x in d[key]))

    def summary(self) -> None:
        """The end of the game in brief, from the engine's analysis of its log (the same
        turning points and causes the window's debrief and the HTML report show)."""
        from faultlines.engine.debrief import analyse, summarise

        t = self.table
        self.say("")
        for line in summarise(analyse(t.log(), t.case, where="this game")).lines():
            self.say(true_minus(line))


def play_text(table: Table, **kwargs) -> int:
    return TextGame(table, **kwargs).run()

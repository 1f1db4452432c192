"""The terminal edition: the whole game over stdin/stdout, for scripting and screen readers.

Input builds a move, `Game.play` advances the turn, and the events are printed; this
module never decides a rule. Lines can be piped in: `2 teaching` plays move 2 on the
stakeholder `teaching`; EOF or `quit` ends cleanly.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TextIO

from faultlines.engine.domain import CONTRIBUTIONS, FAMILY_NAMES
from faultlines.engine.errors import IllegalMove
from faultlines.engine.game import Game
from faultlines.engine.moves import MOVE_TYPES
from faultlines.engine.view import PlayerView, build_view

SHOWN = ("act", "move", "scenario", "decision", "stage", "hiatus", "outcome", "resurface",
         "exposure", "round")


def stance_word(x: float) -> str:
    if x >= 0.45:
        return "strong support"
    if x >= 0.1:
        return "supports"
    if x > -0.1:
        return "undecided"
    if x > -0.45:
        return "opposes"
    return "strong opposition"


class TextGame:
    """Reads commands, plays moves, prints what happened."""

    def __init__(self, game: Game, out: TextIO = sys.stdout, inp: TextIO = sys.stdin,
                 on_move: Callable[[Game], None] | None = None):
        self.game = game
        self.out = out
        self.inp = inp
        self.on_move = on_move
        self.kinds = list(MOVE_TYPES)

    def say(self, text: str = "") -> None:
        print(text, file=self.out)

    def ask(self, prompt: str) -> str | None:
        self.out.write(prompt)
        self.out.flush()
        line = self.inp.readline()
        if not line:
            return None
        if not self.inp.isatty():
            self.out.write("\n")  # piped input is not echoed: end the prompt's line
        return line.strip()

    # -- screens ----------------------------------------------------------------------
    def intro(self) -> None:
        sc = self.game.case.scenario
        self.say(f"=== {sc.title} ===")
        self.say(sc.summary)
        self.say("")
        self.say(f"You are the {sc.player.role}.")
        self.say(sc.player.authority)
        self.say("")
        self.say(f"The plan: {sc.plan.title}. {sc.plan.summary}")
        for c in sc.plan.components:
            self.say(f"  - {c.name} [{c.id}]")
        self.say("")
        for e in self.game.events:
            self.say(f"* {e.text}")
        self.say("Type `help` for commands.")

    def brief_status(self, v: PlayerView) -> None:
        self.say(f"[{v.stage_name}, round {v.round}/{v.rounds} | months {v.calendar} | "
                 f"credibility {v.credibility:.2f} | capacity {v.capacity}/{v.capacity_max} | "
                 f"support ~{v.support_estimate:.0%}, needs {v.support_needed:.0%}]"
                 "  (`look` shows the table)")

    def status(self, v: PlayerView) -> None:
        stages = " > ".join(
            (f"[{s['name']}]" if s["id"] == v.stage else s["name"]) for s in v.stages)
        self.say("")
        self.say(stages)
        self.say(f"{v.stage_name}, round {v.round} of {v.rounds} | months left {v.calendar} | "
                 f"credibility {v.credibility:.2f} | capacity {v.capacity}/{v.capacity_max} | "
                 f"roles {v.roles}, funds {v.funds}, external {v.external}")
        self.say(f"Reading the room: about {v.support_estimate:.0%} of the deciding forum's "
                 f"weight seems to support the plan; it needs {v.support_needed:.0%}.")
        if v.hint:
            self.say(f"Hint: {v.hint}")
        for d in v.demands:
            if not d.met:
                self.say(f"Demand outstanding: {d.note}")
        if v.standoff and not v.standoff.resolved:
            self.say(f"Stand-off: {v.standoff.note}")
        self.say("Stakeholders (F = decides at this stage, or the next during the briefing; "
                 "V = can block it; * = drivers known):")
        for n, p in enumerate(v.people, 1):
            marks = ("F" if p.in_forum else " ") + ("V" if p.can_block else " ") + \
                    ("*" if p.drivers else " ")
            band = f"±{p.uncertainty:.2f}" if p.uncertainty > 0.01 else "     "
            self.say(f" {n:2d} {marks} {p.name:<24.24} {p.organisation:<38.38} "
                     f"infl {p.influence:.2f}  {p.estimate:+.2f}{band} {stance_word(p.estimate)}")
        self.say("Moves:")
        for n, m in enumerate(v.moves, 1):
            cost = m.cost_text
            args = " ".join(f"<{p}>" for p in m.params)
            line = f" {n:2d} {FAMILY_NAMES[m.family]:<12} {m.label} {args} (cost {cost})"
            if m.reason:
                line += f" -- unavailable: {m.reason}"
            self.say(line)

    def card(self, v: PlayerView, who: str) -> None:
        p = self._person(v, who)
        if p is None:
            self.say("No such stakeholder.")
            return
        self.say(f"{p.name}, {p.role}, {p.organisation} ({p.sector}, {p.position})")
        self.say(f"  Says in public: {p.public_stance}")
        self.say(f"  Influence {p.influence:.2f}; controls: {', '.join(p.controls) or 'nothing the plan needs'}")
        self.say(f"  Stance estimate {p.estimate:+.2f} ±{p.uncertainty:.2f}; "
                 f"trust {'unknown' if p.trust is None else f'{p.trust:.2f}'}")
        if p.drivers:
            self.say(f"  Drivers: {p.drivers}")
            self.say(f"  History: {p.history}")
            self.say("  Stakes: " + ", ".join(f"{k} {x:+.2f}" for k, x in (p.stakes or {}).items()))
        else:
            self.say("  Drivers: unknown until you listen to them.")
        self.say("  Why their stance is what it is:")
        for name, value in p.why:
            shown = "unknown" if value is None else f"{value:+.2f}"
            if value is None or abs(value) >= 0.005:
                self.say(f"    {CONTRIBUTIONS[name]:<40} {shown}")

    def _person(self, v: PlayerView, who: str):
        if who.isdigit() and 1 <= int(who) <= len(v.people):
            return v.people[int(who) - 1]
        return next((p for p in v.people if p.id == who), None)

    # -- the loop ------------------------------------------------------------------------
    def run(self) -> int:
        self.intro()
        shown = None
        while not self.game.over:
            v = build_view(self.game)
            where = (v.stage, v.round)
            if where != shown:
                self.status(v)  # the full table when a new round or stage begins
                shown = where
            else:
                self.brief_status(v)
            line = self.ask("> ")
            if line is None or line.lower() in ("quit", "exit", "q"):
                self.say("Game left unfinished. Goodbye.")
                return 0
            if not line:
                continue
            self.command(v, line)
        self.summary()
        return 0

    def command(self, v: PlayerView, line: str) -> None:
        words = line.split()
        head = words[0].lower()
        if head in ("help", "?", "h"):
            self.say("Commands: <move number or kind> [args...] | card <who> | look | plan | "
                     "help | quit.  Args are stakeholder numbers or ids, component ids or "
                     "numbers, or a mode (genuine/announce). Example: `1 3` = one-to-one "
                     "with stakeholder 3.")
            return
        if head in ("look", "l"):
            self.status(v)
            return
        if head in ("card", "who"):
            self.card(v, words[1] if len(words) > 1 else "")
            return
        if head == "plan":
            for n, c in enumerate(v.components, 1):
                self.say(f" {n}. {c['name']} [{c['id']}] ambition {c['ambition']:.0%}, "
                         f"evidence {c['evidence']:.0%}: {c['summary']}")
            return
        kind = self._kind(head)
        if kind is None:
            self.say(f"Unknown command {head!r}. Type `help`.")
            return
        cls = MOVE_TYPES[kind]
        args = words[1:]
        params = {}
        for p in cls.params:
            raw = args.pop(0) if args else self.ask(f"  {p}? ")
            if raw is None:
                return
            value = self._param(v, p, raw)
            if value is None:
                self.say(f"  Not a valid {p}: {raw!r}")
                return
            params[p] = value
        try:
            events = self.game.play(cls(**params))
        except IllegalMove as exc:
            self.say(f"Not possible: {exc.reason}")
            return
        self.show(events)
        if self.on_move:
            self.on_move(self.game)

    def _kind(self, head: str) -> str | None:
        if head.isdigit() and 1 <= int(head) <= len(self.kinds):
            return self.kinds[int(head) - 1]
        return head if head in MOVE_TYPES else None

    def _param(self, v: PlayerView, p: str, raw: str) -> str | None:
        if p in ("target", "other"):
            person = self._person(v, raw)
            return person.id if person else None
        if p == "component":
            if raw.isdigit() and 1 <= int(raw) <= len(v.components):
                return v.components[int(raw) - 1]["id"]
            return raw if any(c["id"] == raw for c in v.components) else None
        if p == "mode":
            return raw if raw in ("genuine", "announce") else None
        return None

    def show(self, events) -> None:
        v = build_view(self.game)
        for e in events:
            if e.kind in SHOWN and e.kind != "act":
                self.say(f"* {e.text}")
                if e.kind == "decision":
                    self.votes(e.data)
            elif e.kind == "shift":
                p = v.person(e.data["target"])
                direction = "warms to the plan" if e.data["after"] > e.data["before"] else \
                    "cools on the plan"
                known = {k: x for k, x in e.data["why"].items()
                         if dict(p.why).get(k) is not None}
                why = ", ".join(f"{CONTRIBUTIONS[k].lower()} {x:+.2f}"
                                for k, x in sorted(known.items(), key=lambda kv: -abs(kv[1]))[:2])
                self.say(f"  {p.name} {direction}" + (f" ({why})" if why else ""))

    def votes(self, d: dict) -> None:
        """Who supported, abstained (which counts as a no) and opposed a decision."""
        name = self.game.case.name
        for label, key in (("For", "support"), ("Undecided, so not for", "abstain"),
                           ("Against", "oppose")):
            if d.get(key):
                self.say(f"    {label}: " + ", ".join(name(x) for x in d[key]))

    def summary(self) -> None:
        """The end of the game in brief, from the engine's analysis of its log (the same
        turning points and causes the window's debrief and the HTML report show)."""
        from faultlines.engine.debrief import analyse, summarise

        # the shells' move onto engine.table.Table (issue 9) gives this class a `table`;
        # until then the log comes from the game
        table = getattr(self, "table", None)
        played = table if table is not None else self.game
        log = table.log() if table is not None else self.game.full_log()
        self.say("")
        for line in summarise(analyse(log, played.case, where="this game")).lines():
            self.say(line)


def play_text(game: Game, **kwargs) -> int:
    return TextGame(game, **kwargs).run()

"""The terminal edition: the whole game over stdin/stdout, for scripting and screen readers.

It goes through the engine's doorway (`engine.table.Table`) like the window: the move list,
costs, modes and reasons come from `table.choices()`, each parameter's legal values from
`table.options()`, and `table.choose` advances the turn; the events are printed. This module
never decides a rule. Lines can be piped in: `2 teaching` plays move 2 on the stakeholder
`teaching`; EOF or `quit` ends cleanly.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TextIO

from faultlines.engine.choices import Choice
from faultlines.engine.domain import CONTRIBUTIONS, FAMILY_NAMES
from faultlines.engine.errors import IllegalMove
from faultlines.engine.table import Table
from faultlines.engine.view import PlayerView, action_news
from faultlines.game.moves_ui import MODE_WORDS, PARAM_WORDS

SHOWN = ("act", "move", "scenario", "decision", "stage", "hiatus", "outcome", "resurface",
         "exposure", "round", "ask", "action")


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

    def __init__(self, table: Table, out: TextIO | None = None, inp: TextIO | None = None,
                 on_move: Callable[[Table], None] | None = None):
        self.table = table
        # the streams of the moment the game starts, not of when this module was imported
        self.out = out or sys.stdout
        self.inp = inp or sys.stdin
        self.on_move = on_move

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
        sc = self.table.case.scenario
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
        for e in self.table.events:
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
        for a in v.asks:
            if a.answer is None:
                self.say(f"Consultation ask waiting for your answer: {a.text} "
                         f"(answer_ask {a.component} accept|negotiate|refuse)")
        self.say("Stakeholders (F = decides at this stage, or the next during the briefing; "
                 "V = can block it; * = drivers known):")
        for n, p in enumerate(v.people, 1):
            marks = ("F" if p.in_forum else " ") + ("V" if p.can_block else " ") + \
                    ("*" if p.drivers else " ")
            band = f"±{p.uncertainty:.2f}" if p.uncertainty > 0.01 else "     "
            self.say(f" {n:2d} {marks} {p.name:<24.24} {p.organisation:<38.38} "
                     f"infl {p.influence:.2f}  {p.estimate:+.2f}{band} {stance_word(p.estimate)}")
        self.say("Moves:")
        for n, m in enumerate(self.table.choices(), 1):
            args = " ".join(f"<{p}: {'/'.join(m.modes)}>" if p == "mode" else f"<{p}>"
                            for p in m.params)
            line = f" {n:2d} {FAMILY_NAMES[m.family]:<12} {m.label} {args} (cost {m.cost_text})"
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
        while not self.table.over:
            v = self.table.view
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
                     "numbers, or a mode (the move list shows a move's modes); leave them out "
                     "to be offered the possible ones. Example: `1 3` = one-to-one with "
                     "stakeholder 3.")
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
        choice = self._choice(head)
        if choice is None:
            self.say(f"Unknown command {head!r}. Type `help`.")
            return
        if choice.reason:
            self.say(f"Not possible: {choice.reason}")
            return
        params = self._targets(v, choice, words[1:])
        if params is None:
            return
        try:
            events = self.table.choose(choice, **params)
        except IllegalMove as exc:
            self.say(f"Not possible: {exc.reason}")
            return
        self.show(events)
        if self.on_move:
            self.on_move(self.table)

    def _choice(self, head: str) -> Choice | None:
        """The move a command names, by its number in the move list or its kind."""
        moves = self.table.choices()
        if head.isdigit() and 1 <= int(head) <= len(moves):
            return moves[int(head) - 1]
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
                self.say(f"  Not a valid {p}: {raw!r}")
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
            rows = [(n, x.id, x.name) for n, x in enumerate(v.people, 1)]
        for n, key, name in rows:
            if legal.get(key, "") is None:
                self.say(f"   {n:2d} {key:<16} {name}")
        others = sum(1 for _, key, _ in rows if legal.get(key, "") is not None)
        if others:
            self.say(f"   ({others} more not possible now; choosing one says why)")

    def _param(self, v: PlayerView, choice: Choice, p: str, raw: str) -> str | None:
        if p in ("target", "other"):
            person = self._person(v, raw)
            return person.id if person else None
        if p == "component":
            if raw.isdigit() and 1 <= int(raw) <= len(v.components):
                return v.components[int(raw) - 1]["id"]
            return raw if any(c["id"] == raw for c in v.components) else None
        if p == "mode":
            if raw.isdigit() and 1 <= int(raw) <= len(choice.modes):
                return choice.modes[int(raw) - 1]
            return raw if raw in choice.modes else None
        return None

    def show(self, events) -> None:
        v = self.table.view
        for e in events:
            if e.kind == "action":
                said = action_news(e)  # stakeholders' own actions, as far as you know of them
                if said is not None:
                    self.say(f"* {said}")
            elif e.kind in SHOWN and e.kind != "act":
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
            self.say(line)


def play_text(table: Table, **kwargs) -> int:
    return TextGame(table, **kwargs).run()

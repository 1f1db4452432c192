"""A class's games side by side: one row of comparable facts per game, grouped by the
scenario they were played on, and the patterns a facilitator can open a discussion with
(what passing games did differently).

Only games of the same scenario - the same id and the same file, by its checksum - are
compared: another case, or another version of this one, has other people, stakes and rules.
A contrast between the games that passed and the others is offered as a pattern only when
both groups hold at least MIN_GROUP games and the difference is larger than chance would
give (Fisher's exact test on the two proportions, p < SIGNIFICANCE); otherwise the report
says the groups are too small to compare, or that nothing stands out.

Player names are left out unless asked for: a class report is often projected, and a
learner's log may carry their name.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from math import comb
from typing import Any

from faultlines.engine.debrief.model import Debrief
from faultlines.engine.debrief.typology import TYPES
from faultlines.engine.domain import FAMILY_NAMES, OUTCOMES, PASSING_OUTCOMES

FAMILIES = tuple(f for f in FAMILY_NAMES if f != "time")
#: games needed in each group (passed, not passed) before the two are compared at all: with
#: fewer, one learner's game swings a rate by 20 points or more (a rule of thumb).
MIN_GROUP = 5
#: a contrast is reported when Fisher's exact test gives a two-sided p below this (the
#: conventional 5%): a difference this large would rarely arise by chance alone.
SIGNIFICANCE = 0.05
MAX_PATTERNS = 4


def superseded(logs: list[dict[str, Any]]) -> dict[int, int]:
    """Logs that are an earlier, abandoned record of a game another log continues (a game
    left, then resumed with Continue): {index of the earlier log: index of the later}. A
    class report counts each game once, without deleting anybody's files."""
    def key(log: dict[str, Any]) -> tuple:
        return (log.get("scenario"), log.get("scenario_sha256"), log.get("seed"),
                log.get("difficulty"), log.get("player"))

    out: dict[int, int] = {}
    for i, early in enumerate(logs):
        if not early.get("abandoned"):
            continue
        moves = early.get("moves") or []
        for j, later in enumerate(logs):
            if j != i and key(later) == key(early) and \
                    len(later.get("moves") or []) >= len(moves) and \
                    (later.get("moves") or [])[:len(moves)] == moves and \
                    (len(later["moves"]) > len(moves) or not later.get("abandoned") or j > i):
                out[i] = j
                break
    return out


def game_row(n: int, d: Debrief, *, names: bool, file: str = "", checksum: str = ""
             ) -> dict[str, Any]:
    """The comparable facts of game n (1-based) as a flat dict (one CSV row); `checksum` is
    the SHA-256 of the scenario file the game was played on (games are compared only with
    games of the same one)."""
    months_left = max(0, d.calendar[-1][1] if d.calendar else d.calendar_start)
    # within 0..the months the game began with, even where a scenario event gave months back
    months_used = min(max(0, d.calendar_start - months_left), d.calendar_start)
    creds = [c for _, c in d.credibility] or [0.0]
    types = Counter(e.type for e in d.episodes)
    row: dict[str, Any] = {"game": f"Game {n}"}
    if names:
        row["player"] = d.player or ""
        row["file"] = file
    row.update({
        "scenario": d.scenario, "scenario_title": d.scenario_title,
        "scenario_version": d.log_scenario_version, "scenario_checksum": checksum,
        "seed": d.seed, "difficulty": d.difficulty,
        "outcome": d.outcome or "unfinished", "abandoned": d.abandoned,
        "moves": len(d.moves), "months_used": months_used,
        "months_total": d.calendar_start, "final_credibility": round(creds[-1], 3),
        "lowest_credibility": round(min(creds), 3),
        "stages_passed": len(d.final.get("passed") or []),
        "hiatuses": sum(1 for c in d.causes if c.kind == "hiatus"),
        "consultation": d.final.get("consultation") or "",
        "exposed": bool(d.final.get("exposed")),
    })
    for f in FAMILIES:
        row[f] = d.move_mix.get(f, 0)
    for t in TYPES:
        row[f"episodes_{t}"] = types.get(t, 0)
    top = d.turning_points[0] if d.turning_points else None
    row["top_turning_point"] = f"move {top.move.index + 1}: {top.move.text}" if top else ""
    return row


@dataclass(frozen=True)
class ScenarioGroup:
    """The games of one scenario file: the only games the report compares with each other."""

    scenario: str
    title: str
    version: str
    checksum: str
    rows: list[dict[str, Any]]

    @property
    def anchor(self) -> str:
        """A stable id for the group's section of the page."""
        return f"{self.scenario}-{self.checksum[:8]}" if self.checksum else self.scenario

    @property
    def label(self) -> str:
        return f"{self.title} (version {self.version})"


def by_scenario(rows: list[dict[str, Any]]) -> list[ScenarioGroup]:
    """The rows grouped by scenario id and checksum, in the order each group first appears."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for r in rows:
        groups.setdefault((r["scenario"], r.get("scenario_checksum", "")), []).append(r)
    return [ScenarioGroup(scenario=sid, title=g[0].get("scenario_title", sid),
                          version=str(g[0].get("scenario_version", "")), checksum=sha, rows=g)
            for (sid, sha), g in groups.items()]


def outcome_counts(rows: list[dict[str, Any]]) -> dict[str, int]:
    counts = Counter(r["outcome"] for r in rows)
    keys = list(OUTCOMES) + (["unfinished"] if counts.get("unfinished") else [])
    return {k: counts.get(k, 0) for k in keys}


def share(k: int, n: int) -> str:
    """'3 of 8 (38%)': a rate always with the size of its group."""
    return f"{k} of {n} ({k / n:.0%})" if n else "0 of 0"


def fisher_p(a: int, n1: int, b: int, n2: int) -> float:
    """Two-sided p of Fisher's exact test: a of n1 games in one group and b of n2 in the
    other have a feature. The chance, if the feature had nothing to do with the group, of a
    split at least as uneven as this one."""
    total, n = a + b, n1 + n2
    denom = comb(n, total)

    def prob(x: int) -> float:
        return comb(n1, x) * comb(n2, total - x) / denom

    observed = prob(a)
    lo, hi = max(0, total - n2), min(total, n1)
    return min(1.0, sum(p for x in range(lo, hi + 1)
                        if (p := prob(x)) <= observed * (1 + 1e-9)))


@dataclass(frozen=True)
class Contrast:
    """One feature compared between the games that passed and the others."""

    label: str  # "ran the consultation as genuine co-design"
    passed: int  # games that passed with the feature
    passed_n: int
    other: int
    other_n: int
    p: float

    @property
    def finding(self) -> bool:
        return self.p < SIGNIFICANCE

    def sentence(self) -> str:
        return (f"Of the {self.passed_n} games that passed, {_pct(self.passed, self.passed_n)} "
                f"{self.label}; of the {self.other_n} others, {_pct(self.other, self.other_n)}. "
                "Chance alone would give a split this uneven with probability "
                + (f"{self.p:.2f}" if self.p >= 0.01 else "below 0.01")
                + " (Fisher's exact test).")


def _pct(k: int, n: int) -> str:
    return f"{k} ({k / n:.0%})"


def _features(rows: list[dict[str, Any]]) -> list[tuple[str, Callable[[dict], bool]]]:
    """Yes/no features of a game worth contrasting; counts are split at the group's median
    so each feature divides the games."""
    out: list[tuple[str, Callable[[dict], bool]]] = []
    for f in FAMILIES:
        cut = statistics.median(float(r[f]) for r in rows)
        out.append((f"played more than {cut:g} {FAMILY_NAMES[f].lower()} moves",
                    lambda r, f=f, cut=cut: float(r[f]) > cut))
    cred = statistics.median(float(r["final_credibility"]) for r in rows)
    out += [
        (f"ended with credibility above {cred:.2f}",
         lambda r: float(r["final_credibility"]) > cred),
        ("ran the consultation as genuine co-design", lambda r: r["consultation"] == "genuine"),
        ("had a false negotiation", lambda r: r["episodes_false"] > 0),
        ("had a non-negotiation", lambda r: r["episodes_non_negotiation"] > 0),
        ("had an exclusive negotiation", lambda r: r["episodes_exclusive"] > 0),
        ("went into a hiatus", lambda r: r["hiatuses"] > 0),
    ]
    return out


def contrasts(rows: list[dict[str, Any]]) -> list[Contrast]:
    """Every feature that divides the games, compared between those that passed and the
    others, most significant first (empty when either group is empty)."""
    passed = [r for r in rows if r["outcome"] in PASSING_OUTCOMES]
    other = [r for r in rows if r["outcome"] not in PASSING_OUTCOMES]
    if not passed or not other:
        return []
    out = []
    for label, has in _features(rows):
        a, b = sum(map(has, passed)), sum(map(has, other))
        if 0 < a + b < len(rows):
            out.append(Contrast(label, a, len(passed), b, len(other),
                                fisher_p(a, len(passed), b, len(other))))
    return sorted(out, key=lambda c: c.p)


def patterns(rows: list[dict[str, Any]]) -> list[str]:
    """Plain-words contrasts between the games of one scenario that passed and those that
    did not; group sizes in every sentence, and no contrast between groups too small to
    compare or a difference chance could explain."""
    if len({(r["scenario"], r.get("scenario_checksum", "")) for r in rows}) > 1:
        raise ValueError("patterns compare games of one scenario only: group them first "
                         "(by_scenario)")
    passed = sum(1 for r in rows if r["outcome"] in PASSING_OUTCOMES)
    other = len(rows) - passed
    out = [f"{share(passed, len(rows))} games got the plan signed off."]
    if not passed or not other:
        return out + ["Every game ended the same way, so there is nothing to contrast."]
    if min(passed, other) < MIN_GROUP:
        return out + [f"Too few games to compare those that passed ({passed}) with the others "
                      f"({other}): a contrast needs at least {MIN_GROUP} games in each "
                      "group, so any difference between them here could be one person's "
                      "game."]
    found = [c for c in contrasts(rows) if c.finding][:MAX_PATTERNS]
    if not found:
        return out + [f"No difference between the {passed} games that passed and the "
                      f"{other} others is larger than chance would give with groups this "
                      f"size (Fisher's exact test, p < {SIGNIFICANCE:g})."]
    return out + [c.sentence() for c in found]


def averages(rows: list[dict[str, Any]]) -> dict[str, tuple[float, float]]:
    """Mean moves per family and final credibility, for the games that passed and the
    others (a description to show with the group sizes, not a finding)."""
    passed = [r for r in rows if r["outcome"] in PASSING_OUTCOMES]
    other = [r for r in rows if r["outcome"] not in PASSING_OUTCOMES]

    def mean(group: list[dict[str, Any]], key: str) -> float:
        return sum(float(r[key]) for r in group) / len(group) if group else float("nan")

    return {k: (mean(passed, k), mean(other, k)) for k in (*FAMILIES, "final_credibility")}

"""How a move is judged: by how much it lowered the chance that the plan passes (or that it
passes with genuine consensus, `MEASURES`), as lichess judges a chess move by the drop in
winning chances rather than in raw score.

lichess calls a move an inaccuracy, a mistake or a blunder when the side's winning chances
(on a -1..1 scale, 2p - 1) fall by 0.1, 0.2 or 0.3: 5, 10 and 15 points of probability.
We use the same three steps on the chance that the plan passes, with one guard lichess
does not need: our chances are Monte Carlo estimates, so a drop no larger than twice its
standard error is put down to the rollouts' dice and not judged.
"""

from __future__ import annotations

from faultlines.engine.debrief.timeline import plural

#: the drop in pass chance (0..1) from which a move is an inaccuracy (lichess: 0.1 of 2p-1)
INACCURACY = 0.05
#: ...a mistake (lichess: 0.2 of 2p-1)
MISTAKE = 0.10
#: ...a blunder (lichess: 0.3 of 2p-1)
BLUNDER = 0.15
#: a drop must also be this many standard errors large to be judged (about 95% one-sided
#: below 2: a smaller one may be the luck of the rollouts, not the move)
NOISE_GUARD = 2.0

LEVELS = (("blunder", BLUNDER), ("mistake", MISTAKE), ("inaccuracy", INACCURACY))
#: the two chances a move is judged on, the first the usual one: a move is judged by the
#: one it lowered more, since passing a plan is not the whole aim - a plan carried without
#: genuine consensus is the hollow or forced order Waring, Bishop & Roe describe, so a move
#: that keeps the vote but loses the consensus (announcing a decided plan instead of
#: consulting) is a mistake too
MEASURES = ("pass", "consensus")
#: how each measure's loss is named in every edition
MEASURE_WORDS = {"pass": "pass chance", "consensus": "consensus chance"}
#: the judgements whose plural is not the word and an "s", for counts in every summary
PLURALS = {"inaccuracy": "inaccuracies"}
#: the judgements the drill returns the player to
DRILLED = ("mistake", "blunder")


def judge(drop: float, stderr: float = 0.0) -> str | None:
    """'inaccuracy', 'mistake', 'blunder', or None for a move that lost too little (or too
    little to tell from the rollouts' noise: `stderr` is the drop's standard error)."""
    if drop <= NOISE_GUARD * stderr:
        return None
    for name, at in LEVELS:
        if drop >= at - 1e-12:
            return name
    return None


def severity(judgement: str | None) -> int:
    """0 for no judgement, then 1 (inaccuracy) to 3 (blunder): the worse of two is kept."""
    return 0 if judgement is None else len(LEVELS) - [k for k, _ in LEVELS].index(judgement)


def counted(n: int, judgement: str) -> str:
    """'1 blunder', '2 inaccuracies', '0 mistakes'."""
    return plural(n, judgement, PLURALS.get(judgement))


def tally_text(accuracy: dict) -> str:
    """The accuracy summary's counts in words: '1 inaccuracy, 0 mistakes, 4 blunders'."""
    return ", ".join(counted(accuracy[k], k) for k in ("inaccuracy", "mistake", "blunder"))

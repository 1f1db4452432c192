"""Rewind and compare: branch a game at move N and play on differently.

A branch keeps the log's seed and replays its first N moves, so up to the branch point it
is the same game (same state, same dice); after it, the given moves or a bot policy play
on. The branch's log records where it came from, so a report can show both side by side.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from faultlines.engine.bots import play_out, policy_named
from faultlines.engine.case import Case
from faultlines.engine.debrief.logfile import prepare_log
from faultlines.engine.errors import IllegalMove, SaveError
from faultlines.engine.game import Game, replay
from faultlines.engine.moves import move_from_dict

MAX_MOVES = 400


def branch(log: dict[str, Any], at: int, *, moves: list[dict[str, Any]] | None = None,
           policy: str | None = None, case: Case | None = None, where: str = "<log>"
           ) -> Game:
    """Replay the first `at` moves of `log`, then play `moves` and/or let `policy` finish.

    Raises SaveError (one line) if the branch point is outside the game or a move given
    is not legal at that point; ValueError for an unknown policy name.
    """
    log, case = prepare_log(log, case, where)
    if not 0 <= at <= len(log["moves"]):
        raise SaveError(f"{where}: cannot branch at move {at}; the game has "
                        f"{len(log['moves'])} moves (choose 0 to {len(log['moves'])})")
    bot = policy_named(policy) if policy else None
    try:
        game = replay(case, log, upto=at)
    except (IllegalMove, ValueError, KeyError) as exc:
        raise SaveError(f"{where}: the moves do not replay on this scenario ({exc})") from None
    for n, d in enumerate(moves or []):
        if game.over:
            break
        try:
            game.play(move_from_dict(d))
        except (IllegalMove, ValueError, TypeError) as exc:
            raise SaveError(f"branch move {n + 1} ({d.get('kind')}): {exc}") from None
    if bot is not None and not game.over:
        play_out(game, bot, np.random.default_rng([log["seed"], 7, at]), max_moves=MAX_MOVES)
    return game


def branch_log(log: dict[str, Any], at: int, **kwargs: Any) -> dict[str, Any]:
    """The branch as a full log, marked with its origin (`branch`: from seed, at, how)."""
    game = branch(log, at, **kwargs)
    out = game.full_log(abandoned=not game.over)
    how = kwargs.get("policy") or (f"{len(kwargs.get('moves') or [])} given moves")
    out["branch"] = {"at": at, "how": how, "parent_moves": len(log.get("moves", []))}
    if log.get("player"):
        out["player"] = log["player"]
    return out


def shared_history(a: dict[str, Any], b: dict[str, Any]) -> int:
    """How many per-round snapshots two logs share exactly (where the branches part)."""
    n = 0
    for x, y in zip(a.get("history", []), b.get("history", []), strict=False):
        if x != y:
            break
        n += 1
    return n

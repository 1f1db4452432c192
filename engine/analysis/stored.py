"""An analysis as a record that can be kept and read back exactly (the window's cache).

`Analysis.to_dict` is the published JSON: chances rounded for people and other programs.
A cache must give back the very analysis that was computed, so this record keeps the
rollout counts themselves (an `Estimate` is counts, the chances are derived), and reading
it checks every field with pydantic: a damaged or foreign file is refused as a whole with
one reason (ValueError), never half-read.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from faultlines.engine.analysis.board import Analysis, Best, Judged
from faultlines.engine.analysis.rollouts import Estimate
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    ValidationError,
    model_validator,
)

#: names this record's layout; a change of layout (or of what the analysis means) changes it,
#: so an older cache is simply not used
STORED_FORMAT = "faultlines-analysis-3"  # 2: rollouts by varied research-style play;
#: 3: moves judged by the best chance kept, on either chance

_Count = Annotated[StrictInt, Field(ge=0, le=10**9)]
_Text = Annotated[StrictStr, Field(max_length=2000)]
_Move = dict[Annotated[StrictStr, Field(max_length=40)], Annotated[StrictStr, Field(max_length=200)]]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _Estimate(_Strict):
    n: _Count
    passed: _Count
    consensus: _Count
    start: _Count = 0
    exact: StrictBool = False

    @model_validator(mode="after")
    def _counts_fit(self) -> _Estimate:
        if self.passed > self.n or self.consensus > self.passed:
            raise ValueError("more passes than games")
        return self


class _Best(_Strict):
    move: _Move
    text: _Text
    estimate: _Estimate


class _Judged(_Strict):
    index: _Count
    stage: _Text
    round: _Count
    estimate: _Estimate
    move: _Move | None = None
    text: _Text = ""
    played: _Estimate | None = None
    best: _Best | None = None
    drop: Annotated[float, Field(ge=-1.0, le=1.0)] = 0.0
    drop_stderr: Annotated[float, Field(ge=0.0, le=2.0)] = 0.0
    judgement: Literal["inaccuracy", "mistake", "blunder"] | None = None
    choices: _Count = 0
    measure: Literal["pass", "consensus"] = "pass"


class _Stored(_Strict):
    format: StrictStr
    scenario: _Text
    title: _Text
    seed: StrictInt
    outcome: StrictStr | None
    rollouts: _Count
    positions: Annotated[list[_Judged], Field(min_length=1, max_length=10_000)]
    accuracy: dict[StrictStr, float | int]


def analysis_record(a: Analysis) -> dict[str, Any]:
    """The analysis as plain JSON data that `analysis_from_record` reads back equal."""
    def est(e: Estimate) -> dict[str, Any]:
        return {"n": e.n, "passed": e.passed, "consensus": e.consensus, "start": e.start,
                "exact": e.exact}

    def judged(q: Judged) -> dict[str, Any]:
        return {"index": q.index, "stage": q.stage, "round": q.round,
                "estimate": est(q.estimate), "move": q.move, "text": q.text,
                "played": None if q.played is None else est(q.played),
                "best": None if q.best is None else {"move": q.best.move, "text": q.best.text,
                                                     "estimate": est(q.best.estimate)},
                "drop": q.drop, "drop_stderr": q.drop_stderr, "judgement": q.judgement,
                "choices": q.choices, "measure": q.measure}

    return {"format": STORED_FORMAT, "scenario": a.scenario, "title": a.title, "seed": a.seed,
            "outcome": a.outcome, "rollouts": a.rollouts,
            "positions": [judged(q) for q in a.positions], "accuracy": dict(a.accuracy)}


def analysis_from_record(data: Any) -> Analysis:
    """Read a record written by `analysis_record`; raises ValueError with one reason."""
    if not isinstance(data, dict) or data.get("format") != STORED_FORMAT:
        raise ValueError("not an analysis of this version")
    try:
        s = _Stored.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err.get("loc", ()))
        raise ValueError(f"{where or 'record'}: {err.get('msg', 'invalid')}") from None

    def est(e: _Estimate) -> Estimate:
        return Estimate(e.n, e.passed, e.consensus, e.start, e.exact)

    positions = [Judged(index=q.index, stage=q.stage, round=q.round, estimate=est(q.estimate),
                        move=q.move, text=q.text,
                        played=None if q.played is None else est(q.played),
                        best=None if q.best is None else Best(q.best.move, q.best.text,
                                                              est(q.best.estimate)),
                        drop=q.drop, drop_stderr=q.drop_stderr, judgement=q.judgement,
                        choices=q.choices, measure=q.measure)
                 for q in s.positions]
    return Analysis(scenario=s.scenario, title=s.title, seed=s.seed, outcome=s.outcome,
                    rollouts=s.rollouts, positions=positions, accuracy=dict(s.accuracy))

"""The stage machine, built from the scenario's stage list with `transitions`.

States are the scenario's stages plus `hiatus` and `outcome`. Edges: `advance` to the next
stage; `reopen_<id>` back to an earlier stage (a downstream dispute re-opens a settled one,
Waring et al. 2023, Findings); `pause` into a hiatus after a stand-off and `resume_<id>` out
of it; `conclude` after the sign-off; `collapse` and `stall` from anywhere.
"""

from __future__ import annotations

from faultlines.engine.case import Case
from transitions import Machine

HIATUS = "hiatus"
OUTCOME = "outcome"


def build_machine(case: Case, model: object, initial: str) -> Machine:
    ids = list(case.stage_ids)
    transitions = []
    for a, b in zip(ids, ids[1:], strict=False):
        transitions.append({"trigger": "advance", "source": a, "dest": b})
    for st in case.scenario.stages:
        if st.reopen_to:
            transitions.append({"trigger": f"reopen_{st.reopen_to}", "source": st.id,
                                "dest": st.reopen_to})
        transitions.append({"trigger": f"resume_{st.id}", "source": HIATUS, "dest": st.id})
    decision_stages = [s.id for s in case.scenario.stages if s.kind != "briefing"]
    transitions += [
        {"trigger": "pause", "source": decision_stages, "dest": HIATUS},
        {"trigger": "conclude", "source": ids[-1], "dest": OUTCOME},
        {"trigger": "collapse", "source": ids + [HIATUS], "dest": OUTCOME},
        {"trigger": "stall", "source": ids + [HIATUS], "dest": OUTCOME},
    ]
    return Machine(
        model=model, states=ids + [HIATUS, OUTCOME], transitions=transitions, initial=initial,
        auto_transitions=False, model_attribute="stage", send_event=False,
    )

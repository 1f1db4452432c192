"""Demands and stand-offs (engine/disputes.py): typed, immutable records of what stands
between the plan and a decision besides stances."""

from __future__ import annotations

from dataclasses import FrozenInstanceError

import pytest
from faultlines.engine.disputes import Demand, Standoff

ROLE = Demand(event="rehab_deadlock", by=("asc_city", "asc_county"), requires="offer_role",
              beneficiary="social_enterprise", amount=0.4, note="A role for the provider.")
CATCH22 = Standoff(event="catch22", members=("teaching", "mhcp"), component="crisis",
                   stage="committee", note="Nobody invests first.")


def test_a_demand_is_met_only_by_its_move_for_its_beneficiary():
    assert ROLE.meets("offer_role", "social_enterprise")
    assert not ROLE.meets("offer_role", "teaching")
    assert not ROLE.meets("offer_funds", "social_enterprise")
    anyone = Demand(event="e", by=("gps",), requires="consult_genuine", beneficiary=None,
                    amount=0.2)
    assert anyone.meets("consult_genuine", None) and anyone.meets("consult_genuine", "gps")


def test_a_met_demand_is_not_met_again():
    from dataclasses import replace

    met = replace(ROLE, met=True)
    assert not met.meets("offer_role", "social_enterprise") and not ROLE.met


def test_a_standoff_blocks_only_its_own_stage_until_broken():
    assert CATCH22.blocks("committee") and not CATCH22.blocks("consultation")
    broken = CATCH22.broken()
    assert not broken.blocks("committee") and broken.members == CATCH22.members
    assert not CATCH22.resolved  # breaking it made a new record


def test_records_cannot_be_changed_in_place():
    with pytest.raises(FrozenInstanceError):
        ROLE.met = True  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        CATCH22.resolved = True  # type: ignore[misc]


def test_records_survive_their_json_form_and_older_saves_without_notes():
    assert Demand.from_dict(ROLE.to_dict()) == ROLE
    assert Standoff.from_dict(CATCH22.to_dict()) == CATCH22
    assert ROLE.to_dict()["by"] == ["asc_city", "asc_county"]  # plain JSON lists
    old = {**ROLE.to_dict(), "note": None}
    assert Demand.from_dict(old).note == ""

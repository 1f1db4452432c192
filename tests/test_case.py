"""A scenario compiled for play (engine/case.py): the authored facts as read-only arrays in
the scenario's order, one stage machine shared by every game, and the text logs embed."""

from __future__ import annotations

import numpy as np
import pytest
from faultlines.engine.case import case_from_source, load_case
from faultlines.engine.catalogue import ScenarioSource
from faultlines.engine.errors import ScenarioError


def test_the_arrays_follow_the_authored_stakeholders_and_relationships(elm):
    sc = elm.scenario
    assert elm.ids == tuple(s.id for s in sc.stakeholders)
    assert elm.name("teaching") == sc.stakeholders[0].name
    for r in sc.relationships:
        a, b = elm.index[r.a], elm.index[r.b]
        grid = elm.affinity if r.kind == "affinity" else elm.conflict
        assert grid[a, b] == grid[b, a] == r.strength  # relationships are mutual
    assert elm.forums["consultation"].all()  # "all" of them are consulted
    assert list(np.array(elm.ids)[elm.vetoes["committee"]]) == ["mhcp", "asc_city"]


def test_a_case_cannot_be_changed_by_a_game(elm):
    with pytest.raises(ValueError):
        elm.influence[0] = 1.0
    with pytest.raises(ValueError):
        elm.forums["board"][0] = False


def test_one_stage_machine_per_case(elm):
    from faultlines.engine.flow import flow_for

    assert flow_for(elm) is flow_for(elm)
    assert flow_for(load_case("elm")) is not flow_for(elm)  # another compilation


def test_the_case_keeps_the_text_it_was_compiled_from(elm):
    again = case_from_source(ScenarioSource("elm", elm.source.text, "log", "<log>"))
    assert again.source.sha256 == elm.source.sha256 and again.ids == elm.ids


def test_a_shipped_file_must_carry_its_own_id(elm):
    renamed = ScenarioSource("birch", elm.source.text, "installed", "installed:birch.yaml")
    with pytest.raises(ScenarioError, match="named 'birch' but its id is 'elm'"):
        case_from_source(renamed)

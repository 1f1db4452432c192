"""The one event stream (engine/events.py) that the log, transcript, replay and debrief
read: each event survives its JSON form, and names read as a sentence."""

from __future__ import annotations

import json

from faultlines.engine.events import Event, join_names
from faultlines.engine.moves import make


def test_every_event_of_a_game_survives_the_log(elm_game):
    g = elm_game
    for m in (make("one_to_one", target="teaching"), make("big_picture"), make("end_round")):
        g.play(m)
    logged = json.loads(json.dumps(g.full_log()))["events"]
    assert [Event.from_dict(e) for e in logged] == g.events


def test_names_read_as_a_sentence():
    assert join_names([]) == "" and join_names(["Ann"]) == "Ann"
    assert join_names(["Ann", "Bo"]) == "Ann and Bo"
    assert join_names(["Ann", "Bo", "Cy"]) == "Ann, Bo and Cy"

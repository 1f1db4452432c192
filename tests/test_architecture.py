"""The shape of the code a newcomer relies on (issue 9): engine/ has no import cycle, not even
through type-checking or late imports, and the shells reach the engine only through the
doorway (engine.table), the view types and pure helpers - never the Game, its state, the
stage flow or the rules. `python bench/import_graph.py` prints the same graph."""

from __future__ import annotations

from bench.import_graph import cycles, edges, shell_uses, sources

#: what game/ may import from engine/, and why
SHELL_MAY_USE = {
    "engine.table": "the doorway",
    "engine.view": "what the player sees (PlayerView, PersonView)",
    "engine.choices": "the Choice a palette shows",
    "engine.events": "the event stream a transcript reads",
    "engine.errors": "the domain's errors (IllegalMove, SaveError, ScenarioError)",
    "engine.domain": "names of families, contributions and outcomes",
    "engine.moves": "move kinds and labels, for buttons and help (never legality)",
    "engine.case": "loading a compiled case to open a table on",
    "engine.catalogue": "finding scenarios by id",
    "engine.records": "reading versioned saves",
    "engine.logs": "atomic writes and safe JSON reads",
    "engine.tuning": "the difficulty levels' descriptions",
    "engine.schema": "a scenario's authored text for role packs",
    "engine.schema_doc": "the `schema` verb",
    "engine.simulate": "the `simulate` verb",
    "engine.bots": "the `simulate` verb's policies",
}
NEVER = ("engine.game", "engine.flow", "engine.context", "engine.state", "engine.stance",
         "engine.scripted", "engine.decision", "engine.outcomes", "engine.history")


def test_engine_has_no_import_cycle_at_all():
    graph = edges(sources(None), top_level_only=False)
    assert cycles(graph, "engine") == []


def test_shells_reach_the_engine_only_through_the_doorway_and_the_view():
    used = shell_uses(edges(sources(None), top_level_only=False))
    rules = {m for m in used if m in NEVER}
    assert not rules, {m: used[m] for m in rules}
    # the debrief and the analysis board (its verbs and drill) are read-only consumers of logs
    other = {m for m in used if m not in SHELL_MAY_USE
             and not m.startswith(("engine.debrief", "engine.analysis"))}
    assert not other, {m: used[m] for m in other}

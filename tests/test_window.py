"""The window, driven as a player drives it: by posting mouse and key events.

Each test that opens a window first makes SDL headless (dummy video and audio drivers) and
points FAULTLINES_HOME at a temporary folder, so no real display or profile is touched.
"""

from __future__ import annotations

import hashlib
import random

import pygame
import pytest
from faultlines.engine.moves import make

from tests.window_kit import gate_rollouts, headless, open_app

pytestmark = pytest.mark.filterwarnings("ignore:Finding font with id")




def driver(app):
    from faultlines.game.driver import Driver

    return Driver(app)


def scene_name(app) -> str:
    return type(app.top).__name__


PLAIN = ("one_to_one", "tailored_frame", "evidence_case", "call_decision", "end_round")


def plain_move(table) -> tuple[str, dict[str, str]]:
    """The first of a few moves the doorway says is possible, each parameter its first
    legal value: enough to carry a game to its end by clicks."""
    for c in table.choices():
        if c.kind not in PLAIN or c.reason:
            continue
        params: dict[str, str] = {}
        for _ in c.params:
            legal = [v for v, why in table.options(c.kind, **params).items() if why is None]
            if not legal:
                break
            params[c.params[len(params)]] = legal[0]
        if len(params) == len(c.params):
            return c.kind, params
    return "end_round", {}


def to_table(app, d, *, seed: int = 3, difficulty: str = "standard", practice: bool = False):
    """Title -> New game -> (Elm, difficulty, practice) -> briefing -> table, by clicks."""
    app.show_title()
    d.pump()
    d.click_button("new")
    assert scene_name(app) == "NewGameScene"
    app.top.seed = seed
    d.click_button("scenario:elm")
    d.click_button(f"difficulty:{difficulty}")
    if practice:
        d.click_button("practice")
    d.click_button("start")
    assert scene_name(app) == "BriefingScene"
    d.click_button("begin")
    assert scene_name(app) == "TableScene"


# -- a game by clicks ----------------------------------------------------------------------
def test_play_elm_by_clicks_from_title_to_board_decision(app):
    d = driver(app)
    to_table(app, d)
    table = app.session.table
    assert table.view.stage == "briefing"
    # listen to the two most powerful doubters, then let the month pass
    d.play(make("one_to_one", target="teaching"))
    d.play("one_to_one", target="mhcp")
    assert [m["kind"] for m in table.moves] == ["one_to_one", "one_to_one"]
    d.play(make("end_round"))
    assert d.continue_overlays()  # the Board stage opens with news
    assert table.view.stage == "board"
    d.play(make("tailored_frame", target="teaching"))
    d.play(make("evidence_case", component="crisis"))
    d.continue_overlays()
    d.play(make("call_decision"))
    assert scene_name(app) == "DecisionOverlay"
    decision = app.top.decision
    assert decision.kind == "decision" and decision.data["stage"] == "board"
    assert set(decision.data) >= {"support", "abstain", "oppose", "blockers", "share", "needed",
                                  "result"}
    d.continue_overlays()
    assert scene_name(app) in ("TableScene", "OutcomeScene")
    assert all(m["kind"] in {"one_to_one", "end_round", "tailored_frame", "evidence_case",
                             "call_decision"} for m in table.moves)


def test_keyboard_only_move(app):
    d = driver(app)
    to_table(app, d)
    table = app.top
    d.key(pygame.K_TAB)
    d.key(pygame.K_TAB)
    who = table.selected
    d.key(pygame.K_o)  # one-to-one
    assert table.pending is not None
    d.key(pygame.K_RETURN)
    moves = app.session.table.moves
    assert moves == ({"kind": "one_to_one", "target": who},)
    d.key(pygame.K_ESCAPE)
    assert scene_name(app) == "PauseMenu"
    d.key(pygame.K_ESCAPE)
    assert scene_name(app) == "TableScene"


def test_unavailable_move_says_why(app):
    d = driver(app)
    to_table(app, d)
    table = app.top
    assert not table.buttons["move:air_cover"].is_enabled
    d.key(pygame.K_v)  # air cover before the Board has endorsed anything
    assert table.status_error and "Board" in table.status
    assert app.session.table.moves == ()


# -- saves -------------------------------------------------------------------------------------
def test_save_quit_load_finds_the_same_game(tmp_path):
    headless(tmp_path)
    app = open_app()
    d = driver(app)
    to_table(app, d, seed=9)
    d.play(make("one_to_one", target="teaching"))
    d.play(make("town_hall"))
    d.continue_overlays()
    digest = app.session.table.digest()
    d.key(pygame.K_ESCAPE)
    d.click_button("save")
    assert scene_name(app) == "SlotsOverlay"
    d.click_button("slot:2")
    assert "Saved to slot 2" in app.top.message
    d.key(pygame.K_ESCAPE)
    d.click_button("quit")
    assert not app.running
    app.close()

    app = open_app()
    d = driver(app)
    app.show_title()
    d.pump()
    assert "continue" in app.top.buttons  # the autosave
    d.click_button("load")
    d.click_button("slot:2")
    assert scene_name(app) == "TableScene"
    assert app.session.table.digest() == digest
    app.show_title()
    d.pump()
    d.click_button("continue")
    assert app.session.table.digest() == digest
    app.close()


def test_autosave_resumes_a_killed_game(tmp_path):
    headless(tmp_path)
    app = open_app()
    d = driver(app)
    to_table(app, d, seed=4)
    d.play(make("one_to_one", target="gps"))
    digest = app.session.table.digest()
    app.close()  # no save, no quit: as if the process were killed
    app = open_app()
    d = driver(app)
    app.show_title()
    d.pump()
    d.click_button("continue")
    assert app.session.table.digest() == digest
    app.close()


def test_undo_in_practice_mode(app):
    d = driver(app)
    to_table(app, d, practice=True)
    before = app.session.table.digest()
    d.play(make("one_to_one", target="teaching"))
    assert app.session.table.digest() != before
    d.key(pygame.K_z, pygame.KMOD_CTRL)
    assert app.session.table.moves == ()
    assert app.session.table.digest() == before


def test_undo_refused_outside_practice(app):
    d = driver(app)
    to_table(app, d)
    d.play(make("one_to_one", target="teaching"))
    d.key(pygame.K_z, pygame.KMOD_CTRL)
    assert len(app.session.table.moves) == 1
    assert "practice" in app.top.status


@pytest.fixture
def hint_in_process(monkeypatch):
    """The window's hint plays its rollouts in its own thread (no worker processes)."""
    import faultlines.engine.analysis.defaults as defaults

    monkeypatch.setattr(defaults, "ROLLOUT_JOBS", 1)


def test_a_fair_hint_in_a_practice_game_comes_while_the_table_answers(app, hint_in_process):
    d = driver(app)
    to_table(app, d, difficulty="guided")
    scene = app.top
    assert "hint" in scene.buttons  # a visible button, as well as the key
    d.key(pygame.K_SLASH, pygame.KMOD_SHIFT, unicode="?")
    job = scene.job
    assert job is not None and "imagined games" in scene.situation_box.html_text
    d.key(pygame.K_TAB)  # the table still answers while the hint is worked out
    assert job.wait(120)
    d.pump(3)
    assert scene.job is None and scene.hint_line.startswith("Hint: ")
    assert "imagined games that fit what you know" in scene.hint_line
    assert scene.hint_line[6:20] in scene.situation_box.html_text
    assert "Hint ready" in scene.status
    d.play(make("one_to_one", target="teaching"))  # the hint was for the position left
    assert scene.hint_line[6:20] not in scene.situation_box.html_text


def test_a_hint_asked_for_and_left_is_dropped_and_esc_cancels_one(app, hint_in_process,
                                                                  monkeypatch):
    import faultlines.game.scenes.table as table_scene

    gate = gate_rollouts(monkeypatch, table_scene)  # held until Esc is pressed
    d = driver(app)
    to_table(app, d, difficulty="guided")
    scene = app.top
    d.key(pygame.K_SLASH, pygame.KMOD_SHIFT, unicode="?")
    job = scene.job
    d.key(pygame.K_ESCAPE)  # cancels the hint, not the game
    gate.set()
    assert job.wait(120) and job.cancelled
    d.pump(3)
    assert scene.job is None and scene.hint_line is None and scene_name(app) == "TableScene"
    assert "cancelled" in scene.status
    d.key(pygame.K_SLASH, pygame.KMOD_SHIFT, unicode="?")
    job = scene.job
    d.play(make("one_to_one", target="teaching"))
    assert job.wait(120)
    d.pump(3)
    assert scene.hint_line is None  # a hint for a position already left is never shown


def test_no_hint_outside_practice_difficulty(app):
    d = driver(app)
    to_table(app, d)
    assert "hint" not in app.top.buttons
    d.key(pygame.K_SLASH, pygame.KMOD_SHIFT, unicode="?")
    assert app.top.job is None
    assert app.top.status.startswith("No hint:") and "guided" in app.top.status


def test_settings_persist_between_runs(tmp_path):
    headless(tmp_path)
    from faultlines.game.settings import load_settings

    app = open_app(settings=load_settings())
    d = driver(app)
    app.show_title()
    d.pump()
    d.click_button("settings")
    d.click_button("size:2")
    d.click_button("cb:0")
    d.click_button("snd:0")
    assert app.scale == 1.5
    app.close()
    s = load_settings()
    assert (s.text_size, s.colourblind, s.sound) == (2, False, False)


# -- every scene, seen ------------------------------------------------------------------------
def _fingerprint(surface: pygame.Surface) -> tuple[str, int]:
    small = pygame.transform.scale(surface, (160, 90))
    colours = len(set(small.get_at((x, y))[:3] for x in range(0, 160, 4) for y in range(0, 90, 3)))
    return hashlib.sha1(pygame.image.tobytes(surface, "RGB")).hexdigest(), colours


def test_screenshot_of_every_scene(tmp_path):
    headless(tmp_path)
    from faultlines.game.scenes.overlays import DecisionOverlay

    app = open_app()
    d = driver(app)
    shots = tmp_path / "shots"
    seen: list[tuple[str, str]] = []

    def shot(name: str) -> None:
        d.pump(2)
        path = app.screenshot(shots / f"{len(seen):02d}_{name}.png")
        digest, colours = _fingerprint(pygame.image.load(str(path)))
        assert colours > 6, f"{name} looks blank"
        if seen:
            assert digest != seen[-1][1], f"{name} looks the same as {seen[-1][0]}"
        seen.append((name, digest))

    app.show_title()
    shot("title")
    d.click_button("new")
    shot("new_game")
    app.top.seed = 3
    d.click_button("start")
    shot("briefing")
    d.click_button("begin")
    shot("table")
    d.key(pygame.K_f)
    shot("choosing_a_person")
    d.key(pygame.K_ESCAPE)
    d.key(pygame.K_e)
    shot("component_chooser")
    d.key(pygame.K_1)
    d.key(pygame.K_p)
    shot("plan")
    d.key(pygame.K_ESCAPE)
    d.key(pygame.K_l)
    shot("transcript")
    d.key(pygame.K_ESCAPE)
    d.key(pygame.K_F1)
    shot("help")
    d.key(pygame.K_ESCAPE)
    d.key(pygame.K_ESCAPE)
    shot("pause")
    d.click_button("save")
    shot("save_slots")
    d.key(pygame.K_ESCAPE)
    d.click_button("settings")
    shot("settings")
    d.key(pygame.K_ESCAPE)
    d.key(pygame.K_ESCAPE)
    d.play(make("end_round"))
    shot("news")
    d.continue_overlays()
    d.play(make("call_decision"))
    assert isinstance(app.top, DecisionOverlay)
    shot("decision")
    d.continue_overlays()
    # play on through the window, choosing as a plain player would, to an outcome
    for _ in range(200):
        if scene_name(app) != "TableScene":
            break
        kind, params = plain_move(app.session.table)
        d.play(kind, **params)
        d.continue_overlays()
    assert scene_name(app) == "OutcomeScene"
    shot("outcome")
    d.click_button("debrief")
    shot("debrief")
    assert len(seen) == 16


# -- robustness ----------------------------------------------------------------------------------
def test_2000_random_input_events_on_the_table(app):
    """Random clicks, wheels and keys never crash the window, and whatever they play is a
    real game: each game's log replays to the very game the window showed."""
    from faultlines.engine.game import replay
    from faultlines.game.scenes.debrief import game_log
    from faultlines.game.scenes.table import TableScene

    d = driver(app)
    to_table(app, d, seed=7)
    logs = []
    app.quit = lambda: None  # the fuzzer may press Quit; keep going
    rnd = random.Random(1234)
    w, h = app.size
    keys = [pygame.K_TAB, pygame.K_RETURN, pygame.K_ESCAPE, pygame.K_SPACE, pygame.K_LEFT,
            pygame.K_RIGHT, pygame.K_UP, pygame.K_DOWN, pygame.K_PAGEUP, pygame.K_PAGEDOWN,
            pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_F1] + \
        [ord(c) for c in "abcdefghijklmnopqrstuvwxyz"]
    for i in range(2000):
        r = rnd.random()
        pos = (rnd.randrange(w), rnd.randrange(h))
        if r < 0.35:
            ev = pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(1, 1), buttons=(0, 0, 0))
        elif r < 0.6:
            b = rnd.choice([1, 1, 1, 3, 4, 5])
            pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=b))
            ev = pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=b)
        elif r < 0.65:
            ev = pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=rnd.choice([-1, 1]), flipped=False,
                                    precise_x=0.0, precise_y=1.0)
        else:
            mod = pygame.KMOD_SHIFT if rnd.random() < 0.1 else 0
            k = rnd.choice(keys)
            pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode="",
                                                 scancode=0))
            ev = pygame.event.Event(pygame.KEYUP, key=k, mod=mod, scancode=0)  # as keys do
        pygame.event.post(ev)
        if i % 8 == 7:
            d.pump(1)
            base = app.scenes[0] if app.scenes else None
            if not isinstance(base, TableScene) or app.session is None or app.session.over:
                if app.session is not None:
                    logs.append(game_log(app.session))
                to_table(app, d, seed=rnd.randrange(1000))
    d.pump(3)
    if app.session is not None:
        logs.append(game_log(app.session))
    assert sum(len(log["moves"]) for log in logs) >= 10  # the fuzzing did play
    for log in logs:
        again = replay(app.session.case, log)
        assert again.history == log["history"] and again.state.outcome == log["outcome"]


def test_resize_and_text_sizes_lay_out_again(app):
    d = driver(app)
    to_table(app, d)
    for size in ((960, 600), (1600, 900), (1280, 720)):
        app.window = pygame.display.set_mode(size, pygame.RESIZABLE)
        pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=size[0], h=size[1],
                                             size=size))
        d.pump(2)
        assert app.top.map.rect.right <= size[0]
    for _ in range(3):
        d.key(pygame.K_EQUALS, pygame.KMOD_CTRL)
    assert app.settings.text_size == 2
    assert not app.top.wide  # classroom text at 1280x720: the side panel has tabs
    d.key(pygame.K_2)
    assert app.top.palette.container.visible
    d.play(make("one_to_one", target="vcs"))
    assert len(app.session.table.moves) == 1


def test_idle_loop_does_not_redraw(app):
    d = driver(app)
    to_table(app, d)
    app._busy_until = 0.0
    d.pump(2)
    frames = app.frames
    drew = app.step(block=False)
    assert not drew and app.frames == frames


def test_no_display_returns_marker(tmp_path, monkeypatch):
    headless(tmp_path)
    monkeypatch.setenv("SDL_VIDEODRIVER", "no-such-driver")
    from faultlines.game.app import run_window

    assert run_window(scenario=None, seed=1) == "no-display"


def test_a_trainers_case_is_listed_and_logs_go_where_the_cli_said(tmp_path):
    import json

    from faultlines.game.session import LogPlace

    from tests.test_catalogue import trainer_folder

    headless(tmp_path)
    trainer_folder(tmp_path / "home" / "data")
    app = open_app(log_place=LogPlace(str(tmp_path / "class_logs"), "Ada"))
    try:
        d = driver(app)
        app.show_title()
        d.pump()
        d.click_button("new")
        assert "stroke" in app.top.refs
        for _ in range(12):  # by keyboard: Tab to the trainer's case (below the scroll)
            if app.top.focus.current == "scenario:stroke":
                break
            d.key(pygame.K_TAB)
        d.key(pygame.K_RETURN)
        assert app.top.chosen == "stroke"
        d.click_button("start")
        d.click_button("begin")
        assert app.session.case.scenario.id == "stroke"
        d.play(make("one_to_one", target="teaching"))
        app.show_title()  # leaving an unfinished game keeps its log
        logs = list((tmp_path / "class_logs").glob("*.json"))
        assert len(logs) == 1
        log = json.loads(logs[0].read_text(encoding="utf-8"))
        assert log["player"] == "Ada" and log["scenario"] == "stroke"
        assert not list((tmp_path / "home" / "data" / "logs").glob("*.json"))
    finally:
        app.close()


def test_a_consultations_asks_are_answered_through_the_window(app):
    """The consultation raises asks; the player answers one by keyboard-free clicks through
    the palette's component and mode choosers, and the plan changes."""
    from faultlines.engine.case import load_case
    from faultlines.engine.moves import make
    from faultlines.engine.simulate import play_one
    from faultlines.engine.table import Table
    from faultlines.game.session import BranchOrigin

    case = load_case("elm")
    for seed in range(1, 40):  # a research-style game whose genuine consultation draws asks
        log = play_one(case, "skilled", seed).table.log()
        at = next((i for i, m in enumerate(log["moves"]) if m["kind"] == "consult"), None)
        if at is not None:
            trial = Table.replayed(case, log, upto=at)
            trial.choose(make("consult", mode="genuine"))
            if trial.view.asks:
                break
    table = Table.replayed(case, log, upto=at)
    app.start_branch(table, BranchOrigin(log=log, at=at), scenario_ref="elm")
    d = driver(app)
    d.pump()
    d.play("consult", mode="genuine")
    d.continue_overlays()
    asks = app.session.view.asks
    assert asks and all(a.answer is None for a in asks)
    before = float(app.session.view.components[case.comp_index[asks[0].component]]["ambition"])
    d.play("answer_ask", component=asks[0].component, mode="accept")
    d.continue_overlays()
    view = app.session.view
    assert view.asks[0].answer == "accept"
    after = view.components[case.comp_index[asks[0].component]]["ambition"]
    assert after < before


# -- answering at once ---------------------------------------------------------------------
def test_a_move_changes_text_in_place_without_laying_the_table_out_again(app):
    """A move updates the card, situation and transcript where they are: the table keeps
    its layout (no element moves), the transcript lays out only its new lines, and the
    card is laid out again only when what it says changed."""
    d = driver(app)
    to_table(app, d)
    table = app.top
    rects = {k: pygame.Rect(r) for k, r in (("map", table.map.rect),
                                           ("card", table.card_box.rect),
                                           ("situation", table.situation_box.rect),
                                           ("transcript", table.transcript_box.rect),
                                           ("top", table.top_rect))}
    ui = table.ui
    for move in (make("one_to_one", target="teaching"), make("one_to_one", target="mhcp"),
                 make("end_round")):
        before = table.transcript_box.layouts
        lines = len(table.transcript.lines)
        d.play(move)
        d.continue_overlays()
        assert app.top is table and table.ui is ui, "the table was laid out again"
        assert table.transcript_box.layouts - before == len(table.transcript.lines) - lines
    assert {k: r for k, r in rects.items()} == {
        "map": table.map.rect, "card": table.card_box.rect,
        "situation": table.situation_box.rect, "transcript": table.transcript_box.rect,
        "top": table.top_rect}
    card = table.card_box.layouts
    d.key(pygame.K_PAGEDOWN)  # scrolling, hovering, redrawing: nothing laid out again
    d.pump(5)
    assert table.card_box.layouts == card


def test_the_autosave_is_written_after_the_move_is_on_screen(app):
    from faultlines.game.saves import AUTOSAVE

    d = driver(app)
    to_table(app, d)
    order = []
    write = app.store.write

    def recording(slot, *args, **kwargs):
        order.append(("save", app.frames))
        return write(slot, *args, **kwargs)
    app.store.write = recording
    frames = app.frames
    d.play(make("one_to_one", target="teaching"))
    assert order and order[0][1] > frames, "the autosave ran before the move was shown"
    saved = app.store.read(AUTOSAVE)
    assert len(saved["moves"]) == 1  # and it is the game after the move


def test_the_title_screen_opens_without_the_engine(tmp_path):
    """The first frame does not wait for numpy, pydantic or the rules: they load when a
    game starts (and `faultlines --help` does not load the engine at all)."""
    import os
    import subprocess
    import sys

    code = ("import sys\n"
            "from faultlines.game.app import App\n"
            "from faultlines.game.settings import Settings\n"
            "app = App(settings=Settings(sound=False))\n"
            "app.show_title(); app.draw(); app.close()\n"
            "import faultlines.game.cli\n"
            "heavy = [m for m in ('numpy', 'pydantic', 'faultlines.engine.table',\n"
            "         'faultlines.engine.case') if m in sys.modules]\n"
            "print(','.join(heavy) or 'none')\n")
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy",
           "FAULTLINES_HOME": str(tmp_path / "home"), "PYGAME_HIDE_SUPPORT_PROMPT": "1"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, check=True).stdout.strip().splitlines()[-1]
    assert out == "none"

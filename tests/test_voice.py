"""Optional self-voicing, with a fake speaker in place of the platform's speech engine: the
window speaks the focused element and each new event, on a worker thread (a frame never
waits for speech), off by default; a missing engine is one line in the settings."""

from __future__ import annotations

import sys
import threading

import pygame
import pytest
from faultlines.game.settings import Settings
from faultlines.game.voice import INSTALL_HINT, Voice, engine_problem

from tests.window_kit import headless, open_app

pytestmark = pytest.mark.filterwarnings("ignore:Finding font with id")


class FakeSpeaker:
    def __init__(self, gate: threading.Event | None = None):
        self.heard: list[str] = []
        self.gate = gate
        self.started = threading.Event()  # the first line is being spoken

    def speak(self, text: str) -> None:
        self.started.set()
        if self.gate is not None:
            self.gate.wait(5)
        self.heard.append(text)


def fake_voice(speaker: FakeSpeaker, enabled: bool = True) -> Voice:
    return Voice(enabled, make_speaker=lambda: speaker, check=lambda: None)


def key(app, k: int) -> None:
    for kind in (pygame.KEYDOWN, pygame.KEYUP):
        pygame.event.post(pygame.event.Event(kind, key=k, mod=0, unicode="", scancode=0))
    app.pump(2)


def test_events_are_all_spoken_and_a_new_focus_drops_a_stale_one():
    gate = threading.Event()
    speaker = FakeSpeaker(gate)
    v = fake_voice(speaker)
    try:
        v.say("first", focus=True)
        assert speaker.started.wait(5)  # the worker is busy speaking "first"
        v.say("second", focus=True)
        v.say("an event")
        v.say("third", focus=True)  # "second" had not been spoken yet: it is stale
        gate.set()
        v.wait()
        assert "second" not in speaker.heard and "an event" in speaker.heard
        assert speaker.heard[-1] == "third"
    finally:
        v.close()


def test_off_by_default_and_silent_when_off():
    speaker = FakeSpeaker()
    assert Settings().speak is False
    v = fake_voice(speaker, enabled=False)
    v.say("nothing")
    v.wait()
    assert speaker.heard == [] and not v.working


def test_a_missing_engine_is_one_line_not_an_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "pyttsx3", None)  # import fails as if not installed
    assert engine_problem() == INSTALL_HINT
    v = Voice(True)
    v.say("hello")  # nothing happens, nothing raises
    assert v.problem == INSTALL_HINT and not v.working
    v.close()


@pytest.fixture
def speaking_app(tmp_path):
    headless(tmp_path)
    app = open_app(settings=Settings(speak=True))
    speaker = FakeSpeaker()
    app.voice.close()
    app.voice = fake_voice(speaker)
    yield app, speaker
    app.close()


def test_the_window_speaks_the_focus_and_each_new_event(speaking_app):
    app, speaker = speaking_app
    app.show_title()
    app.pump(2)
    key(app, pygame.K_TAB)
    app.voice.wait()
    title = app.top
    focused = title.buttons[title.focus.current].text
    assert speaker.heard and focused in speaker.heard[-1]
    app.start_new("tutorial", seed=3)
    app.pump(2)
    key(app, pygame.K_RETURN)  # the briefing's "Go to the table"
    assert type(app.top).__name__ == "TableScene"
    before = len(app.session.table.events)
    key(app, pygame.K_n)  # end the round: the engine reports what happened
    app.voice.wait()
    new = [e.text for e in app.session.table.events[before:] if e.kind != "snapshot" and e.text]
    assert new and all(t in speaker.heard for t in new)


def test_a_frame_never_waits_for_speech(tmp_path):
    headless(tmp_path)
    app = open_app(settings=Settings(speak=True))
    gate = threading.Event()
    speaker = FakeSpeaker(gate)
    app.voice.close()
    app.voice = fake_voice(speaker)
    try:
        app.show_title()
        for _ in range(3):
            key(app, pygame.K_TAB)  # each Tab queues speech the speaker has not finished
        assert speaker.heard == []  # still speaking the first line, yet the frames were drawn
        assert app.top.focus.current is not None
    finally:
        gate.set()
        app.close()


def test_the_settings_say_in_one_line_when_no_engine_is_installed(tmp_path, monkeypatch):
    from faultlines.game.scenes.menus import SettingsOverlay

    monkeypatch.setitem(sys.modules, "pyttsx3", None)
    headless(tmp_path)
    app = open_app(settings=Settings(speak=True))
    try:
        app.show_title()
        app.push(SettingsOverlay(app))
        app.pump(2)
        texts = [getattr(el, "html_text", "") for el in app.top.ui.get_root_container()]
        assert any(INSTALL_HINT.replace("'", "") in t.replace("'", "") for t in texts)
        assert type(app.top).__name__ == "SettingsOverlay"
    finally:
        app.close()

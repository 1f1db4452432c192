"""Shared set-up for tests that open the real window: headless SDL, a private profile."""

from __future__ import annotations

import os

import pytest


def headless(tmp_path) -> None:
    """Dummy video and audio drivers, and FAULTLINES_HOME in a temporary folder, so no real
    display or profile is touched."""
    os.environ["SDL_VIDEODRIVER"] = "dummy"
    os.environ["SDL_AUDIODRIVER"] = "dummy"
    os.environ["FAULTLINES_HOME"] = str(tmp_path / "home")


def open_app(*, text_size: int = 0, **kwargs):
    from faultlines.game.app import App
    from faultlines.game.settings import Settings

    kwargs.setdefault("settings", Settings(text_size=text_size))
    return App(**kwargs)


@pytest.fixture
def app(tmp_path):
    headless(tmp_path)
    a = open_app()
    yield a
    a.close()


def gate_rollouts(monkeypatch, module):
    """`module.JobRollouts` held before its first batch until the returned event is set:
    a test can then press a key while a background job is surely still running."""
    import threading

    gate = threading.Event()

    class Gated(module.JobRollouts):
        def estimate_all(self, *args, **kwargs):
            gate.wait(60)
            return super().estimate_all(*args, **kwargs)

    monkeypatch.setattr(module, "JobRollouts", Gated)
    return gate

"""Optional self-voicing: with the setting on, the window speaks the focused element and
each new event through the platform's speech engine (pyttsx3, which drives espeak-ng,
SAPI or NSSpeech; install it with the `voice` extra).

Speech runs on a worker thread, so a frame never waits for it. Off by default and never
required: when no engine can start, `problem` holds one line for the settings screen and
nothing else changes.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from typing import Protocol

INSTALL_HINT = "Speaking aloud needs a speech engine: pip install 'faultlines[voice]'."


class Speaker(Protocol):
    """What the worker needs from a speech engine."""

    def speak(self, text: str) -> None: ...


class Pyttsx3Speaker:
    """pyttsx3, made on the worker thread (its engines belong to the thread that made them)."""

    def __init__(self) -> None:
        import pyttsx3

        self.engine = pyttsx3.init()

    def speak(self, text: str) -> None:
        self.engine.say(text)
        self.engine.runAndWait()


def engine_problem() -> str | None:
    """One line saying why speech cannot work here, or None if an engine is installed."""
    try:
        import pyttsx3  # noqa: F401
    except ImportError:
        return INSTALL_HINT
    return None


class Voice:
    """Speaks lines in order on a worker thread. A new focus (`say(..., focus=True)`)
    replaces a focus line not yet spoken, so speech never lags behind the player's keys;
    the game's events are always all spoken."""

    def __init__(self, enabled: bool = False,
                 make_speaker: Callable[[], Speaker] = Pyttsx3Speaker,
                 check: Callable[[], str | None] = engine_problem):
        self._make = make_speaker
        self._check = check
        self._queue: queue.Queue[tuple[str, bool] | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self.problem: str | None = None
        self.enabled = False
        self.set_enabled(enabled)

    def set_enabled(self, on: bool) -> None:
        self.enabled = on
        if not on:
            self._drain()
            return
        self.problem = self._check()
        if self.problem is None and (self._thread is None or not self._thread.is_alive()):
            self._thread = threading.Thread(target=self._work, name="faultlines-voice",
                                            daemon=True)
            self._thread.start()

    @property
    def working(self) -> bool:
        return self.enabled and self.problem is None

    def say(self, text: str, *, focus: bool = False) -> None:
        text = " ".join(str(text).split())
        if not self.working or not text:
            return
        if focus:
            self._drain(only_focus=True)
        self._queue.put((text, focus))

    def wait(self) -> None:
        """Block until every queued line has been spoken (tests, and closing)."""
        if self._thread is not None and self._thread.is_alive():
            self._queue.join()

    def close(self) -> None:
        self._drain()
        if self._thread is not None and self._thread.is_alive():
            self._queue.put(None)
            self._thread.join(timeout=2.0)
        self._thread = None

    def _drain(self, *, only_focus: bool = False) -> None:
        """Drop lines not yet spoken (with `only_focus`, only focus lines)."""
        kept = []
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                break
            if only_focus and item is not None and not item[1]:
                kept.append(item)
            self._queue.task_done()
        for item in kept:
            self._queue.put(item)

    def _work(self) -> None:
        try:
            speaker = self._make()
        except Exception as exc:  # a broken engine: say so once, in the settings
            self.problem = f"The speech engine could not start ({exc})."
            speaker = None
        while True:
            item = self._queue.get()
            try:
                if item is None:
                    return
                if speaker is not None:
                    speaker.speak(item[0])
            except Exception as exc:  # keep the game going whatever the engine does
                self.problem = f"The speech engine stopped ({exc})."
                speaker = None
            finally:
                self._queue.task_done()


__all__ = ["INSTALL_HINT", "Voice", "engine_problem"]

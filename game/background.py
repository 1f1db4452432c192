"""Slow work off the window's thread: an analysis or a drill's estimate runs in a thread
whose rollouts play in worker processes, so the window keeps drawing and answering keys.

The window polls a `Job` each frame (`finished`, `done`/`total` for a progress bar) and may
`cancel` it: the job stops at its next batch of rollouts (`JobRollouts` checks between
batches), its worker processes are shut down, and the window is told it was cancelled.
A failure inside the work is kept as one line for the player (`error`), never a traceback.
The engine itself stays single-threaded and pure: the thread only calls it.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from faultlines.engine.analysis.rollouts import Estimate, Request, Rollouts

T = TypeVar("T")


class Cancelled(Exception):
    """The player cancelled the job."""


class Job(Generic[T]):
    """`work(job)` in a daemon thread; it reports with `job.progress(done, total)`."""

    def __init__(self, work: Callable[[Job[T]], T], *, name: str = "faultlines-job"):
        self._work = work
        self._cancel = threading.Event()
        self._finished = threading.Event()
        self.done = 0
        self.total = 0
        self.result: T | None = None
        self.error: str | None = None
        self.cancelled = False
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)

    def start(self) -> Job[T]:
        self._thread.start()
        return self

    # -- the worker's side -----------------------------------------------------------------
    def progress(self, done: int, total: int) -> None:
        self.done, self.total = int(done), int(total)
        self.check()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled

    def _run(self) -> None:
        try:
            self.result = self._work(self)
        except Cancelled:
            self.cancelled = True
        except Exception as exc:  # noqa: BLE001 - shown to the player as one line
            self.error = _one_line(exc)
        finally:
            self._finished.set()

    # -- the window's side -----------------------------------------------------------------
    @property
    def finished(self) -> bool:
        return self._finished.is_set()

    @property
    def fraction(self) -> float:
        return min(1.0, self.done / self.total) if self.total else 0.0

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelling(self) -> bool:
        return self._cancel.is_set() and not self.finished

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the job ends (tests and scripts; the window polls instead)."""
        return self._finished.wait(timeout)


class WatchesJob:
    """For a scene that shows a job: redraw only when the job has news (its progress moved
    or it ended), and take the job once it has ended."""

    job: Job | None = None
    _drawn_done = -1

    def job_news(self) -> bool:
        job = self.job
        return job is not None and (job.finished or job.done != self._drawn_done or
                                    job.cancelling)

    def drawn(self) -> None:
        """The job's progress is on screen."""
        if self.job is not None:
            self._drawn_done = self.job.done

    def take_finished(self) -> Job | None:
        """The job, if it has ended (it is then no longer the scene's)."""
        job = self.job
        if job is None or not job.finished:
            return None
        self.job = None
        self._drawn_done = -1
        return job


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
    return text[:300]


def pool_context() -> Any:
    """Worker processes are started fresh ("spawn"), never forked from the window: a fork
    of a process with SDL's threads running can inherit a lock held mid-call. A fresh
    worker imports the program's main module again, so whatever opens the window must
    keep its start under `if __name__ == "__main__":` (the `faultlines` command, `python -m
    faultlines` and the bench scripts do)."""
    return multiprocessing.get_context("spawn")


class JobRollouts(Rollouts):
    """Rollouts that stop at the next batch once their job is cancelled."""

    def __init__(self, job: Job, jobs: int):
        super().__init__(jobs, context=pool_context())
        self.job = job

    def estimate_all(self, requests: Sequence[Request]) -> list[list[Estimate]]:
        self.job.check()
        return super().estimate_all(requests)

"""Work off the window's thread: a job reports progress, can be cancelled at its next check,
and a failure inside it is one line for the player, never a traceback."""

from __future__ import annotations

import threading

from faultlines.game.background import Job


def test_a_job_reports_progress_and_its_result():
    job = Job(lambda j: (j.progress(1, 2), j.progress(2, 2), "done")[-1]).start()
    assert job.wait(30)
    assert job.result == "done" and job.fraction == 1.0 and job.error is None


def test_a_cancelled_job_stops_at_its_next_check():
    go = threading.Event()
    reached: list[int] = []

    def work(j: Job) -> str:
        go.wait(30)
        j.check()
        reached.append(1)
        return "finished anyway"

    job = Job(work).start()
    job.cancel()
    assert job.cancelling
    go.set()
    assert job.wait(30)
    assert job.cancelled and job.result is None and not reached


def test_a_failure_is_one_line():
    def work(j: Job) -> None:
        raise ValueError("the log does not replay\nsecond line")

    job = Job(work).start()
    assert job.wait(30)
    assert job.error == "the log does not replay" and not job.cancelled

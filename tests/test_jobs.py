"""The job runner: bounded worker processes, jobs keyed by content, progress, cancel, failures."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from csvcore import jobs
from csvcore.jobs import Busy, Cancelled, JobRunner, TimedOut, WorkerDied

WAIT = 60  # seconds a test waits for a worker before it gives up (never asserted as a speed)


# --- job functions (module level: the worker imports them) ------------------------------

def count_call(log: str, value):
    with open(log, "a") as out:
        out.write(f"{os.getpid()}\n")
    return value


def wait_for(flag: str, report: str = ""):
    """Report progress, then wait until the file ``flag`` exists; return the worker's pid."""
    jobs.progress(0.5, report)
    while not Path(flag).exists():
        time.sleep(0.02)
    return os.getpid()


def fail(message: str):
    raise ValueError(message)


def die():
    os._exit(3)


# --- helpers ------------------------------------------------------------------------------

@pytest.fixture
def runner():
    made = JobRunner(workers=1, max_queued=2)
    yield made
    made.shutdown()


def until(condition, what: str):
    deadline = time.monotonic() + WAIT
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting: {what}")
        time.sleep(0.02)


# --- tests --------------------------------------------------------------------------------

def test_equal_keys_run_once_and_share_the_result(runner, tmp_path):
    log = str(tmp_path / "calls")
    first = runner.submit("k", count_call, log, 41)
    second = runner.submit("k", count_call, log, 41)
    assert first.result(WAIT) == second.result(WAIT) == 41
    again = runner.submit("k", count_call, log, 41)  # kept done: no new run
    assert again.state == "done" and again.result(WAIT) == 41
    assert len(Path(log).read_text().splitlines()) == 1
    assert runner.submit("other", count_call, log, 1).result(WAIT) == 1
    assert len(Path(log).read_text().splitlines()) == 2


def test_work_runs_in_another_process_with_progress(runner, tmp_path):
    flag = tmp_path / "go"
    ticket = runner.submit("p", wait_for, str(flag), "reading sheet 'ties'")
    until(lambda: ticket.progress == (0.5, "reading sheet 'ties'"), "progress")
    assert ticket.state == "running" and not ticket.done()
    flag.touch()
    assert ticket.result(WAIT) != os.getpid() and ticket.progress[0] == 1.0


def test_workers_are_bounded_and_further_jobs_wait(runner, tmp_path):
    flag = tmp_path / "go"
    running = runner.submit("a", wait_for, str(flag))
    until(lambda: running.state == "running", "first job started")
    waiting = runner.submit("b", wait_for, str(flag))
    runner.submit("c", wait_for, str(flag))
    with pytest.raises(Busy):
        runner.submit("d", wait_for, str(flag))
    assert waiting.state == "queued"
    flag.touch()
    assert waiting.result(WAIT) == running.result(WAIT)  # one worker process did both


def test_cancel_stops_a_running_job_and_the_runner_goes_on(runner, tmp_path):
    never = tmp_path / "never"
    ticket = runner.submit("slow", wait_for, str(never))
    until(lambda: ticket.state == "running" and ticket.progress[0] == 0.5, "job started")
    ticket.cancel()
    with pytest.raises(Cancelled):
        ticket.result(WAIT)
    until(lambda: ticket.job.finished.is_set(), "job stopped")
    assert ticket.job.state == "cancelled"
    with pytest.raises(ValueError, match="still works"):
        runner.submit("next", fail, "still works").result(WAIT)
    retry = runner.submit("slow", count_call, str(tmp_path / "log"), 7)  # not kept: runs afresh
    assert retry.result(WAIT) == 7


def test_cancel_by_one_caller_leaves_the_job_to_another(runner, tmp_path):
    flag = tmp_path / "go"
    mine, theirs = (runner.submit("shared", wait_for, str(flag)) for _ in range(2))
    until(lambda: theirs.state == "running", "job started")
    mine.cancel()
    assert mine.state == "cancelled" and theirs.state == "running"
    flag.touch()
    assert theirs.result(WAIT) > 0


def test_a_queued_job_cancelled_never_runs(runner, tmp_path):
    flag, log = tmp_path / "go", str(tmp_path / "calls")
    runner.submit("first", wait_for, str(flag))
    queued = runner.submit("second", count_call, log, 1)
    queued.cancel()
    flag.touch()
    assert runner.submit("third", count_call, log, 3).result(WAIT) == 3
    assert queued.job.state == "cancelled"
    assert len(Path(log).read_text().splitlines()) == 1


def test_the_jobs_own_error_reaches_the_caller_with_the_worker_traceback(runner):
    ticket = runner.submit("bad", fail, "no usable tie")
    with pytest.raises(ValueError, match="no usable tie") as raised:
        ticket.result(WAIT)
    assert ticket.state == "failed" and "def fail" not in str(raised.value)
    assert "in fail" in str(raised.value.__cause__)


def test_a_worker_that_dies_fails_its_job_and_is_replaced(runner, tmp_path):
    with pytest.raises(WorkerDied):
        runner.submit("die", die).result(WAIT)
    assert runner.submit("after", count_call, str(tmp_path / "log"), 5).result(WAIT) == 5


def test_a_job_past_its_time_limit_is_stopped(runner, tmp_path):
    ticket = runner.submit("long", wait_for, str(tmp_path / "never"), time_limit=0.5)
    with pytest.raises(TimedOut, match="limit of 0.5 s"):
        ticket.result(WAIT)


def test_progress_outside_a_worker_does_nothing():
    assert jobs.progress(0.3, "direct call") is None

"""Heavy work off the caller's thread: a bounded pool of worker processes, jobs keyed by content.

Streamlit runs every session's script in one process, and CPU work holds the
GIL: one long import or computation on a script thread slows every other
session. A :class:`JobRunner` runs such work in separate worker processes
instead, at most ``workers`` at a time, and lets the caller poll progress,
cancel, and collect the result. It knows nothing about Streamlit or about what
the jobs do.

API
---
``runner.submit(key, function, *args, **kwargs) -> Ticket``
    Queue ``function(*args, **kwargs)`` for a worker process. ``key`` names the
    work (for example the sha256 of the input and the computation's name): while a
    job with that key is queued, running or kept done, submitting the key again
    returns a ticket on the *same* job, so equal work is done once, whoever asks.
    ``function`` must be importable (a module-level function); arguments and the
    result are pickled. A failed or cancelled job is not kept: submitting its key
    again starts afresh. Raises :class:`Busy` when ``max_queued`` jobs already wait.
``Ticket``
    ``state`` ('queued', 'running', 'done', 'failed', 'cancelled'), ``progress``
    (fraction 0-1 and a short text, as the job last reported), ``done()``,
    ``result(timeout=None)`` (the value, or raises the job's own exception,
    :class:`Cancelled`, :class:`WorkerDied` or :class:`TimedOut`), ``cancel()``.
    Cancelling withdraws this ticket; the job itself stops (a running worker is
    terminated and replaced) only when no other ticket still wants it.
``progress(fraction, text="")``
    Called *inside* a job function to report how far it is; a no-op outside a
    worker, so the same function runs unchanged in tests and scripts.
``default_runner()``
    The process-wide runner (created on first use, ``SVN_JOB_WORKERS`` workers,
    default 1), for callers that share one pool, such as every session of the app.

Each job may have a ``time_limit`` in seconds (the worker is terminated when it
runs longer); results of done jobs are kept for the last ``keep`` keys.

>>> runner = JobRunner(workers=1)
>>> ticket = runner.submit(("sum", 3), sum, [1, 2, 3])
>>> ticket.result(timeout=60), ticket.state
(6, 'done')
>>> runner.submit(("sum", 3), sum, [1, 2, 3]).job is ticket.job  # same key: same job
True
>>> runner.shutdown()
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import threading
import time
import traceback
from collections import OrderedDict, deque
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

__all__ = ["JobRunner", "Ticket", "progress", "default_runner", "Busy", "Cancelled",
           "WorkerDied", "TimedOut", "JobError"]

_PROGRESS_EVERY = 0.1  # seconds between two progress messages from a worker


class JobError(Exception):
    """A job did not give a result for a reason of the runner's own."""


class Busy(JobError):
    """Too many jobs are waiting; try again when one has finished."""


class Cancelled(JobError):
    """The job was cancelled."""


class WorkerDied(JobError):
    """The worker process stopped during the job (killed, or out of memory)."""


class TimedOut(JobError):
    """The job ran longer than its time limit and was stopped."""


@dataclass(eq=False)
class _Job:
    key: Hashable
    call: tuple  # (function, args, kwargs)
    time_limit: float | None
    state: str = "queued"
    fraction: float = 0.0
    text: str = ""
    value: object = None
    error: BaseException | None = None
    tickets: int = 0
    finished: threading.Event = field(default_factory=threading.Event)


class Ticket:
    """One caller's claim on a job: progress, result, cancel (see the module docstring)."""

    def __init__(self, runner: "JobRunner", job: _Job):
        self._runner, self.job, self._withdrawn = runner, job, False

    @property
    def state(self) -> str:
        return "cancelled" if self._withdrawn else self.job.state

    @property
    def progress(self) -> tuple[float, str]:
        """(fraction done 0-1, the job's last progress text)."""
        return self.job.fraction, self.job.text

    def done(self) -> bool:
        """True once the job has a result, an error, or this ticket was cancelled."""
        return self._withdrawn or self.job.finished.is_set()

    def result(self, timeout: float | None = None):
        """Wait for the job and return its value, or raise why there is none."""
        if self._withdrawn:
            raise Cancelled("the job was cancelled")
        if not self.job.finished.wait(timeout):
            raise TimeoutError("the job has not finished yet")
        if self.job.error is not None:
            raise self.job.error
        return self.job.value

    def cancel(self) -> None:
        """Withdraw this ticket; the job stops when no other ticket wants it."""
        if not self._withdrawn and not self.job.finished.is_set():
            self._withdrawn = True
            self._runner._withdraw(self.job)


class JobRunner:
    """A bounded pool of worker processes running keyed jobs (see the module docstring)."""

    def __init__(self, workers: int = 1, max_queued: int = 32, keep: int = 16):
        self._context = multiprocessing.get_context("spawn")  # no fork of a threaded server
        self._lock = threading.Condition()
        self._queue: deque[_Job] = deque()
        self._jobs: OrderedDict[Hashable, _Job] = OrderedDict()  # live and kept done jobs
        self._max_queued, self._keep = max_queued, keep
        self._closed = False
        self._slots = [_Slot(self, i) for i in range(workers)]
        for slot in self._slots:
            slot.start()

    def submit(self, key: Hashable, function: Callable, *args, time_limit: float | None = None,
               **kwargs) -> Ticket:
        """Queue ``function(*args, **kwargs)`` under ``key``, or join the job already there."""
        with self._lock:
            if self._closed:
                raise JobError("the runner is shut down")
            job = self._jobs.get(key)
            if job is None or job.state in ("failed", "cancelled"):
                if len(self._queue) >= self._max_queued:
                    raise Busy(f"{len(self._queue)} jobs are waiting; try again shortly")
                job = _Job(key, (function, args, kwargs), time_limit)
                self._jobs[key] = job
                self._queue.append(job)
                self._lock.notify_all()
            self._jobs.move_to_end(key)
            job.tickets += 1
            self._forget_old()
            return Ticket(self, job)

    def shutdown(self) -> None:
        """Stop the workers; queued and running jobs are cancelled."""
        with self._lock:
            self._closed = True
            for job in self._queue:
                self._finish(job, "cancelled", error=Cancelled("the runner was shut down"))
            self._queue.clear()
            self._lock.notify_all()
        for slot in self._slots:
            slot.stop()

    # --- inside the runner -------------------------------------------------------------

    def _withdraw(self, job: _Job) -> None:
        with self._lock:
            job.tickets -= 1
            if job.tickets > 0 or job.finished.is_set():
                return
            if job in self._queue:
                self._queue.remove(job)
                self._finish(job, "cancelled", error=Cancelled("the job was cancelled"))
                return
            slot = next((s for s in self._slots if s.job is job), None)
        if slot is not None:
            slot.kill(job, "cancelled", Cancelled("the job was cancelled"))

    def _next(self, slot: "_Slot") -> _Job | None:
        """Block until a job is queued (give it to ``slot``, running) or the runner closes."""
        with self._lock:
            while not self._queue and not self._closed:
                self._lock.wait()
            if self._closed:
                return None
            job = self._queue.popleft()
            job.state = "running"
            slot.job, slot.ending = job, None
            return job

    def _finish(self, job: _Job, state: str, value=None, error: BaseException | None = None):
        """Record a job's outcome (caller holds the lock or owns the job)."""
        if job.finished.is_set():
            return
        job.state, job.value, job.error = state, value, error
        if state == "done":
            job.fraction = 1.0
        elif self._jobs.get(job.key) is job:
            del self._jobs[job.key]  # failed and cancelled jobs are not kept
        job.finished.set()

    def _forget_old(self) -> None:
        done = [k for k, j in self._jobs.items() if j.state == "done"]
        for key in done[:max(0, len(done) - self._keep)]:
            del self._jobs[key]


class _Slot:
    """One worker process and the thread in this process that feeds it jobs."""

    def __init__(self, runner: JobRunner, index: int):
        self.runner, self.index = runner, index
        self.job: _Job | None = None
        self.process = self.conn = None
        self.ending: tuple[str, BaseException] | None = None  # why the runner stopped its job
        self._thread = threading.Thread(target=self._run, name=f"job-slot-{index}", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        """Stop the running job, let the thread end (the runner is closed), then the worker."""
        job = self.job
        if job is not None:
            self.kill(job, "cancelled", Cancelled("the runner was shut down"))
        self._thread.join(timeout=30)
        process, conn = self.process, self.conn
        if conn is not None:
            try:
                conn.send(None)
            except OSError:
                pass
        if process is not None:
            process.join(timeout=5)
            if process.is_alive():
                process.terminate()

    def kill(self, job: _Job, state: str, error: BaseException) -> None:
        """Stop the job this slot runs: terminate its process (a fresh one replaces it)."""
        with self.runner._lock:
            if self.job is not job or job.finished.is_set():
                return
            self.ending = (state, error)
            process = self.process
        if process is not None:
            process.terminate()

    def _spawn(self) -> None:
        parent, child = self.runner._context.Pipe(duplex=True)
        self.process = self.runner._context.Process(target=_worker_main, args=(child,),
                                                     name=f"job-worker-{self.index}",
                                                     daemon=True)
        self.process.start()
        child.close()
        self.conn = parent

    def _run(self) -> None:
        while True:
            job = self.runner._next(self)
            if job is None:
                return
            if self.process is None or not self.process.is_alive():
                self._spawn()
            outcome = self._serve(job)
            with self.runner._lock:
                self.runner._finish(job, *outcome)
                self.job = None
                self.runner._lock.notify_all()

    def _serve(self, job: _Job) -> tuple:
        """Send the job to the worker and relay its messages; return (state, value, error)."""
        deadline = job.time_limit and time.monotonic() + job.time_limit
        try:
            if self.ending is not None:  # stopped before it was sent
                raise EOFError
            self.conn.send(job.call)
            while True:
                wait = None if not deadline else max(0.0, deadline - time.monotonic())
                if not self.conn.poll(wait):
                    self.ending = ("failed", TimedOut(
                        f"the job ran longer than its limit of {job.time_limit:g} s"))
                    self.process.terminate()
                    raise EOFError
                kind, *body = self.conn.recv()
                if kind == "progress":
                    job.fraction, job.text = body
                elif kind == "done":
                    return "done", body[0], None
                else:
                    error, trace = body
                    error.__cause__ = _RemoteTraceback(trace)
                    return "failed", None, error
        except (EOFError, OSError):
            self.process.terminate()
            self.process.join(timeout=5)
            self.process = None
            if self.ending is not None:
                state, error = self.ending
                return state, None, error
            return "failed", None, WorkerDied(
                "the computation stopped unexpectedly (the server may be out of memory)")


class _RemoteTraceback(Exception):
    """The worker's traceback, attached as the cause of a job's exception."""

    def __str__(self):
        return self.args[0]


# --- inside a worker process ------------------------------------------------------------

_conn = None
_last_sent = 0.0


def progress(fraction: float, text: str = "") -> None:
    """Report how far the running job is (0-1) and what it does; a no-op outside a worker."""
    global _last_sent
    if _conn is None:
        return
    now = time.monotonic()
    if now - _last_sent >= _PROGRESS_EVERY or fraction >= 1:
        _last_sent = now
        _conn.send(("progress", min(max(float(fraction), 0.0), 1.0), str(text)))


def _worker_main(conn) -> None:
    """Run jobs received on ``conn`` until told to stop (None) or the parent goes away."""
    global _conn
    _conn = conn
    while True:
        try:
            call = conn.recv()
        except (EOFError, OSError):
            return
        if call is None:
            return
        function, args, kwargs = call
        try:
            conn.send(("done", function(*args, **kwargs)))
        except Exception as exc:  # the job's own error (or an unpicklable result) goes back
            conn.send(("error", _picklable(exc), traceback.format_exc()))


def _picklable(exc: Exception) -> Exception:
    """Return the exception itself when it pickles, else a plain one with its text."""
    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:
        return JobError(f"{type(exc).__name__}: {exc}")


_default: JobRunner | None = None
_default_lock = threading.Lock()


def default_runner() -> JobRunner:
    """The process-wide runner, made on first use with ``SVN_JOB_WORKERS`` workers (default 1)."""
    global _default
    with _default_lock:
        if _default is None:
            _default = JobRunner(workers=max(1, int(os.environ.get("SVN_JOB_WORKERS", "1"))))
        return _default

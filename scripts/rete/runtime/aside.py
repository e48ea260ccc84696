"""Work done by a second process on the machine's other core while this one goes on:
the site's open data, Word forms and QR codes while MkDocs renders the pages, half
of the booklet's schede while this process renders the other half.

The process is forked, so it starts with the validated model already in memory and
only its results travel back. Where a process cannot be forked (Windows), or when
``inline`` is asked (under `mkdocs serve`, whose server threads a fork would copy
mid-work), the same work is done at once, in place: the results are the same.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Callable

# The jobs of the next fork, read by the forked process from its copy of memory:
# functions made on the spot (closures) cannot be sent to another process.
_jobs: dict[str, Callable[[], object]] = {}


def _run(name: str) -> object:
    return _jobs[name]()


class Aside:
    """Named jobs started now; ``result(name)`` waits for one (re-raising its error)."""

    def __init__(self, jobs: dict[str, Callable[[], object]], inline: bool = False) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._futures: dict[str, Future] = {}
        if inline or "fork" not in multiprocessing.get_all_start_methods():
            for name, make in jobs.items():
                future: Future = Future()
                try:
                    future.set_result(make())
                except Exception as exc:  # noqa: BLE001  raised again by result()
                    future.set_exception(exc)
                self._futures[name] = future
            return
        _jobs.clear()
        _jobs.update(jobs)
        self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
        self._futures = {name: self._pool.submit(_run, name) for name in jobs}
        _jobs.clear()  # the forked process has its own copy

    def result(self, name: str):
        return self._futures[name].result()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


CHUNK = 64  # items taken at a time by each process of ``shared``


def shared(count: int, work: Callable[[int], object], chunk: int | None = None) -> list:
    """``[work(i) for i in range(count)]``, this process and a forked one each taking the
    next ``chunk`` items (by default ``CHUNK``) as it becomes free, so the faster one
    does more.

    The results are the same, in the same order. Where a process cannot be forked, the
    work is done here; if the second process dies, what it had taken is done here too.
    """
    chunk = chunk or CHUNK
    if count <= chunk or "fork" not in multiprocessing.get_all_start_methods():
        return [work(i) for i in range(count)]
    context = multiprocessing.get_context("fork")
    try:
        taken, lock = context.RawValue("q", 0), context.Lock()
    except OSError:  # no shared memory for the lock
        return [work(i) for i in range(count)]

    def take() -> dict[int, object]:
        done = {}
        while True:
            with lock:
                start = taken.value
                taken.value = start + chunk
            if start >= count:
                return done
            for i in range(start, min(start + chunk, count)):
                done[i] = work(i)

    other = Aside({"take": take})
    try:
        done = take()
        try:
            done.update(other.result("take"))
        except BrokenProcessPool:
            pass
    finally:
        other.close()
    return [done[i] if i in done else work(i) for i in range(count)]

"""Who does a large job's share: this process alone (``IN_PROCESS``), or this process
and a forked second one on the machine's other core (``SECOND_PROCESS``). The core
takes a helper as an argument; the results are the same with either."""

from __future__ import annotations

import os
import pickle
from typing import Callable

from . import aside


class InProcess:
    """Every item done here, one after the other."""

    forks = False

    def shared(self, count: int, work: Callable[[int], object],
               chunk: int | None = None, pack: Callable[[object], object] | None = None,
               meanwhile: Callable[[], object] | None = None) -> list:
        """``[work(i) for i in range(count)]``. ``pack``: what of an item's result a
        second process sends back (``SecondProcess``); here every result is whole.
        ``meanwhile``: other work of this process's own, done once (first, here)."""
        if meanwhile:
            meanwhile()
        return [work(i) for i in range(count)]


class SecondProcess(InProcess):
    """This process and a forked one each take the next items as they become free
    (``aside.shared``).

    The second process packs each result as soon as it has it (``pack``, then
    pickled), while this one is still at work: sending them back at the end is a
    copy of bytes, not a walk through every object. The results done here are
    returned whole, as ``work`` made them, those done there as ``pack`` made them.
    ``meanwhile`` is done here once the second process is at work, before this one
    takes its first item: meanwhile the second takes more.
    """

    forks = True

    def shared(self, count: int, work: Callable[[int], object],
               chunk: int | None = None, pack: Callable[[object], object] | None = None,
               meanwhile: Callable[[], object] | None = None) -> list:
        here = os.getpid()
        mine: set[int] = set()  # filled in this process only: the second has its own copy
        waiting = [meanwhile] if meanwhile else []

        def packed(i: int) -> object:
            if os.getpid() != here:
                return pickle.dumps(pack(work(i)) if pack else work(i),
                                    pickle.HIGHEST_PROTOCOL)
            while waiting:
                waiting.pop()()
            mine.add(i)
            return work(i)

        done = aside.shared(count, packed, chunk)
        while waiting:  # no item was done here
            waiting.pop()()
        return [found if i in mine else pickle.loads(found) for i, found in enumerate(done)]


IN_PROCESS: InProcess = InProcess()
SECOND_PROCESS: InProcess = SecondProcess()


def when_idle() -> InProcess:
    """``SECOND_PROCESS`` when another core is idle right now, else ``IN_PROCESS``.

    A second process pays for itself only on a core nobody else uses: on a machine busy
    with other work it competes for the same cores and adds the cost of sending its
    results back (issue 21's benchmark: `rete verifica` a third slower). The results
    are the same either way.
    """
    running = _running()
    return SECOND_PROCESS if running is not None and running < _cores() else IN_PROCESS


def _cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _running() -> int | None:
    """How many processes are running now, this one included (Linux says it exactly;
    elsewhere, the last minute's load); None where neither is known."""
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            for line in stat:
                if line.startswith("procs_running "):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    try:
        return round(os.getloadavg()[0]) + 1
    except (AttributeError, OSError):
        return None

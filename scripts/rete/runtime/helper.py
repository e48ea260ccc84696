"""Who does a large job's share: this process alone (``IN_PROCESS``), or this process
and a forked second one on the machine's other core (``SECOND_PROCESS``). The core
takes a helper as an argument; the results are the same with either."""

from __future__ import annotations

from typing import Callable

from . import aside


class InProcess:
    """Every item done here, one after the other."""

    forks = False

    def shared(self, count: int, work: Callable[[int], object],
               chunk: int | None = None) -> list:
        """``[work(i) for i in range(count)]``."""
        return [work(i) for i in range(count)]


class SecondProcess(InProcess):
    """This process and a forked one each take the next items as they become free
    (``aside.shared``)."""

    forks = True

    def shared(self, count: int, work: Callable[[int], object],
               chunk: int | None = None) -> list:
        return aside.shared(count, work, chunk)


IN_PROCESS: InProcess = InProcess()
SECOND_PROCESS: InProcess = SecondProcess()

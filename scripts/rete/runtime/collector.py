"""Python's cycle collector, tuned in this one place for the command line, the
booklet and the MkDocs hook. What the core reads and builds makes few cycles; the
collector would walk everything read so far again and again as it grows."""

from __future__ import annotations

import contextlib
import gc
import threading


@contextlib.contextmanager
def paused(collect_after: bool = False):
    """The cycle collector waits while a tree is read and checked, or a booklet laid
    out; with ``collect_after``, one collection at the end frees what cycles the work
    left (before the booklet's PDF is written)."""
    running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if running:
            gc.enable()
        if collect_after:
            gc.collect()


def freeze_loaded() -> None:
    """What is loaded by now (MkDocs, the theme, rete) lives as long as the server:
    the cycle collector need not walk it again after every edit."""
    gc.collect()
    gc.freeze()


IDLE = 1.0  # seconds after a rebuild: the browser has reloaded, the server waits


class BetweenRebuilds:
    """Under `mkdocs serve`, the cycle collector paused for each rebuild and run once a
    moment after it, while the server waits for the next edit: as the rebuild goes it
    would run about a hundred times, walking what the rebuild keeps, for a tenth of
    its time."""

    def __init__(self) -> None:
        self._timer: threading.Timer | None = None

    def pause(self) -> None:
        """A rebuild starts: the collector waits until it is over, even when the last
        rebuild's ``collect_later`` has not run yet (two edits a moment apart)."""
        timer, self._timer = self._timer, None
        if timer is not None:
            timer.cancel()
        gc.disable()

    def collect_later(self) -> None:
        timer = threading.Timer(IDLE, _collect)
        timer.daemon = True
        self._timer = timer
        timer.start()


def _collect() -> None:
    gc.enable()
    gc.collect()

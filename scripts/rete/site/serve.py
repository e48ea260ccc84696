"""What `mkdocs serve` need not do again after every edit, for the MkDocs hook."""

from __future__ import annotations

import gc
import threading

from jinja2 import MemcachedBytecodeCache


class _InMemory(dict):
    """The client MemcachedBytecodeCache asks for, kept in this process's memory."""

    def set(self, key, value, timeout=None):
        self[key] = value


# Under serve, the theme's templates compiled once for the whole session: MkDocs makes
# a new Jinja environment at every build, which would compile them all again. Jinja
# checks each template's source against the checksum kept with its code.
_COMPILED = MemcachedBytecodeCache(_InMemory())


def rebuild_env(env, config, files, state: dict) -> None:
    """What a rebuild under serve need not do again; ``state`` is the hook's."""
    env.bytecode_cache = _COMPILED
    pages_now = {f.src_uri for f in files.documentation_pages()}
    if state.get("dirty") and state.get("served") == pages_now:
        # Like every page --dirty does not rebuild, the 404 page (a menu of every
        # page) and the sitemap stay as the last build made them: the pages are
        # the same ones (a changed title reaches them with «make sito»).
        config.theme.static_templates = set()
    state["served"] = pages_now


IDLE = 1.0  # seconds after a rebuild: the browser has reloaded, the server waits


def pause_collector() -> None:
    """A rebuild starts: the cycle collector waits until it is over, even when the
    last rebuild's ``collect_later`` has not run yet (two edits a moment apart)."""
    timer = _pending.pop("timer", None)
    if timer is not None:
        timer.cancel()
    gc.disable()


def collect_later() -> None:
    """The cycle collector, paused for a rebuild under serve, runs once a moment after
    it, while the server waits for the next edit: as the rebuild goes it would run
    about a hundred times, walking what the rebuild keeps, for a tenth of its time."""
    timer = threading.Timer(IDLE, _collect)
    timer.daemon = True
    _pending["timer"] = timer
    timer.start()


_pending: dict[str, threading.Timer] = {}


def _collect() -> None:
    gc.enable()
    gc.collect()

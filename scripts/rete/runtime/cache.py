"""What a long-lived process (`mkdocs serve`) keeps from one run to the next.

`mkdocs serve` checks and renders the whole tree again after every edit; only what
the edit touched is new. One mechanism serves every kind of work: a ``Run`` takes
from the previous run of the same kind what was made from exactly the same key,
where the key holds the values the result is made from (``fingerprint``), never a
file's name or date, so a changed input can never get an old answer. The code and
the schemas cannot change inside one process. Between separate runs nothing here is
kept: a file on disk that CI or a pull request could write into would be one more
input to trust. (The site's slow outputs, never the inputs of a check, are kept on
disk by ``stored``, each checked against its digest.)

The core takes a cache as an argument whose default, ``NO_CACHE``, keeps nothing:
a single run reads each text once, and copying what it would remember would only
cost time.
"""

from __future__ import annotations

import io
import pickle
import weakref
from typing import Callable

LIMIT = 50_000  # texts remembered; past it, start again (a long `mkdocs serve` session)
_MISSING = object()


def fingerprint(value) -> bytes:
    """``value`` as bytes that are equal exactly when the values are equal: pickled
    without pickle's memo, so that two equal values whose parts happen to be shared
    differently (one string object in two places, or two equal ones) give the same
    bytes. For plain values and our dataclasses, never for a structure with a loop."""
    out = io.BytesIO()
    pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True
    pickler.dump(value)
    return out.getvalue()


class Run:
    """One run of a kind of work (checking each file, rendering each page), that may
    take from the previous run what was made from exactly the same key.

    The key must hold everything the result is made from; only the last run is
    kept, so what an edit made obsolete is dropped at the next run.
    """

    def __init__(self, cache: "Cache", name: str):
        self._cache = cache
        self.name = name
        self.before = cache._runs.get(name, {}) if cache.keeps else {}
        self.now: dict = {}

    def get(self, key, make: Callable[[], object]):
        """The result for ``key``: the last run's, or ``make()``."""
        if not self._cache.keeps:
            return make()
        if key in self.now:
            return self.now[key]
        found = self.before.get(key, _MISSING)
        if found is _MISSING:
            found = make()
        self.now[key] = found
        return found

    def drop(self, key) -> None:
        """Let the next run make ``key``'s result again (it depends on more than the key)."""
        self.now.pop(key, None)

    def end(self) -> None:
        """What this run made is what the next run may take."""
        if self._cache.keeps:
            self._cache._runs[self.name] = self.now


class Cache:
    """What one long-lived process keeps: front-matters by their text, each kind of
    work's last run by its keys, and each live model object's fingerprint."""

    keeps = True

    def __init__(self) -> None:
        self._texts: dict[tuple[str, str], bytes] = {}
        self._runs: dict[str, dict] = {}
        self._known: dict[int, tuple[weakref.ref, bytes]] = {}

    def run(self, name: str) -> Run:
        """A new run of the work called ``name``."""
        return Run(self, name)

    def once(self, name: str, make: Callable[[], object]):
        """What no single edit needs at once (the open data, the Word form): made at the
        first run and kept, so that a rebuild stays quick."""
        run = self.run("once:" + name)
        found = run.get(name, make)
        run.end()
        return found

    def parsed(self, text: str, kind: str, parse: Callable[[str, str], tuple]) -> tuple:
        """``parse(text, kind)``, each time as a fresh copy that its caller may change
        without changing what the next caller gets."""
        if not self.keeps:
            return parse(text, kind)
        key = (kind, text)
        stored = self._texts.get(key)
        if stored is None:
            # our own objects, pickled in memory: a copy four to eight times faster than
            # parsing again, and faster than copy.deepcopy
            stored = pickle.dumps(parse(text, kind))
            if len(self._texts) >= LIMIT:
                self._texts.clear()
            self._texts[key] = stored
        return pickle.loads(stored)  # noqa: S301 - bytes made above, never read from outside

    def fingerprint_of(self, obj) -> bytes:
        """``fingerprint(obj)`` of a model object (a scheda, a polo), made once for as long
        as the object lives: the model is not changed once built, and the figures and
        the pages of one build both ask for it."""
        if not self.keeps:
            return fingerprint(obj)
        key = id(obj)
        found = self._known.get(key)
        if found is not None and found[0]() is obj:
            return found[1]
        value = fingerprint(obj)
        known = self._known
        known[key] = (weakref.ref(obj, lambda _, key=key: known.pop(key, None)), value)
        return value

    def forget(self) -> None:
        """Start again, as a new process would."""
        self._texts.clear()
        self._runs.clear()
        self._known.clear()


class _NoCache(Cache):
    """Keeps nothing: every result is made again (a single run of the command line)."""

    keeps = False


NO_CACHE: Cache = _NoCache()

"""Front-matters already read in this process, remembered by their exact text.

`mkdocs serve` checks the whole tree again after every edit; only the edited
file's text is new, so only that one is parsed again. Only a long-lived process
asks for it (``keep()``, by the site's hook under `mkdocs serve`): a single run
reads each text once, and copying what it would remember would only cost time.
The key is the text itself (and the collection), never a file's name or date, so
a changed file can never get an old answer; the code and the schemas cannot
change inside one process. Between separate runs nothing is kept: a file on disk
that CI or a pull request could write into would be one more input to trust.

The same process keeps, the same way, what the last check and render made from
each document, page and scheda (``Run``): each result under a key that holds the
values it was made from (``fingerprint``), so one edit redoes only what it touches.
"""

from __future__ import annotations

import io
import pickle
import weakref

from . import yamlsafe
from .schema import groups

LIMIT = 50_000  # texts remembered; past it, start again (a long `mkdocs serve` session)
_seen: dict[tuple[str, str], bytes] = {}
_state = {"on": False}
_runs: dict[str, dict] = {}  # what each kind of work made in the last run, by its key
_known: dict[int, tuple[weakref.ref, bytes]] = {}  # id() of a live model object -> its print


def keep(on: bool = True) -> None:
    """Remember the front-matters read from now on (or stop, and forget them)."""
    _state["on"] = on
    if not on:
        _seen.clear()
        _runs.clear()
        _known.clear()


def on() -> bool:
    """True in a long-lived process that asked to remember (``keep()``)."""
    return _state["on"]


class Run:
    """One run of a kind of work (checking each file, rendering each page), that may
    take from the previous run what was made from exactly the same key.

    The key must hold everything the result is made from; only the last run is
    kept, so what an edit made obsolete is dropped at the next run. Outside
    ``keep()`` it remembers nothing and every result is made again.
    """

    def __init__(self, name: str):
        self.name = name
        self.before = _runs.get(name, {}) if _state["on"] else {}
        self.now: dict = {}

    def get(self, key, make):
        """The result for ``key``: the last run's, or ``make()``."""
        if not _state["on"]:
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
        if _state["on"]:
            _runs[self.name] = self.now


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


def fingerprint_of(obj) -> bytes:
    """``fingerprint(obj)`` of a model object (a scheda, a polo), made once for as long
    as the object lives: the model is not changed once built, and the figures and
    the pages of one build both ask for it."""
    if not _state["on"]:
        return fingerprint(obj)
    key = id(obj)
    found = _known.get(key)
    if found is not None and found[0]() is obj:
        return found[1]
    value = fingerprint(obj)
    _known[key] = (weakref.ref(obj, lambda _, key=key: _known.pop(key, None)), value)
    return value


def read(text: str, kind: str) -> tuple[yamlsafe.Parsed | None, list[yamlsafe.YamlProblem]]:
    """``yamlsafe.read(text, groups(kind))``, each time as a fresh copy that its caller
    may change without changing what the next caller gets."""
    if not _state["on"]:
        return yamlsafe.read(text, groups(kind))
    key = (kind, text)
    stored = _seen.get(key)
    if stored is None:
        # our own objects, pickled in memory: a copy four to eight times faster than
        # parsing again, and faster than copy.deepcopy
        stored = pickle.dumps(yamlsafe.read(text, groups(kind)))
        if len(_seen) >= LIMIT:
            _seen.clear()
        _seen[key] = stored
    return pickle.loads(stored)  # noqa: S301 - bytes made above, never read from outside


def forget() -> None:
    _seen.clear()
    _runs.clear()
    _known.clear()

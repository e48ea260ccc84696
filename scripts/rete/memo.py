"""Front-matters already read in this process, remembered by their exact text.

`mkdocs serve` checks the whole tree again after every edit; only the edited
file's text is new, so only that one is parsed again. Only a long-lived process
asks for it (``keep()``, by the site's hook under `mkdocs serve`): a single run
reads each text once, and copying what it would remember would only cost time.
The key is the text itself (and the collection), never a file's name or date, so
a changed file can never get an old answer; the code and the schemas cannot
change inside one process. Between separate runs nothing is kept: a file on disk
that CI or a pull request could write into would be one more input to trust.
"""

from __future__ import annotations

import pickle

from . import yamlsafe
from .schema import groups

LIMIT = 50_000  # texts remembered; past it, start again (a long `mkdocs serve` session)
_seen: dict[tuple[str, str], bytes] = {}
_state = {"on": False}


def keep(on: bool = True) -> None:
    """Remember the front-matters read from now on (or stop, and forget them)."""
    _state["on"] = on
    if not on:
        _seen.clear()


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

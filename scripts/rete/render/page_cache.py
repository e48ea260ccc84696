"""Pages a long-lived process (`mkdocs serve`) keeps from its last render.

After one edit, nearly every page would come out exactly as before. A page is
taken from the last render only when everything its template receives is
equal, value for value, to what it received then: the key is the pickled
values (a scheda, a polo, a library…), never a file's name or date. Equal
pickles mean equal values, so a kept page is the page a fresh render would
make. With ``NO_CACHE`` nothing is kept.
"""

from __future__ import annotations

from ..content.model import Polo, Scheda
from ..runtime.cache import Cache, fingerprint


class PageCache:
    """One render's pages: each made again, or taken from the last render by its key."""

    def __init__(self, cache: Cache):
        self.cache = cache
        self.run = cache.run("pages")
        self.remade: set[str] = set()  # paths rendered anew in this render

    def key(self, value) -> object:
        """The value as an equality key; each scheda and polo pickled once."""
        if isinstance(value, (Scheda, Polo)):
            return self.cache.fingerprint_of(value)
        if isinstance(value, (list, tuple)):
            return tuple(self.key(v) for v in value)
        return fingerprint(value)

    def get(self, path: str, what: str, values: dict, make) -> str:
        """The text at ``path`` made by ``make()`` from ``values`` (and ``what``: the
        template or the kind of file), or the same text kept from the last render."""
        def fresh():
            self.remade.add(path)
            return make()

        if not self.cache.keeps:
            return fresh()
        key = (path, what, tuple((name, self.key(v)) for name, v in sorted(values.items())))
        return self.run.get(key, fresh)

    def end(self) -> None:
        self.run.end()

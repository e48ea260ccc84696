"""References written by people: a library, theme or audience by its id, its name or its comune.

Librarians write "Biblioteca comunale di Bollate", "Bollate" or "bolate" where
the files want the id ``bollate``. Validation uses ``Catalog.closest`` to say
which id was meant; the importers use ``Catalog.resolve`` to turn a name into
its id, and never guess when two entries would fit.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz, process, utils

from .collections import REFERENCES, REGISTRY_LISTS

COLLECTIONS = REGISTRY_LISTS
IDS_PAGE = "identificativi.md"  # the site's page that lists every id, by name


def ids_page_url(sito) -> str | None:
    """The address of the published page that lists every id, from rete.yml's ``sito``."""
    if not isinstance(sito, str) or not sito.startswith(("http://", "https://")):
        return None
    return sito.rstrip("/") + "/" + IDS_PAGE.removesuffix(".md") + "/"
_NAMED_BY = {name: REFERENCES[name].named_by for name in COLLECTIONS}


def registry_lists(net) -> dict[str, list[dict]]:
    """The lists of rete.yml with ids, as rete.yml writes them, from the model's Network
    (whose attributes are named as the lists are)."""
    return {name: [{"id": e.id, **{key: getattr(e, key) for key in _NAMED_BY[name]}}
                   for e in getattr(net, name).values()]
            for name in COLLECTIONS}


def fold(text: str) -> str:
    """Case, accents, punctuation and spacing folded away: «Città  di Rho» -> "citta di rho"."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", bare.casefold()).split())


# Words that most names share: left out when comparing, so "Biblioteca di Bolate" is
# near "Biblioteca comunale di Bollate" and "Biblioteca di Marte" near no library.
_COMMON = {"biblioteca", "biblioteche", "civica", "civico", "comunale", "comunali", "di",
           "del", "della", "dei", "delle", "il", "la", "lo", "le", "i", "e", "d"}


def _distinctive(folded: str) -> str:
    words = [w for w in folded.split() if w not in _COMMON]
    return " ".join(words) if words else folded


@dataclass(frozen=True)
class Entry:
    id: str
    nome: str
    names: tuple[str, ...]  # every folded way to write it: id, nome, comune


class Catalog:
    """The ids of rete.yml's lists (and the poli), with the human names of each."""

    def __init__(self, entries: dict[str, list[Entry]]):
        self.entries = entries
        self._known: dict[str, tuple] = {}  # collection -> (its entries, their ids)

    @classmethod
    def from_registry(cls, data: dict | None,
                      poli: list[str] | dict[str, str] = ()) -> "Catalog":
        """Build from rete.yml as read by the loader (invalid items are skipped).

        ``poli`` lists the poli's ids, or maps each id to the polo's ``nome``.
        """
        data = data if isinstance(data, dict) else {}
        entries: dict[str, list[Entry]] = {}
        for key in COLLECTIONS:
            items = data.get(key) if isinstance(data.get(key), list) else []
            found = []
            for item in items:
                if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                    continue
                words = [item["id"]] + [item[k] for k in _NAMED_BY[key]
                                        if isinstance(item.get(k), str)]
                nome = item["nome"] if isinstance(item.get("nome"), str) else item["id"]
                found.append(Entry(item["id"], nome, tuple(dict.fromkeys(map(fold, words)))))
            entries[key] = found
        names = poli if isinstance(poli, dict) else {p: p for p in poli}
        entries["poli"] = [Entry(p, str(n), tuple(dict.fromkeys((fold(p), fold(str(n))))))
                           for p, n in names.items()]
        return cls(entries)

    @classmethod
    def from_network(cls, net, poli: list[str] = ()) -> "Catalog":
        """Build from the model's Network."""
        return cls.from_registry(registry_lists(net), poli)

    def ids(self, collection: str) -> list[str]:
        return [e.id for e in self.entries.get(collection, [])]

    def knows(self, collection: str, ident: str) -> bool:
        """Whether ``ident`` is one of the collection's ids."""
        entries = self.entries.get(collection, [])
        known = self._known.get(collection)
        if known is None or known[0] is not entries:  # made once per list of entries
            known = self._known[collection] = (entries, frozenset(e.id for e in entries))
        return ident in known[1]

    def name_of(self, collection: str, ident: str) -> str | None:
        return next((e.nome for e in self.entries.get(collection, []) if e.id == ident), None)

    def resolve(self, collection: str, text: str) -> str | None:
        """The id that ``text`` names exactly (id, name or comune, folded); None when no
        entry or more than one entry is named so."""
        if not isinstance(text, str):
            return None
        entries = self.entries.get(collection, [])
        if any(e.id == text for e in entries):
            return text
        wanted = fold(text)
        hits = {e.id for e in entries if wanted and wanted in e.names}
        return hits.pop() if len(hits) == 1 else None

    def closest(self, collection: str, text: str, limit: int = 5,
                cutoff: float = 60) -> list[str]:
        """The ids whose id, name or comune are most like ``text``, best first."""
        if not isinstance(text, str) or not text.strip():
            return []
        exact = self.resolve(collection, text)
        if exact:
            return [exact]
        choices = [(e.id, _distinctive(name)) for e in self.entries.get(collection, [])
                   for name in e.names]
        scored = process.extract(_distinctive(fold(text)), [name for _, name in choices],
                                 scorer=fuzz.WRatio, processor=utils.default_process,
                                 score_cutoff=cutoff, limit=None)
        best: list[str] = []
        for _, _, index in scored:  # already sorted by score, best first
            ident = choices[index][0]
            if ident not in best:
                best.append(ident)
        return best[:limit]

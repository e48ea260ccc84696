"""«Pratiche simili»: for a scheda, the published schede most like it, each with the
reasons in words.

The text match comes from ``textindex`` (Italian stems, BM25, each scheda asking
with its own most distinctive stems), as a share of the scheda's match with
itself. It is weighed with the theme and the audiences the two share, and schede
that cite each other through ``ripresa_da`` come first. Deterministic: the same
tree gives the same neighbours, in the same order; no network, no model.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..content.model import Knowledge, Scheda
from ..text import human_list
from .textindex import Index, Matches

CANDIDATES = 30  # best text matches weighed with theme and audiences
SHOWN_WORDS = 3  # shared words named in a reason
SHOWN_LENGTH = 4  # shorter ones («min», «ore») say little to a reader
THEME, AUDIENCES, CITED = 0.15, 0.1, 10.0  # text first; theme and audiences next


@dataclass(frozen=True)
class Neighbour:
    scheda: Scheda
    punteggio: float
    motivi: tuple[str, ...]


def _cites(a: Scheda, b: Scheda) -> bool:
    return any(src.scheda is b for src in a.ripresa_da)


def _audience_masks(schede: list[Scheda], ids: list[str]) -> np.ndarray:
    bit = {a: np.uint64(1) << np.uint64(i % 64) for i, a in enumerate(ids)}
    masks = np.zeros(len(schede), dtype=np.uint64)
    for i, s in enumerate(schede):
        for a in s.destinatari:
            masks[i] |= bit[a.id]
    return masks


def _best(share: np.ndarray, allowed: np.ndarray) -> np.ndarray:
    """The positions of the ``CANDIDATES`` best text matches among those ``allowed``."""
    where = np.flatnonzero(allowed)
    if len(where) <= CANDIDATES:
        return where
    return where[np.argpartition(-share[where], CANDIDATES)[:CANDIDATES]]


class Simili:
    """The index of a network's published schede: ``of`` one scheda, or ``all``."""

    def __init__(self, knowledge: Knowledge):
        self.knowledge = knowledge
        self.schede = knowledge.pubblicate
        self._row = {id(s): i for i, s in enumerate(self.schede)}
        self._index = Index(self.schede)
        themes = {t: i for i, t in enumerate(knowledge.rete.temi)}
        self._theme = np.array([themes[s.tema.id] for s in self.schede], dtype=np.int64)
        self._audience = _audience_masks(self.schede, list(knowledge.rete.destinatari))
        self._by_theme = {t: np.flatnonzero(self._theme == t) for t in set(themes.values())}

    def of(self, scheda: Scheda, quanti: int = 5) -> list[Neighbour]:
        """The ``quanti`` schede most like ``scheda``, best first; never itself nor a draft."""
        return self._rank([scheda], quanti)[0]

    def all(self, quanti: int = 5) -> dict[str, list[Neighbour]]:
        """Every published scheda's neighbours, by slug."""
        return dict(zip((s.slug for s in self.schede), self._rank(self.schede, quanti),
                        strict=True))

    def _rank(self, asking: list[Scheda], quanti: int) -> list[list[Neighbour]]:
        index, out = self._index, []
        queries = [index.query(self._row[id(s)]) if id(s) in self._row else index.query_of(s)
                   for s in asking]
        for first, block in index.scores([q for q, _ in queries]):
            mine = asking[first:first + block.size]
            picked = self._pick_block(mine, block, [q[1] for q in queries[first:]], quanti)
            for j, s in enumerate(mine):  # a small network, or schede citing each other
                if len(picked[j]) < quanti or s.ripresa_da or self.knowledge.riprese(s):
                    picked[j] = self._pick(s, block.matches(j), queries[first + j][1], quanti)
            words = iter(index.shared([(queries[first + j][0], r) for j, chosen
                                       in enumerate(picked) for r, _ in chosen]))
            out += [[self._neighbour(mine[j], r, score, next(words))
                     for r, score in chosen] for j, chosen in enumerate(picked)]
        return out

    def _pick_block(self, asking: list[Scheda], block, own: list[float],
                    quanti: int) -> list[list[tuple[int, float]]]:
        """``_pick`` for a whole block at once, on the text matches only."""
        line, hit = np.nonzero(block.text)  # line by line
        text = block.text[line, hit]
        me = np.array([self._row.get(id(s), -1) for s in asking], dtype=np.int64)
        keep = hit != me[line]
        line, hit, text = line[keep], hit[keep], text[keep]
        top = np.array(own[:len(asking)], dtype=np.float64)
        themes = np.array([self._theme_of(s) for s in asking], dtype=np.int64)
        masks = np.array([self._mask_of(s) for s in asking], dtype=np.uint64)
        audience = self._audience[hit]
        both = np.bitwise_count(audience & masks[line])
        either = np.maximum(np.bitwise_count(audience | masks[line]), 1)
        score = (text / np.where(top > 0, top, 1.0)[line]
                 + THEME * (self._theme[hit] == themes[line]) + AUDIENCES * both / either)
        # one sort: by line, then best score (to a millionth), then the schede's order
        rounded = np.minimum(np.round(score * 1e6), 2**40 - 1).astype(np.int64)
        order = np.argsort(line * 2**41 - rounded, kind="stable")
        line, hit, score = line[order], hit[order], score[order]
        cuts = np.searchsorted(line, np.arange(len(asking) + 1))
        return [list(zip(hit[a:min(b, a + quanti)].tolist(), score[a:min(b, a + quanti)].tolist()))
                for a, b in zip(cuts[:-1], cuts[1:])]

    def _pick(self, s: Scheda, found: Matches, own: float,
              quanti: int) -> list[tuple[int, float]]:
        """(row, score) of the ``quanti`` best neighbours of ``s``: the best text matches,
        and the best of its theme (without a word in common, in a small network)."""
        me = self._row.get(id(s), -1)
        rows, share = found.rows, found.text / (own or found.text.max(initial=0.0) or 1.0)
        theme = self._theme_of(s)
        same = self._theme[rows] == theme
        candidates = np.union1d(rows[_best(share, rows != me)],
                                rows[_best(share, same & (rows != me))])
        if same.sum() < quanti:
            candidates = np.union1d(candidates, self._by_theme[theme][:quanti + 1])
        candidates = candidates[candidates != me]
        text = np.zeros(len(candidates))
        at = np.searchsorted(rows, candidates)
        hit = (at < len(rows)) & (rows[np.minimum(at, len(rows) - 1)] == candidates)
        text[hit] = share[at[hit]]
        mask = self._mask_of(s)
        both = np.bitwise_count(self._audience[candidates] & mask)
        either = np.maximum(np.bitwise_count(self._audience[candidates] | mask), 1)
        score = text + THEME * (self._theme[candidates] == theme) + AUDIENCES * both / either
        for o in self._related(s):  # few schede cite each other: this stays short
            r = self._row.get(id(o))
            if r is None or r == me:
                continue
            bonus = CITED * (_cites(s, o) + _cites(o, s))
            if r in candidates:
                score[np.searchsorted(candidates, r)] += bonus
            else:
                candidates = np.append(candidates, r)
                score = np.append(score, THEME * (o.tema is s.tema) + bonus)
        best = np.lexsort((candidates, -np.round(score, 6)))[:quanti]
        return list(zip(candidates[best].tolist(), score[best].tolist()))

    def _theme_of(self, s: Scheda) -> int:
        return list(self.knowledge.rete.temi).index(s.tema.id) \
            if id(s) not in self._row else int(self._theme[self._row[id(s)]])

    def _mask_of(self, s: Scheda) -> np.uint64:
        if id(s) in self._row:
            return self._audience[self._row[id(s)]]
        return _audience_masks([s], list(self.knowledge.rete.destinatari))[0]

    def _related(self, s: Scheda) -> list[Scheda]:
        return [src.scheda for src in s.ripresa_da if src.scheda is not None] + \
            self.knowledge.riprese(s)

    def _neighbour(self, s: Scheda, row: int, score: float, stems) -> Neighbour:
        o = self.schede[row]
        reasons = []
        if _cites(s, o):
            reasons.append("questa pratica è stata ripresa da lì")
        if _cites(o, s):
            reasons.append("ha ripreso questa pratica")
        mine, theirs = {a.id for a in s.destinatari}, {a.id for a in o.destinatari}
        shared = [a.nome for a in s.destinatari if a.id in theirs]
        if o.tema is s.tema:
            reasons.append("stesso tema e stessi destinatari" if mine == theirs else
                           "stesso tema" + (f", destinatari in comune: {human_list(shared)}"
                                            if shared else ""))
        elif mine == theirs:
            reasons.append("stessi destinatari")
        elif shared:
            reasons.append(f"destinatari in comune: {human_list(shared)}")
        words = [w for t in stems.tolist()
                 if len(w := self._index.words.spelled(t)) >= SHOWN_LENGTH]
        if words:
            reasons.append("parole in comune: " + ", ".join(words[:SHOWN_WORDS]))
        return Neighbour(o, round(score, 3), tuple(reasons))


def simili(knowledge: Knowledge, scheda: Scheda, quanti: int = 5) -> list[Neighbour]:
    """The neighbours of one scheda (builds the index: for many, use ``Simili``)."""
    return Simili(knowledge).of(scheda, quanti)

"""«Pratiche simili»: for a scheda, the published schede most like it, each with the
reasons in words.

The text of each scheda (title, sintesi, keywords, the opening of the body) is cut
into words, Italian stop words left out, each word reduced to its stem (Snowball's
Italian stemmer: «giochi», «gioco» and «giocare» meet) and indexed with BM25
(``bm25s``). A scheda asks the index with its own most distinctive stems only, so
each question reads the few posting lists of those stems and never compares every
pair of schede. The best text matches are then weighed with theme and audiences,
and schede that cite each other through ``ripresa_da`` come first. Everything is
computed from the content alone: the same tree gives the same neighbours.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

import bm25s
import numpy as np
import snowballstemmer
from bm25s.stopwords import STOPWORDS_ITALIAN

from ..content.model import Knowledge, Scheda
from ..text import human_list

BODY_WORDS = 150  # the opening of the body says what the practice is; the rest, how
QUERY_TERMS = 12  # the distinctive stems a scheda asks the index with
CANDIDATES = 40  # text matches weighed with theme and audiences
SHOWN_WORDS = 3  # shared words named in a reason
SHOWN_LENGTH = 4  # shorter ones («min», «ore») say little to a reader
TITLE_WEIGHT, KEYWORD_WEIGHT, SINTESI_WEIGHT = 3, 3, 2
THEME, AUDIENCES, CITED = 0.35, 0.25, 10.0
COMMON = 0.5  # a stem in more than this share of the schede says nothing of any
_WORD = re.compile(r"[^\W\d_]{3,}")
# Words every scheda of a library network uses: they would make everything alike.
_DOMAIN = {"biblioteca", "biblioteche", "bibliotecaria", "bibliotecarie", "bibliotecario",
           "bibliotecari", "rete", "servizio", "progetto", "attività", "anche", "ogni",
           "sono", "della", "delle", "degli", "nella", "nelle"}
_STOP = frozenset(w.casefold() for w in STOPWORDS_ITALIAN) | _DOMAIN


@dataclass(frozen=True)
class Neighbour:
    scheda: Scheda
    punteggio: float
    motivi: tuple[str, ...]


class _Words:
    """Text to stem ids, with each stem's most frequent spelling kept for the reasons."""

    def __init__(self):
        self._stemmer = snowballstemmer.stemmer("italian")
        self._stem: dict[str, int] = {}  # word -> stem id
        self.vocab: dict[str, int] = {}  # stem -> id
        self._spelled: list[Counter] = []

    def ids(self, text: str) -> list[int]:
        out = []
        for word in _WORD.findall(text.casefold()):
            ident = self._stem.get(word)
            if ident is None:
                if word in _STOP:
                    self._stem[word] = -1
                    continue
                stem = self._stemmer.stemWord(word)
                ident = self.vocab.setdefault(stem, len(self.vocab))
                if ident == len(self._spelled):
                    self._spelled.append(Counter())
                self._stem[word] = ident
            if ident >= 0:
                out.append(ident)
                self._spelled[ident][word] += 1
        return out

    def spelled(self, ident: int) -> str:
        return self._spelled[ident].most_common(1)[0][0]


def _text(s: Scheda) -> str:
    body = " ".join(s.body.split()[:BODY_WORDS])
    return " ".join([s.titolo] * TITLE_WEIGHT + [" ".join(s.parole_chiave)] * KEYWORD_WEIGHT
                    + [s.sintesi] * SINTESI_WEIGHT + [body])


def _cites(a: Scheda, b: Scheda) -> bool:
    return any(src.scheda is b for src in a.ripresa_da)


class Simili:
    """The index of a network's published schede, asked once per scheda."""

    def __init__(self, knowledge: Knowledge):
        self.knowledge = knowledge
        self.schede = knowledge.pubblicate
        self._row = {id(s): i for i, s in enumerate(self.schede)}
        self._words = _Words()
        docs = [self._words.ids(_text(s)) for s in self.schede]
        self._df = Counter(t for doc in docs for t in set(doc))
        self._tf = [Counter(doc) for doc in docs]
        self._index = bm25s.BM25()
        if docs:
            self._index.index((docs, self._words.vocab), show_progress=False)

    def _query(self, tf: Counter) -> list[int]:
        """The scheda's most distinctive stems, by tf-idf: few, so the question is cheap."""
        n = len(self.schede)
        weighted = [(-c * math.log(n / self._df[t]), t) for t, c in tf.items()
                    if 0 < self._df.get(t, 0) <= max(1, COMMON * n)]
        return [t for _, t in sorted(weighted)[:QUERY_TERMS]]

    def of(self, scheda: Scheda, quanti: int = 5) -> list[Neighbour]:
        """The ``quanti`` schede most like ``scheda``, best first; never itself nor a draft."""
        row = self._row.get(id(scheda))
        tf = self._tf[row] if row is not None else Counter(self._words_of(scheda))
        query = self._query(tf)
        text = np.zeros(len(self.schede), dtype=np.float32)
        if query:
            text = self._index.get_scores_from_ids(query)
        top = text.max(initial=0.0) or 1.0
        picked = set(np.argpartition(-text, min(CANDIDATES, len(text) - 1))[:CANDIDATES]
                     .tolist()) if len(text) else set()
        picked |= {self._row[id(o)] for o in self._related(scheda) if id(o) in self._row}
        scored = []
        for i in picked:
            other = self.schede[i]
            if other is scheda or (text[i] <= 0 and not self._bond(scheda, other)):
                continue
            score, reasons = self._weigh(scheda, other, float(text[i]) / top, query, tf)
            scored.append((-score, other.slug, Neighbour(other, round(score, 3), reasons)))
        scored.sort(key=lambda x: (x[0], x[1]))
        return [n for _, _, n in scored[:quanti]]

    def _words_of(self, scheda: Scheda) -> list[int]:
        return [t for t in self._words.ids(_text(scheda)) if t in self._df]

    def _related(self, scheda: Scheda) -> list[Scheda]:
        return [src.scheda for src in scheda.ripresa_da if src.scheda is not None] + \
            self.knowledge.riprese(scheda)

    @staticmethod
    def _bond(a: Scheda, b: Scheda) -> bool:
        return _cites(a, b) or _cites(b, a) or a.tema is b.tema

    def _weigh(self, s: Scheda, o: Scheda, text: float, query: list[int],
               tf: Counter) -> tuple[float, tuple[str, ...]]:
        reasons = []
        score = text
        if _cites(s, o):
            score += CITED
            reasons.append("questa pratica è stata ripresa da lì")
        if _cites(o, s):
            score += CITED
            reasons.append("ha ripreso questa pratica")
        same_theme = o.tema is s.tema
        mine, theirs = {a.id for a in s.destinatari}, {a.id for a in o.destinatari}
        shared = [a.nome for a in s.destinatari if a.id in theirs]
        score += THEME * same_theme + AUDIENCES * len(shared) / max(1, len(mine | theirs))
        if same_theme and mine == theirs:
            reasons.append("stesso tema e stessi destinatari")
        elif same_theme:
            reasons.append("stesso tema" + (f", destinatari in comune: {human_list(shared)}"
                                            if shared else ""))
        elif mine == theirs:
            reasons.append("stessi destinatari")
        elif shared:
            reasons.append(f"destinatari in comune: {human_list(shared)}")
        words = [w for t in query if self._tf[self._row[id(o)]].get(t)
                 and len(w := self._words.spelled(t)) >= SHOWN_LENGTH]
        if words:
            reasons.append("parole in comune: " + ", ".join(words[:SHOWN_WORDS]))
        return score, tuple(reasons)

    def all(self, quanti: int = 5) -> dict[str, list[Neighbour]]:
        """Every published scheda's neighbours, by slug."""
        return {s.slug: self.of(s, quanti) for s in self.schede}


def simili(knowledge: Knowledge, scheda: Scheda, quanti: int = 5) -> list[Neighbour]:
    """The neighbours of one scheda (builds the index: for many, use ``Simili``)."""
    return Simili(knowledge).of(scheda, quanti)

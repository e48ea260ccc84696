"""The words of the published schede as a BM25 index, asked many schede at a time.

Each scheda's text (title and keywords weigh three times, the sintesi twice, then
the opening of the body) is cut into words; Italian stop words and the words every
library scheda uses are left out; each word is reduced to its stem with Snowball's
Italian stemmer («giochi», «gioco», «giocare» → «gioc»). Each (scheda, stem) gets
its BM25 weight (Lucene's formula). A scheda asks with its own few most
distinctive stems, so a question reads only their posting lists: no pair of
schede is compared unless they share one of those stems. Questions are answered a
block at a time with numpy, so 10,000 schede ask in a few seconds.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

import numpy as np
import snowballstemmer

from ..content.model import Scheda

BODY_CHARS = 800  # the opening of the body says what the practice is; the rest, how
QUERY_TERMS = 10  # the distinctive stems a scheda asks with
COMMON = 0.5  # a stem in more than this share of the schede tells none apart…
COMMON_FLOOR = 10  # …unless the network is small
K1, B = 1.2, 0.75  # BM25's usual constants
BLOCK_CELLS = 1_000_000  # questions × schede scored at once (8 MB of scores)
POSTINGS = 50  # a stem's postings kept (the schede it weighs most in)
_WORD = re.compile(r"[^\W\d_]{3,}")
# Italian function words, and the words any scheda of a library network uses.
_STOP = frozenset("""
abbiamo agli alla alle anche ancora avere aveva bene come con cosa cui dal dalla dalle
degli dei del dell della delle dello dentro dopo due ed essere fra gli hanno il in lo
loro ma molto nei nel nell nella nelle non nostra nostre nostri nostro ogni oltre per
perché più poi può quale quando quella quelle quelli quello questa queste questi
questo qui sei senza sia siamo sono stata state stati stato sua sue sui sul sulla sulle
suo suoi tra tre tutte tutti tutto una uno viene vengono già solo così ogni
biblioteca biblioteche bibliotecaria bibliotecarie bibliotecario bibliotecari rete
servizio servizi progetto attività utenti scheda pratica""".split())
WEIGHTS = (3, 3, 2, 1)  # of the title, the keywords, the sintesi, the body's opening


def text_of(s: Scheda) -> str:
    """What a scheda is matched on, each part repeated as many times as it weighs."""
    parts = (s.titolo, " ".join(s.parole_chiave), s.sintesi, s.body[:BODY_CHARS])
    return " ".join(" ".join([part] * weight) for part, weight in zip(parts, WEIGHTS))


class Words:
    """Words to stem ids, with a word for each stem to name it to a reader."""

    def __init__(self):
        self._stemmer = snowballstemmer.stemmer("italian")
        self._stem: dict[str, int] = {}  # word -> stem id; -1 for a stop word
        self.vocab: dict[str, int] = {}  # stem -> id
        self._spelled: list[str] = []  # stem id -> the first word met with it

    def _id(self, word: str) -> int:
        if word in _STOP:
            ident = -1
        else:
            stem = self._stemmer.stemWord(word)
            ident = self.vocab.setdefault(stem, len(self.vocab))
            if ident == len(self._spelled):
                self._spelled.append(word)
        self._stem[word] = ident
        return ident

    def counts(self, s: Scheda, learn: bool = True) -> dict[int, float]:
        """The scheda's weighted count of each stem; with ``learn`` False, only known stems."""
        out: dict[int, float] = {}
        for word, n in Counter(_WORD.findall(text_of(s).casefold())).items():
            ident = self._stem.get(word)
            if ident is None:
                if not learn:
                    continue
                ident = self._id(word)
            if ident >= 0:
                out[ident] = out.get(ident, 0) + n
        return out

    def spelled(self, ident: int) -> str:
        """How a stem is named to a reader: the first word met that has it (the schede
        are always read in the same order)."""
        return self._spelled[ident]


class Index:
    """Published schede × stems, with BM25 weights, by scheda and by stem."""

    def __init__(self, schede: list[Scheda]):
        self.words = Words()
        rows: list[int] = []
        cols: list[int] = []
        vals: list[float] = []
        for i, s in enumerate(schede):
            counts = self.words.counts(s)
            rows += [i] * len(counts)
            cols += counts.keys()
            vals += counts.values()
        n, v = len(schede), len(self.words.vocab)
        self.n = n
        rows_a = np.asarray(rows, dtype=np.int64)
        cols_a = np.asarray(cols, dtype=np.int64)
        tf = np.asarray(vals, dtype=np.float64)
        self.df = np.bincount(cols_a, minlength=v)
        length = np.bincount(rows_a, weights=tf, minlength=n)
        average = length.mean() if n else 1.0
        idf = np.log1p((n - self.df + 0.5) / (self.df + 0.5))
        weight = idf[cols_a] * tf * (K1 + 1) / (
            tf + K1 * (1 - B + B * length[rows_a] / (average or 1.0)))
        self.doc_ptr = np.concatenate(([0], np.cumsum(np.bincount(rows_a, minlength=n))))
        self.doc_terms, self.doc_weights = cols_a, weight
        # Each stem's postings, heaviest first, cut at POSTINGS: a stem then leads only
        # to the schede it matters most in, and a question costs the same at any size.
        order = np.lexsort((rows_a, -weight, cols_a))
        starts = np.concatenate(([0], np.cumsum(self.df)))
        rank = np.arange(len(order)) - starts[cols_a[order]]
        order = order[rank < POSTINGS]
        self.kept = np.minimum(self.df, POSTINGS)
        self.term_ptr = np.concatenate(([0], np.cumsum(self.kept)))
        self.post_docs, self.post_weights = rows_a[order], weight[order]
        self.limit = max(COMMON * n, COMMON_FLOOR)
        self.vocabulary = max(v, 1)
        self.doc_keys = np.sort(rows_a * self.vocabulary + cols_a)  # (scheda, stem) held

    def query(self, row: int) -> tuple[np.ndarray, float]:
        """The scheda's most distinctive stems, best first, and its own score for them."""
        a, b = self.doc_ptr[row], self.doc_ptr[row + 1]
        # a stem only this scheda has leads nowhere: it is left out
        return self.best_terms(self.doc_terms[a:b], self.doc_weights[a:b], alone=1)

    def query_of(self, s: Scheda) -> tuple[np.ndarray, float]:
        """The same, for a scheda outside the index (a draft): only stems the index knows."""
        counts = self.words.counts(s, learn=False)
        terms = np.fromiter(counts, dtype=np.int64, count=len(counts))
        idf = np.log1p((self.n - self.df[terms] + 0.5) / (self.df[terms] + 0.5))
        return self.best_terms(terms, idf * np.fromiter(counts.values(), dtype=np.float64))

    def best_terms(self, terms: np.ndarray, weights: np.ndarray,
                   alone: int = 0) -> tuple[np.ndarray, float]:
        """The ``QUERY_TERMS`` heaviest stems held by more than ``alone`` schede and by
        no more than the common limit, and their summed weight."""
        df = self.df[terms]
        usable = (df > alone) & (df <= self.limit)
        terms, weights = terms[usable], weights[usable]
        order = np.lexsort((terms, -weights))[:QUERY_TERMS]
        return terms[order], float(weights[order].sum())

    def scores(self, queries: list[np.ndarray]):
        """Yield, block by block of questions: the number of the block's first question
        and the ``Block`` of what its questions matched."""
        rows = max(1, BLOCK_CELLS // max(1, self.n))  # questions per block
        for start in range(0, len(queries), rows):
            text = self._block(queries[start:start + rows])
            yield start, Block(text)

    def _block(self, queries: list[np.ndarray]) -> np.ndarray:
        """The text scores of a block of questions: one line per question, one column
        per scheda, summed from the kept postings of each question's stems."""
        n = self.n
        terms = np.concatenate(queries)
        lens = self.kept[terms]
        offsets = np.concatenate(([0], np.cumsum(lens)[:-1])) if len(lens) else lens
        index = np.repeat(self.term_ptr[terms] - offsets, lens) + np.arange(int(lens.sum()))
        owner = np.repeat(np.arange(len(queries)), [len(q) for q in queries])
        key = np.repeat(owner, lens) * n + self.post_docs[index]
        text = np.bincount(key, weights=self.post_weights[index], minlength=len(queries) * n)
        return text.reshape(len(queries), n)

    def shared(self, pairs: list[tuple[np.ndarray, int]]) -> list[np.ndarray]:
        """For each (question's stems, scheda): those of the stems the scheda has, in the
        question's order (its most distinctive first)."""
        if not pairs:
            return []
        terms = np.concatenate([q for q, _ in pairs])
        rows = np.repeat([r for _, r in pairs], [len(q) for q, _ in pairs])
        wanted = rows * self.vocabulary + terms
        at = np.minimum(np.searchsorted(self.doc_keys, wanted), len(self.doc_keys) - 1)
        has = self.doc_keys[at] == wanted
        cuts = np.cumsum([len(q) for q, _ in pairs])[:-1]
        return [t[h] for t, h in zip(np.split(terms, cuts), np.split(has, cuts))]


class Block(NamedTuple):
    """The text scores of a block of questions: one line per question, one column per
    scheda (zero: not a word in common)."""

    text: np.ndarray

    @property
    def size(self) -> int:
        return len(self.text)

    def matches(self, j: int) -> "Matches":
        hit = np.flatnonzero(self.text[j])
        return Matches(hit, self.text[j][hit])


class Matches(NamedTuple):
    """What one question found: the schede matched and their text scores."""

    rows: np.ndarray
    text: np.ndarray

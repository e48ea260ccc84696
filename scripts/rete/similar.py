"""Near-duplicate texts among many, in near-linear time, by difflib's own measure.

The rule stays difflib's: two texts are near duplicates when
``SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.9``. Comparing every
pair is quadratic (minutes at 10,000 schede), so candidates come from an
index of short character grams, with a filter that can never drop a real pair:

- difflib's matches M are at most the longest common subsequence L, so a
  ratio 2M/T >= 0.9 (T = len(a) + len(b)) leaves at most T/10 characters
  inserted or deleted, and the partner at most 11/9 as long: at most
  ``d = 2 * len(a) // 9`` edits.
- Cut ``a`` into d + 1 disjoint pieces: each edit touches at most one piece, so
  one piece appears unchanged in ``b``, and so does every gram inside it. Asking
  the index for the rarest gram of each piece finds every partner.

Candidates then pass rapidfuzz's ``fuzz.ratio`` (the Indel similarity 2L/T, never
below difflib's ratio) and last difflib itself, so the answer is exactly difflib's.
"""

from __future__ import annotations

import difflib
from collections import defaultdict

from rapidfuzz import fuzz, process

THRESHOLD = 0.9
GRAMS = (4, 3)  # longer grams are rarer; 3 where a text's pieces are shorter than 4
_PREFILTER = 100 * THRESHOLD - 1  # in percent, below the rule: rounding never drops a pair


def _pieces(text: str) -> tuple[int, list[list[str]]] | None:
    """The gram length and the grams of each of d + 1 disjoint pieces of ``text``;
    None if the pieces are too short for any gram."""
    count = 2 * len(text) // 9 + 1
    size = next((g for g in GRAMS if len(text) // count >= g), None)
    if size is None:
        return None
    bounds = [len(text) * t // count for t in range(count + 1)]
    return size, [[text[p:p + size] for p in range(start, end - size + 1)]
                  for start, end in zip(bounds, bounds[1:])]


def _is_near(a: str, b: str) -> bool:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= THRESHOLD


def first_near_duplicates(texts: list[str]) -> dict[int, int]:
    """For each text nearly equal to an earlier one, the index of the first such earlier text."""
    # gram length -> gram -> indexes of the earlier texts that contain it, ascending
    index: dict[int, dict[str, list[int]]] = {g: defaultdict(list) for g in GRAMS}
    found: dict[int, int] = {}
    for i, text in enumerate(texts):
        cut = _pieces(text)
        if cut is None:
            candidates = range(i)  # too short to cut: compared with every earlier text
        else:
            grams = index[cut[0]]
            # a piece's rarest gram among the earlier texts keeps the lists short
            lists = [min((grams.get(g, ()) for g in piece), key=len) for piece in cut[1]]
            candidates = sorted(set().union(*lists))
        if candidates:
            close = process.extract(text, [texts[j] for j in candidates], limit=None,
                                    scorer=fuzz.ratio, score_cutoff=_PREFILTER)
            for j in sorted(candidates[position] for _, _, position in close):
                if _is_near(texts[j], text):
                    found[i] = j
                    break
        for size, grams in index.items():
            for gram in {text[p:p + size] for p in range(len(text) - size + 1)}:
                grams[gram].append(i)
    return found

"""Near-duplicate texts among many, in near-linear time, by difflib's own measure.

The rule stays difflib's: two texts are near duplicates when
``SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.9``. Comparing every
pair is quadratic (minutes at 10,000 schede), so candidates come from an index
of 3-character grams, through a filter that can never drop a real pair:

- difflib's matches M are at most the longest common subsequence L, so a
  ratio 2M/T >= 0.9 (T = len(a) + len(b)) leaves at most T/10 characters
  inserted or deleted: at most ``d = 2 * len(a) // 9`` edits, and the partner
  between 9/11 and 11/9 as long.
- Cut ``a`` into m = len(a) // 3 disjoint 3-character pieces: an edit touches
  at most one piece, so at least m - d pieces appear unchanged in ``b``.

The index holds, for each gram, a bit mask of the texts that contain it, so
counting the pieces a text shares with ``a`` is a few operations on whole
masks (a counter kept in bit planes), not a loop over texts. The texts are
numbered shortest first and each pair is looked at from its longer text, so
its partners (no longer, and at least 9/11 as long) are a run of bits, and
the masks are cut to that run before counting. The few
candidates left pass rapidfuzz's ``fuzz.ratio`` (the Indel similarity 2L/T,
never below difflib's ratio) and last difflib itself: the answer is difflib's.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections import defaultdict
from concurrent.futures.process import BrokenProcessPool

from rapidfuzz import fuzz, process

from . import aside

THRESHOLD = 0.9
GRAM = 3
_ONE = re.compile("1")
_PREFILTER = 100 * THRESHOLD - 1  # in percent, below the rule: rounding never drops a pair


def _is_near(a: str, b: str) -> bool:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= THRESHOLD


def _masks(keys: list[list]) -> dict:
    """For each key, the bit mask of the positions in ``keys`` whose list holds it."""
    bitmaps: dict = defaultdict(lambda: bytearray(len(keys) // 8 + 1))
    for i, own in enumerate(keys):
        for key in own:
            bitmaps[key][i >> 3] |= 1 << (i & 7)
    return {key: int.from_bytes(bitmap, "little") for key, bitmap in bitmaps.items()}


def _at_least(need: int, masks: list[int], everyone: int) -> int:
    """The bits set in at least ``need`` of ``masks``: a counter kept in bit planes."""
    planes: list[int] = []
    for carry in masks:
        for k, plane in enumerate(planes):
            if not carry:
                break
            planes[k], carry = plane ^ carry, plane & carry
        if carry:
            planes.append(carry)
    # add 2**size - need to every counter: the carry out of the top plane is count >= need
    size = max(len(planes), need.bit_length())
    constant = (1 << size) - need
    carry = 0
    for k in range(size):
        plane = planes[k] if k < len(planes) else 0
        bit = everyone if constant >> k & 1 else 0
        carry = (plane & bit) | (carry & (plane ^ bit))
    return carry


def _bits(mask: int) -> list[int]:
    """The positions of the set bits (few: the mask is mostly zeros), highest first."""
    written = bin(mask)  # "0b1001…": bit k is the k-th character from the right
    top = len(written) - 1
    return [top - found.start() for found in _ONE.finditer(written)]


def first_near_duplicates(texts: list[str], split: bool = False) -> dict[int, int]:
    """For each text nearly equal to an earlier one, the index of the first such earlier text.

    With ``split``, a second process looks at every other text (``aside``): the
    answer is the same.
    """
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))  # shortest first
    ordered = [texts[i] for i in order]
    lengths = [len(t) for t in ordered]
    grams = _masks([{t[p:p + GRAM] for p in range(len(t) - GRAM + 1)} for t in ordered])

    def scan(start: int, step: int) -> dict[int, int]:
        found: dict[int, int] = {}
        # Every pair is looked at once, from its longer text (at position ``p`` of the
        # order): the partners are the shorter ones before it, at least 9/11 as long, so
        # the masks are cut to that window (a few bits, not one per text) before counting.
        for p in range(start, len(ordered), step):
            text, size = ordered[p], lengths[p]
            low = bisect.bisect_left(lengths, -(-9 * size // 11), 0, p)
            if low == p:
                continue
            window = (1 << (p - low)) - 1
            need = size // GRAM - 2 * size // 9  # pieces that survive the most edits allowed
            if need >= 1:
                pieces = [grams.get(text[k:k + GRAM], 0) >> low & window
                          for k in range(0, size - GRAM + 1, GRAM)]
                mask = _at_least(need, pieces, window)
            else:  # too short to cut: compared with every text in the window
                mask = window
            if not mask:
                continue
            candidates = [low + q for q in _bits(mask)]
            close = process.extract(text, [ordered[q] for q in candidates], limit=None,
                                    scorer=fuzz.ratio, score_cutoff=_PREFILTER)
            for _, _, position in close:
                earlier, later = sorted((order[p], order[candidates[position]]))
                if earlier < found.get(later, later) and _is_near(texts[earlier], texts[later]):
                    found[later] = earlier
        return found

    if not split:
        return scan(0, 1)
    other = aside.Aside({"odd": lambda: scan(1, 2)})
    try:
        found = scan(0, 2)
        try:
            theirs = other.result("odd")
        except BrokenProcessPool:  # the second process died: its half is done here
            theirs = scan(1, 2)
    finally:
        other.close()
    for later, earlier in theirs.items():
        if earlier < found.get(later, later):
            found[later] = earlier
    return found

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
numbered shortest first, so the partners a text's length allows are a run of
bits, and the masks are cut to that run before counting. The few
candidates left pass rapidfuzz's ``fuzz.ratio`` (the Indel similarity 2L/T,
never below difflib's ratio) and last difflib itself: the answer is difflib's.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections import defaultdict
from typing import Callable

from rapidfuzz import fuzz, process

from ..runtime.helper import IN_PROCESS, InProcess

THRESHOLD = 0.9
GRAM = 3
_ONE = re.compile("1")
BLOCK = 64  # texts looked at one after the other, each process taking a block at a time
_PREFILTER = 100 * THRESHOLD - 1  # in percent, below the rule: rounding never drops a pair


def _is_near(a: str, b: str) -> bool:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= THRESHOLD


def _masks(texts: list[str]) -> dict:
    """For each gram of ``texts``, the bit mask of the positions of the texts that hold it.

    Each text's grams are set straight into the masks, repeats and all (setting a bit
    twice changes nothing): cheaper than first gathering each text's set of grams.
    """
    bitmaps: dict = defaultdict(lambda: bytearray(len(texts) // 8 + 1))
    for i, text in enumerate(texts):
        byte, bit = i >> 3, 1 << (i & 7)
        for p in range(len(text) - GRAM + 1):
            bitmaps[text[p:p + GRAM]][byte] |= bit
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


def first_near_duplicates(texts: list[str], helper: InProcess = IN_PROCESS,
                          meanwhile: Callable[[], object] | None = None) -> dict[int, int]:
    """For each text nearly equal to an earlier one, the index of the first such earlier text.

    A ``helper`` with a second process takes its share of the texts: the answer is the
    same. ``meanwhile``: other work of this process, done while the second one starts
    on the texts (``InProcess.shared``).
    """
    count = len(texts)
    order = sorted(range(count), key=lambda i: len(texts[i]))  # shortest first
    position = [0] * count
    for p, i in enumerate(order):
        position[i] = p
    ordered = [texts[i] for i in order]
    lengths = [len(text) for text in ordered]
    grams = _masks(ordered)
    # the texts are looked at in blocks; at each block's start, the mask of the texts
    # before it (its bits set in a bytearray: one shift of a long number per block)
    starts, before = [], bytearray(count // 8 + 1)
    for i in range(count):
        if i % BLOCK == 0:
            starts.append(int.from_bytes(before, "little"))
        before[position[i] >> 3] |= 1 << (position[i] & 7)

    def first_near(i: int, before: int) -> int | None:
        """The first text near text ``i`` among those in ``before``, if any.

        Its possible partners, between 9/11 and 11/9 as long, are a run of positions:
        the masks are cut to that window (a few bits, not one per text) before counting.
        """
        text = texts[i]
        size = len(text)
        low = bisect.bisect_left(lengths, -(-9 * size // 11))
        high = bisect.bisect_right(lengths, 11 * size // 9)
        window = before >> low & (1 << (high - low)) - 1
        need = size // GRAM - 2 * size // 9  # pieces that survive the most edits allowed
        if window and need >= 1:
            pieces = [grams.get(text[k:k + GRAM], 0) >> low & window
                      for k in range(0, size - GRAM + 1, GRAM)]
            window = _at_least(need, pieces, window)
        if not window:
            return None
        near = [low + q for q in _bits(window)]  # positions, shortest first
        close = process.extract(text, [ordered[p] for p in near], limit=None,
                                scorer=fuzz.ratio, score_cutoff=_PREFILTER)
        return next((j for j in sorted(order[near[k]] for _, _, k in close)
                     if _is_near(texts[j], text)), None)

    def block(b: int) -> list[tuple[int, int]]:
        found, before = [], starts[b]
        for i in range(b * BLOCK, min(b * BLOCK + BLOCK, count)):
            j = first_near(i, before)
            if j is not None:
                found.append((i, j))
            before |= 1 << position[i]
        return found

    blocks = helper.shared(len(starts), block, chunk=1, meanwhile=meanwhile)
    return dict(pair for found in blocks for pair in found)

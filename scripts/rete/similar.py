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
masks (a counter kept in bit planes), not a loop over texts. The few
candidates left pass rapidfuzz's ``fuzz.ratio`` (the Indel similarity 2L/T,
never below difflib's ratio) and last difflib itself: the answer is difflib's.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict

from rapidfuzz import fuzz, process

THRESHOLD = 0.9
GRAM = 3
_NONZERO = re.compile(b"[^\\x00]")
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
    """The positions of the set bits, lowest first (few: the mask is mostly zeros)."""
    raw = mask.to_bytes(mask.bit_length() // 8 + 1, "little")
    found = []
    for match in _NONZERO.finditer(raw):
        byte, base = raw[match.start()], 8 * match.start()
        while byte:
            low = byte & -byte
            found.append(base + low.bit_length() - 1)
            byte ^= low
    return found


def first_near_duplicates(texts: list[str]) -> dict[int, int]:
    """For each text nearly equal to an earlier one, the index of the first such earlier text."""
    grams = _masks([{t[p:p + GRAM] for p in range(len(t) - GRAM + 1)} for t in texts])
    by_length = _masks([[len(t)] for t in texts])
    up_to = [0] * (max(map(len, texts), default=0) + 2)  # up_to[n]: texts shorter than n
    for n in range(1, len(up_to)):
        up_to[n] = up_to[n - 1] | by_length.get(n - 1, 0)
    everyone = (1 << len(texts)) - 1
    found: dict[int, int] = {}
    for i, text in enumerate(texts):
        earlier = (1 << i) - 1
        size = len(text)
        need = size // GRAM - 2 * size // 9  # pieces that survive the most edits allowed
        if need >= 1:
            pieces = [grams.get(text[p:p + GRAM], 0) for p in range(0, size - GRAM + 1, GRAM)]
            mask = _at_least(need, pieces, everyone) & earlier
        else:  # too short to cut: compared with every earlier text
            mask = earlier
        low, high = -(-9 * size // 11), 11 * size // 9
        mask &= up_to[min(high + 1, len(up_to) - 1)] & ~up_to[low]
        if not mask:
            continue
        candidates = _bits(mask)
        close = process.extract(text, [texts[j] for j in candidates], limit=None,
                                scorer=fuzz.ratio, score_cutoff=_PREFILTER)
        for j in sorted(candidates[position] for _, _, position in close):
            if _is_near(texts[j], text):
                found[i] = j
                break
    return found

"""The near-duplicate title search finds exactly what difflib, pair by pair, finds."""

from __future__ import annotations

import contextlib
import difflib
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.corpus import title
from rete.checks import similar
from rete.runtime.helper import SECOND_PROCESS
from rete.checks.similar import first_near_duplicates

is_near = similar._is_near


@contextlib.contextmanager
def small_chunks():
    """Few texts are shared between the two processes too."""
    before, similar.BLOCK = similar.BLOCK, 2
    try:
        yield
    finally:
        similar.BLOCK = before


def pair_by_pair(titles: list[str]) -> dict[int, int]:
    """The rule as written: each title against every earlier one, with difflib."""
    found = {}
    for i, title in enumerate(titles):
        for j in range(i):
            if difflib.SequenceMatcher(None, titles[j], title, autojunk=False).ratio() >= 0.9:
                found[i] = j
                break
    return found


@st.composite
def title_sets(draw):
    """A few base titles and many edited copies: near duplicates are frequent."""
    alphabet = draw(st.sampled_from(["ab", "abc ", "letur aino", "àèéìòù lb ",
                                     "abcdefghilmnoprstuvz "]))
    text = st.text(alphabet=alphabet, max_size=70)
    bases = draw(st.lists(text, min_size=1, max_size=6))
    titles = []
    for _ in range(draw(st.integers(1, 30))):
        title = list(draw(st.sampled_from(bases)))
        for _ in range(draw(st.integers(0, 6))):
            where = draw(st.integers(0, len(title)))
            action = draw(st.sampled_from(["insert", "delete", "replace"]))
            if action == "insert":
                title.insert(where, draw(st.sampled_from(alphabet)))
            elif where < len(title):
                if action == "delete":
                    del title[where]
                else:
                    title[where] = draw(st.sampled_from(alphabet))
        titles.append("".join(title))
    return titles


@settings(max_examples=200, deadline=None)
@given(title_sets())
def test_the_index_finds_what_difflib_finds(titles):
    # Only the rule as written: difflib's ratio is not symmetric, so comparing each
    # pair the other way round (as the check did before the index) can differ.
    assert first_near_duplicates(titles) == pair_by_pair(titles)


def test_threshold_edge_is_kept():
    # 18 common characters of 20 in all: ratio exactly 0.9 is a near duplicate
    assert first_near_duplicates(["abcdefghij", "abcdefghiX"]) == {1: 0}
    assert first_near_duplicates(["abcdefghi", "abcdefgXY"]) == {}
    assert first_near_duplicates(["", ""]) == {1: 0}


def test_many_realistic_titles():
    """Titles like the benchmark's, some of them retyped with small changes."""
    rng = random.Random(7)
    titles = []
    for _ in range(150):
        if titles and rng.random() < 0.2:
            chars = list(rng.choice(titles))
            for _ in range(rng.randint(1, 5)):
                chars.insert(rng.randint(0, len(chars)), rng.choice("aeiou "))
            titles.append("".join(chars))
        else:
            titles.append(title(rng).casefold())
    found = first_near_duplicates(titles)
    assert found == pair_by_pair(titles)
    assert len(found) > 10
    with small_chunks():
        assert first_near_duplicates(titles, SECOND_PROCESS) == found  # shared with a second process


@settings(max_examples=40, deadline=None)
@given(title_sets())
def test_the_search_split_over_two_processes_finds_the_same(titles):
    with small_chunks():
        assert first_near_duplicates(titles, SECOND_PROCESS) == pair_by_pair(titles)


def test_many_near_titles_cost_difflib_about_once_each(monkeypatch):
    """Hundreds of titles that differ by a number: each is compared with difflib about
    once (with the first near one before it), not with every near one."""
    titles = [f"gruppo di lettura per adulti, incontro {n}" for n in range(400)]
    calls = []
    monkeypatch.setattr(similar, "_is_near",
                        lambda a, b: calls.append(1) or is_near(a, b))
    found = first_near_duplicates(titles)
    assert found == pair_by_pair(titles) and len(found) == 399
    assert len(calls) < 2 * len(titles)

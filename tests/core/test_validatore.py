"""The compiled validator (jsonschema-rs) agrees with the detailed one on every document.

It decides alone only when it accepts a document, so accepting what jsonschema
rejects would hide a problem: that direction must never happen.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rete.content.loader import read_tree
from rete.content.schema import fast_validator, validator

from .test_casi import CASES, lay_case
from .test_fuzz import documents, mutated

KINDS = {"rete": "rete.yml", "scheda": "schede/letture-al-nido.md",
         "polo": "poli/polo-lettura.md"}


def agree(kind: str, data) -> None:
    detailed = not any(True for _ in validator(kind).iter_errors(data))
    try:
        fast = fast_validator(kind).is_valid(data)
    except (ValueError, TypeError, OverflowError):
        return  # the detailed validator decides
    assert fast == detailed, data


@settings(max_examples=200, deadline=None)
@given(kind=st.sampled_from(sorted(KINDS)), data=st.data())
def test_random_documents(kind, data):
    agree(kind, data.draw(st.one_of(documents, mutated(KINDS[kind]))))


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_every_case(case, minimo):
    lay_case(case, minimo)
    tree = read_tree(minimo)
    for doc in ([tree.registry] if tree.registry else []) + tree.documents:
        agree(doc.kind, doc.data)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab à.,\n-_1'’", max_size=80), st.integers(0, 12))
def test_counting_words_up_to_a_limit_counts_as_the_whole_count_does(text, limit):
    from rete.text import word_count

    assert word_count(text, limit=limit) == min(word_count(text), limit)

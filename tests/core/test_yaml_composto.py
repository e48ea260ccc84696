"""libyaml's composer reads a front-matter exactly as the event walk does, or leaves it to it.

``yamlsafe.parse`` reads nearly every text with libyaml's composer (C) and only the
rest with the event walk, which names what it refuses. Whatever the text, the fast
reading is either absent or the same values, lines (in the same order) and numbers.
"""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from rete.content import yamlsafe

from ..conftest import ROOT, TESTS


def _same(text: str) -> bool:
    fast = yamlsafe._composed(text)
    try:
        slow = yamlsafe.walked(text)
    except yamlsafe.YamlProblem:
        return fast is None  # what the walk refuses never comes back from the composer
    if fast is None:
        return True
    shown = [(repr(p.data), list(p.lines.items()), list(p.numbers.items()))
             for p in (fast, slow)]
    return shown[0] == shown[1]


def _front_matters():
    """Every front-matter of the example trees, the rule cases and the sample content."""
    paths = [p for folder in (TESTS / "alberi", TESTS / "casi", ROOT / "schede", ROOT / "poli")
             for p in sorted(folder.rglob("*.md")) + sorted(folder.rglob("rete.yml"))]
    for path in paths + [ROOT / "rete.yml"]:
        text = path.read_text("utf-8", errors="replace")
        yield text.removeprefix("---\n").split("\n---", 1)[0] if text.startswith("---\n") else text


def test_the_example_trees_read_the_same_and_mostly_by_the_composer():
    texts = list(_front_matters())
    assert len(texts) > 150
    assert all(_same(t) for t in texts)
    composed = sum(yamlsafe._composed(t) is not None for t in texts)
    assert composed > len(texts) * 0.8


def test_what_the_walk_refuses_or_reports_goes_to_the_walk():
    for text in ("a: &x 1\nb: *x\n", "a: !!str 1\n", "a: 1\na: 2\n", "? [a]\n: 1\n",
                 "a: 1\n---\nb: 2\n", "a: [1, 2\n", "a:\n" + "".join(
                     "  " * i + f"k{i}:\n" for i in range(1, yamlsafe.MAX_DEPTH + 2))):
        assert yamlsafe._composed(text) is None, text


def test_numbers_dates_and_odd_scalars_match():
    text = ("a: 1.800\nb: [7, 2.50, x, 0x1F, 1:30, 021234567]\nc:\n  d: 3\n  e: 2024-03-01\n"
            "f: '1.800'\ng: true\nh: ~\ni: .inf\nj: 1e400\nk: -0\nl:\n  - m: 1\n    n: [2]\n"
            "  - 3\no: \"testo\"\np: |\n  righe\n  due\n'1': uno\nnull: nulla\n")
    assert yamlsafe._composed(text) is not None
    assert _same(text)


_SCALARS = st.one_of(st.text(max_size=12), st.integers(), st.floats(allow_nan=False),
                     st.booleans(), st.none(), st.dates())
_DATA = st.recursive(_SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.text(min_size=1, max_size=8), inner, max_size=4)), max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(_DATA, st.booleans())
def test_any_dumped_data_reads_the_same(data, flow):
    assert _same(yaml.safe_dump(data, allow_unicode=True, default_flow_style=flow))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab1.:- \n'\"[]{},#?|>0x2e", max_size=60))
def test_any_punctuation_reads_the_same(text):
    assert _same(text)

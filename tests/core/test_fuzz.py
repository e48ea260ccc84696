"""Bad input never crashes or hangs: whatever is in the files, `check` returns problems.

Random bytes, random YAML data (built from the real schema's field names, so
it reaches the schema and cross-document checks) and random punctuation-heavy
text are written into a copy of the minimal tree, which is then checked.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import signal
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rete import formatters
from rete.render import pages
from rete.problems import Level, Problem
from rete.content.schema import schema
from rete.checks.validate import Result, check

from ..conftest import TREES

FUZZ = settings(max_examples=200, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])
SECONDS = 20  # far more than any single check of a small tree needs


class Hang(Exception):
    pass


@contextlib.contextmanager
def time_limit(seconds: int = SECONDS):
    """Turn a hang into a failure, where the platform has SIGALRM."""
    if not hasattr(signal, "setitimer"):
        yield
        return

    def alarm(signum, frame):
        raise Hang(f"il controllo non è finito in {seconds} secondi")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def tree(tmp_path) -> Path:
    """One copy of the minimal tree per test; every example overwrites the same files."""
    target = tmp_path / "albero"
    shutil.copytree(TREES / "minimo", target)
    return target


def checked(root: Path) -> Result:
    with time_limit():
        result = check(root)
        rendered = {name: render(result.problems, result.counts)
                    for name, render in formatters.FORMATS.items()}
        if result.knowledge is not None:  # what validated must also render
            site = pages.render(result.knowledge)
            assert all(isinstance(text, str) for text in site.pages.values())
    assert isinstance(result, Result)
    for problem in result.problems:
        assert isinstance(problem, Problem)
        assert isinstance(problem.file, str) and problem.file
        assert problem.line is None or (isinstance(problem.line, int) and problem.line >= 1)
        assert problem.field is None or isinstance(problem.field, str)
        assert isinstance(problem.level, Level)
        assert isinstance(problem.message, str) and problem.message
    assert all(isinstance(text, str) for text in rendered.values())
    assert len(json.loads(rendered["json"])["problemi"]) == len(result.problems)
    return result


# --- (a) random bytes --------------------------------------------------------------

@FUZZ
@given(raw=st.binary(max_size=4096))
def test_random_bytes_as_a_scheda(tree, raw):
    (tree / "schede" / "fuzz.md").write_bytes(raw)
    checked(tree)


@FUZZ
@given(raw=st.binary(max_size=4096))
def test_random_bytes_after_a_front_matter_fence(tree, raw):
    (tree / "schede" / "fuzz.md").write_bytes(b"---\n" + raw + b"\n---\n")
    checked(tree)


@FUZZ
@given(raw=st.binary(max_size=4096))
def test_random_bytes_as_rete_yml(tree, raw):
    (tree / "rete.yml").write_bytes(raw)
    checked(tree)


# --- (b) random YAML data -------------------------------------------------------------

def _field_names(node) -> set[str]:
    names: set[str] = set()
    if isinstance(node, dict):
        for key, sub in node.items():
            if key == "properties" and isinstance(sub, dict):
                names |= set(sub)
            names |= _field_names(sub)
    elif isinstance(node, list):
        for item in node:
            names |= _field_names(item)
    return names


FIELD_NAMES = sorted(set().union(*(_field_names(schema(k)) for k in ("rete", "scheda", "polo"))))
REAL_VALUES = ["centrale", "frazione", "lettura-0-6", "storia-locale", "famiglie-0-6", "adulti",
               "polo-lettura", "attivo", "proposto", "in-corso", "conclusa", "IT-MI0001",
               "https://rete.example.it/", "javascript:alert(1)", "volantino.pdf", "../x",
               "/etc/passwd", "index.md", ".", "", " ", "2026-02-30", "15/03/2026",
               "ragazzi@centrale.example.it", "![](foto.jpg)"]

keys = st.one_of(st.sampled_from(FIELD_NAMES), st.text(max_size=12))
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(),
    st.text(max_size=60),
    st.sampled_from(REAL_VALUES),
    st.dates(min_value=date(1, 1, 1)).map(date.isoformat),
    st.from_regex(r"\A\d{1,5}-\d{1,2}-\d{1,3}\Z"),
)
values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=6),
    max_leaves=30,
)
documents = st.dictionaries(keys, values, max_size=12)


def _valid(rel: str) -> dict:
    text = (TREES / "minimo" / rel).read_text("utf-8")
    if rel.endswith(".md"):
        text = text.split("---\n")[1]
    return yaml.safe_load(text)


def mutated(rel: str):
    """A valid document with a few fields replaced or added: it reaches the deeper checks."""
    return st.dictionaries(keys, values, max_size=3).map(lambda extra: {**_valid(rel), **extra})


def dump(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=None)


def with_front_matter(data, body: str = "") -> str:
    return "---\n" + dump(data) + "---\n" + body


@FUZZ
@given(scheda=st.one_of(documents, mutated("schede/letture-al-nido.md")),
       polo=st.one_of(documents, mutated("poli/polo-lettura.md")),
       rete=st.one_of(st.none(), documents, mutated("rete.yml")),
       body=st.text(max_size=300))
def test_random_yaml_data(tree, scheda, polo, rete, body):
    (tree / "schede" / "fuzz.md").write_text(with_front_matter(scheda, body), "utf-8")
    (tree / "poli" / "fuzz.md").write_text(with_front_matter(polo, body), "utf-8")
    if rete is not None:
        (tree / "rete.yml").write_text(dump(rete), "utf-8")
    checked(tree)


@FUZZ
@given(scheda=st.one_of(documents, mutated("schede/letture-al-nido.md")),
       files=st.lists(st.sampled_from(["volantino.pdf", "foto.jpg", "sotto/file.txt"]),
                      max_size=3))
def test_random_yaml_data_in_a_bundle(tree, scheda, files):
    """A folder scheda, with materials that may or may not exist."""
    bundle = tree / "schede" / "cartella"
    if bundle.exists():
        shutil.rmtree(bundle)
    bundle.mkdir()
    for name in files:
        (bundle / name).parent.mkdir(parents=True, exist_ok=True)
        (bundle / name).write_text("x", "utf-8")
    (bundle / "index.md").write_text(with_front_matter(scheda), "utf-8")
    checked(tree)


# --- (c) random punctuation-heavy text -----------------------------------------------

TRICKY = st.text(alphabet=st.sampled_from(list(":-[]{}&*!|>'\"#%@`\t\n ,?~.\\") +
                                          list("abtz019éà") + ["\r", "\ufeff", "\x85", "\u2028"]),
                 max_size=300)


@FUZZ
@given(text=TRICKY)
def test_random_text_front_matter(tree, text):
    (tree / "schede" / "fuzz.md").write_text("---\n" + text + "\n---\nTesto.\n", "utf-8")
    (tree / "poli" / "fuzz.md").write_text("---\n" + text + "\n---\n", "utf-8")
    checked(tree)


@FUZZ
@given(text=TRICKY)
def test_random_text_as_rete_yml(tree, text):
    (tree / "rete.yml").write_text(text, "utf-8")
    checked(tree)


@FUZZ
@given(prefix=TRICKY, text=TRICKY)
def test_random_text_around_a_valid_front_matter(tree, prefix, text):
    """A real scheda with random text added inside its front-matter and around it."""
    valid = (TREES / "minimo" / "schede" / "letture-al-nido.md").read_text("utf-8")
    head, _, rest = valid.partition("\npolo: polo-lettura\n")
    (tree / "schede" / "letture-al-nido.md").write_text(
        prefix + head + "\n" + text + "\npolo: polo-lettura\n" + rest, "utf-8")
    checked(tree)

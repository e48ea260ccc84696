"""Shared fixtures: small content trees copied into a temporary folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
ROOT = TESTS.parent
TREES = TESTS / "alberi"


def copy_tree(name: str, dest: Path) -> Path:
    target = dest / name
    shutil.copytree(TREES / name, target)
    return target


@pytest.fixture
def minimo(tmp_path) -> Path:
    """A valid tree with two libraries, one scheda and one polo."""
    return copy_tree("minimo", tmp_path)


def copy_sample(target: Path) -> Path:
    """Copy the repository's own sample content (rete.yml, schede/, poli/) to ``target``."""
    target.mkdir(parents=True)
    shutil.copy(ROOT / "rete.yml", target)
    shutil.copytree(ROOT / "schede", target / "schede")
    shutil.copytree(ROOT / "poli", target / "poli")
    shutil.copytree(ROOT / "richieste", target / "richieste")
    return target


@pytest.fixture
def esempio(tmp_path) -> Path:
    """A copy of the repository's own sample content."""
    return copy_sample(tmp_path / "esempio")


@pytest.fixture(scope="session")
def sito_esempio(tmp_path_factory) -> Path:
    """The sample content built once with a real `mkdocs build --strict`."""
    from .sito import build

    base = tmp_path_factory.mktemp("sito")
    tree = copy_sample(base / "contenuti")
    out = base / "site"
    done = build(tree, out)
    assert done.returncode == 0, done.stderr
    return out

"""Work done aside while MkDocs renders (rete/runtime/aside.py): the same results either way."""

from __future__ import annotations

import os

import pytest

from rete.problems import ReteError
from rete.runtime import aside


def _jobs(seen: list) -> dict:
    data = {"n": 41}  # made after import: a forked process has it, a spawned one would not

    def fails():
        raise ReteError("il foglio non si può scrivere", hint="riprova")

    return {"pid": os.getpid, "sum": lambda: data["n"] + 1, "fails": fails,
            "seen": lambda: seen.append("fatto") or len(seen)}


@pytest.mark.parametrize("inline", [True, False])
def test_results_and_errors_come_back_the_same_in_place_or_in_another_process(inline):
    seen: list = []
    work = aside.Aside(_jobs(seen), inline=inline)
    try:
        assert work.result("sum") == 42
        assert (work.result("pid") == os.getpid()) is inline
        assert work.result("seen") == 1
        assert seen == (["fatto"] if inline else [])  # the other process has its own copy
        with pytest.raises(ReteError) as raised:
            work.result("fails")
        assert raised.value.message == "il foglio non si può scrivere"
    finally:
        work.close()
    work.close()  # twice is harmless


def _build_site(tmp_path, monkeypatch, made):
    """An in-process `mkdocs build` whose PDF booklet is ``made()`` (run aside)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from benchmarks.corpus import make_tree
    from rete.booklet import site as booklet

    from ..sito import prepare

    tree = tmp_path / "rete"
    tree.mkdir()
    make_tree(tree, 4)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setattr(booklet, "booklet_pdf",
                        lambda k, root, preview=False, shelf=None, spreads=None: made())
    site = tmp_path / "sito"
    config = load_config(config_file=str(prepare(tree)), site_dir=str(site))
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    return site


def test_the_site_gets_the_booklet_laid_out_aside_after_its_pages(tmp_path, monkeypatch):
    site = _build_site(tmp_path, monkeypatch, lambda: b"%PDF-1.7 libretto di prova")
    assert (site / "libretto.pdf").read_bytes() == b"%PDF-1.7 libretto di prova"
    assert (site / "schede" / "scheda-00001" / "index.html").is_file()
    assert 'href="libretto.pdf"' in (site / "index.html").read_text("utf-8")


def test_a_booklet_that_fails_aside_fails_the_build_in_italian(tmp_path, monkeypatch,
                                                               caplog):
    from mkdocs.exceptions import Abort

    def fails():
        raise ReteError("l'immagine non si legge", hint="controlla il file")

    with pytest.raises(Abort):
        _build_site(tmp_path, monkeypatch, fails)
    assert ("il libretto non è stato creato: l'immagine non si legge — "
            "suggerimento: controlla il file") in caplog.messages
    assert not (tmp_path / "sito" / "libretto.pdf").exists()

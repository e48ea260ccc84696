"""«Ultimo aggiornamento» on each scheda's and polo's page: the day of the last commit
touching its file, read with one `git log` for the whole tree; else compilata_il."""

from __future__ import annotations

import os
import subprocess
from datetime import date

import pytest

from rete.checks.validate import check
from rete.content import history
from rete.render import pages

from ..conftest import copy_tree

def _git(tree, *args, day: str | None = None):
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}
    if day:
        env |= {"GIT_AUTHOR_DATE": f"{day}T10:00:00+01:00",
                "GIT_COMMITTER_DATE": f"{day}T10:00:00+01:00"}
    subprocess.run(["git", *args], cwd=tree, env=env, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path):
    """tests/alberi/piccolo committed on 2026-02-01, inside a larger repository (as
    tests/ is), then one scheda-folder's image and one polo changed later."""
    top = tmp_path / "repo"
    tree = copy_tree("piccolo", top)
    _git(top, "init", "-q", "-b", "main")
    _git(top, "add", "-A")
    _git(top, "commit", "-qm", "tutto", day="2026-02-01")
    (tree / "schede" / "archivio-foto" / "piazza.png").write_bytes(b"\x89PNG nuova")
    _git(top, "commit", "-qam", "foto", day="2026-03-05")
    polo = tree / "poli" / "polo-lettura.md"
    polo.write_text(polo.read_text("utf-8") + "\nUna riga in più.\n", "utf-8")
    _git(top, "commit", "-qam", "polo", day="2026-04-09")
    return tree


def _page_day(site, path: str) -> str | None:
    text = site.pages[path]
    if "Ultimo aggiornamento: " not in text:
        return None
    return text.split("Ultimo aggiornamento: ", 1)[1].split("\n", 1)[0]


def test_the_last_commit_touching_each_file_dates_its_page(repo):
    updated = history.last_commits(repo)
    assert updated["poli/polo-lettura.md"] == date(2026, 4, 9)
    assert updated["schede/archivio-foto"] == date(2026, 3, 5)  # a file of its folder
    assert updated["schede/letture-al-nido.md"] == date(2026, 2, 1)
    assert "rete.yml" not in updated  # only the collections' folders
    site = pages.render(check(repo).knowledge, updated=updated)
    assert _page_day(site, "poli/polo-lettura.md") == "9 aprile 2026"
    assert _page_day(site, "schede/archivio-foto/index.md") == "5 marzo 2026"
    assert _page_day(site, "schede/letture-al-nido.md") == "1 febbraio 2026"
    assert history.last_commits(repo) == updated  # the same history, the same days


def test_one_git_log_for_the_whole_tree(repo, monkeypatch):
    calls = []
    real = subprocess.run
    monkeypatch.setattr(subprocess, "run", lambda args, **kw: calls.append(args) or real(args, **kw))
    history.last_commits(repo)
    assert sum("log" in args for args in calls) == 1


def test_outside_git_compilata_il_or_the_polo_s_own_dates(tmp_path):
    tree = copy_tree("piccolo", tmp_path)
    assert history.last_commits(tree) == {}
    k = check(tree).knowledge
    site = pages.render(k, updated=history.last_commits(tree))
    for s in k.pubblicate:
        day = _page_day(site, pages.scheda_path(s))
        assert (day is None) == (s.compilata_il is None), s.slug
    polo = k.polo("polo-lettura")
    assert _page_day(site, "poli/polo-lettura.md") is not None
    assert polo.attivo_dal or polo.proposto_il


def test_a_shallow_clone_knows_nothing(repo, tmp_path):
    """Its oldest commit would seem to touch every file: better no date than a wrong one."""
    top = repo.parent
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{top}", str(clone)],
                   check=True, capture_output=True)
    assert history.last_commits(clone / "piccolo") == {}


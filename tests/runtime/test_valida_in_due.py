"""`rete valida` on a large tree reads and checks half the files in a second process;
so do the commands that need the model (`rete verifica`), whose documents come back whole.

Whatever the tree, the problems are those of the one-process reading, in the same
order, and so are the counts and the model; if the second process dies, its half is
done here.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from benchmarks.corpus import make_tree
from rete.checks import validate
from rete.runtime import aside, helper
from rete.runtime.helper import IN_PROCESS, SECOND_PROCESS
from rete.cli import main

from ..conftest import TREES, copy_sample
from ..core.test_casi import CASES, lay_case


def _both(root: Path, monkeypatch) -> tuple[validate.Result, validate.Result]:
    with monkeypatch.context() as m:
        m.setattr(validate, "SPLIT_FROM", 10**9)
        alone = validate.check_problems(root, SECOND_PROCESS)  # a small tree: here
    with monkeypatch.context() as m:
        m.setattr(validate, "SPLIT_FROM", 0)
        m.setattr(aside, "CHUNK", 2)  # small trees too are shared between the processes
        split = validate.check_problems(root, SECOND_PROCESS)
    return alone, split


def _assert_same(alone: validate.Result, split: validate.Result, modelled: validate.Result):
    assert split.problems == alone.problems == modelled.problems
    assert split.counts == alone.counts == modelled.counts
    assert split.knowledge is None and alone.knowledge is None


def _assert_same_model(root: Path, monkeypatch) -> validate.Result:
    """``check`` with the model, in one process and shared with a second one: the
    same problems, counts and model (compared by its text: a ``Source`` is compared
    by identity)."""
    alone = validate.check(root)
    with monkeypatch.context() as m:
        m.setattr(validate, "SPLIT_FROM", 0)
        m.setattr(aside, "CHUNK", 2)
        split = validate.check(root, helper=SECOND_PROCESS)
    assert split.problems == alone.problems and split.counts == alone.counts
    assert repr(split.knowledge) == repr(alone.knowledge)
    return split


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_every_case_gives_the_same_problems_in_two_processes(case, minimo, monkeypatch):
    lay_case(case, minimo)
    _assert_same(*_both(minimo, monkeypatch), validate.check(minimo))
    _assert_same_model(minimo, monkeypatch)


@pytest.mark.parametrize("name", sorted(p.name for p in TREES.iterdir() if p.is_dir()))
def test_every_example_tree_gives_the_same_problems(name, tmp_path, monkeypatch):
    root = tmp_path / name
    shutil.copytree(TREES / name, root)
    _assert_same(*_both(root, monkeypatch), validate.check(root))
    _assert_same_model(root, monkeypatch)


def _crowded(tmp_path: Path) -> Path:
    """Schede whose problems come from across the halves: near titles, a name used twice,
    files that cannot be read."""
    root = tmp_path / "rete"
    root.mkdir()
    make_tree(root, 40)
    schede = sorted((root / "schede").glob("*.md"))
    for n, (source, target) in enumerate([(schede[1], "copia-a.md"), (schede[2], "copia-b.md")]):
        text = source.read_text("utf-8").replace("\ntitolo: ", "\ntitolo: " + "X" * (n + 1), 1)
        (root / "schede" / target).write_text(text, "utf-8")
    (root / "schede" / "copia-a").mkdir()
    shutil.copy(schede[3], root / "schede" / "copia-a" / "index.md")
    (root / "schede" / "rotta.md").write_text("---\ntitolo: [\n---\n", "utf-8")
    (root / "schede" / "vuota.md").write_bytes(b"")
    return root


def test_problems_across_the_halves_are_found(tmp_path, monkeypatch):
    root = _crowded(tmp_path)
    alone, split = _both(root, monkeypatch)
    _assert_same(alone, split, validate.check(root))
    assert _assert_same_model(root, monkeypatch).knowledge.schede
    messages = " ".join(p.message for p in split.problems)
    assert messages.count("quasi uguale") == 3 and "stesso nome" in messages
    assert "è vuoto" in messages


def _readers(tmp_path: Path, monkeypatch) -> Path:
    """A file where each process that reads an entry writes its id and the entry's name."""
    readers = tmp_path / "lettori.txt"
    read_entry = validate.read_entry

    def spy(entry):
        with open(readers, "a", encoding="utf-8") as out:
            out.write(f"{os.getpid()} {entry.rel}\n")
        # long enough for the second process to start and take its share even on a busy
        # machine, where this one could otherwise read every file before it starts
        time.sleep(0.005)
        return read_entry(entry)

    monkeypatch.setattr(validate, "read_entry", spy)
    return readers


def _pids(readers: Path) -> set[str]:
    return {line.split(" ", 1)[0] for line in readers.read_text("utf-8").splitlines()}


def test_the_second_process_reads_its_share_of_the_files(tmp_path, monkeypatch):
    root = _crowded(tmp_path)
    readers = _readers(tmp_path, monkeypatch)
    monkeypatch.setattr(validate, "SPLIT_FROM", 0)
    monkeypatch.setattr(aside, "CHUNK", 2)
    validate.check_problems(root, SECOND_PROCESS)
    rows = [line.split(" ", 1) for line in readers.read_text("utf-8").splitlines()]
    pids = {pid for pid, _ in rows}
    assert len(pids) == 2 and str(os.getpid()) in pids
    assert len(rows) == len({rel for _, rel in rows}) > 40  # each file read once


def test_if_the_second_process_dies_its_half_is_done_here(tmp_path, monkeypatch):
    root = _crowded(tmp_path)
    alone, _ = _both(root, monkeypatch)
    here, read_entry = os.getpid(), validate.read_entry

    def dying(entry):
        if os.getpid() != here:
            os._exit(3)
        return read_entry(entry)

    monkeypatch.setattr(validate, "read_entry", dying)
    monkeypatch.setattr(validate, "SPLIT_FROM", 0)
    monkeypatch.setattr(aside, "CHUNK", 2)
    result = validate.check_problems(root, SECOND_PROCESS)
    assert result.problems == alone.problems and result.counts == alone.counts


def test_rete_valida_on_the_sample_content_splits_and_prints_the_same(tmp_path, monkeypatch,
                                                                      capsys):
    root = copy_sample(tmp_path / "esempio")
    assert main(["valida", "--radice", str(root)]) == 0
    alone = capsys.readouterr().out
    monkeypatch.setattr(validate, "SPLIT_FROM", 0)
    monkeypatch.setattr(aside, "CHUNK", 2)
    assert main(["valida", "--radice", str(root)]) == 0
    assert capsys.readouterr().out == alone


def test_the_model_is_built_from_documents_read_in_both_processes(tmp_path, monkeypatch):
    root = _crowded(tmp_path)
    readers = _readers(tmp_path, monkeypatch)
    split = _assert_same_model(root, monkeypatch)
    assert len(_pids(readers)) == 2
    assert len(split.knowledge.schede) == len(validate.check(root).knowledge.schede) > 40


@pytest.mark.parametrize(("running", "cores", "chosen"), [
    (1, 2, SECOND_PROCESS), (2, 2, IN_PROCESS), (5, 2, IN_PROCESS), (3, 4, SECOND_PROCESS),
    (1, 1, IN_PROCESS), (None, 2, IN_PROCESS)])
def test_a_second_process_only_when_a_core_is_idle(running, cores, chosen, monkeypatch):
    monkeypatch.setattr(helper, "_running", lambda: running)
    monkeypatch.setattr(helper, "_cores", lambda: cores)
    assert helper.when_idle() is chosen


def test_the_running_processes_are_counted_with_this_one():
    running = helper._running()
    assert running is None or running >= 1


def test_rete_verifica_on_the_sample_content_splits_and_prints_the_same(tmp_path, monkeypatch,
                                                                        capsys):
    root = copy_sample(tmp_path / "esempio")
    command = ["verifica", "--radice", str(root), "--anno", "2026", "--formato", "json"]
    monkeypatch.setattr(helper, "when_idle", lambda: IN_PROCESS)
    assert main(command) == 0
    alone = capsys.readouterr().out
    readers = _readers(tmp_path, monkeypatch)
    monkeypatch.setattr(helper, "when_idle", lambda: SECOND_PROCESS)
    monkeypatch.setattr(validate, "SPLIT_FROM", 0)
    monkeypatch.setattr(aside, "CHUNK", 2)
    assert main(command) == 0
    assert capsys.readouterr().out == alone and '"richieste"' in alone
    assert len(_pids(readers)) == 2

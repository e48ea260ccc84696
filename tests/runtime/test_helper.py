"""A job shared with a second process (rete/runtime/helper.py): the second process
sends back what ``pack`` keeps of its results, this one keeps its own whole, and
other work of this process's (``meanwhile``) is done once, here."""

from __future__ import annotations

import os
import time

import pytest

from rete.runtime import aside
from rete.runtime.helper import IN_PROCESS, SECOND_PROCESS


def _work(i: int) -> tuple:
    time.sleep(0.01)  # long enough for the second process to start and take its share
    return i * i, os.getpid()


@pytest.mark.parametrize("helper", [IN_PROCESS, SECOND_PROCESS], ids=["qui", "in-due"])
def test_each_result_is_whole_here_and_packed_there(helper, monkeypatch):
    monkeypatch.setattr(aside, "CHUNK", 2)
    here, done = os.getpid(), []
    found = helper.shared(40, _work, pack=lambda result: ("packed", result[0]),
                          meanwhile=lambda: done.append(os.getpid()))
    assert done == [here]  # once, in this process
    for i, result in enumerate(found):
        assert result in ((i * i, here), ("packed", i * i))
    there = [r for r in found if r[0] == "packed"]
    assert bool(there) is helper.forks  # the second process did its share


def test_meanwhile_is_done_even_when_there_is_nothing_to_share():
    for helper in (IN_PROCESS, SECOND_PROCESS):
        done = []
        assert helper.shared(0, _work, meanwhile=lambda: done.append(1)) == []
        assert done == [1]


def test_without_pack_the_second_process_sends_back_whole_results(monkeypatch):
    monkeypatch.setattr(aside, "CHUNK", 2)
    found = SECOND_PROCESS.shared(40, _work)
    assert [r[0] for r in found] == [i * i for i in range(40)]
    assert len({pid for _, pid in found}) == 2

"""Work done aside while MkDocs renders (rete/aside.py): the same results either way."""

from __future__ import annotations

import os

import pytest

from rete.problems import ReteError
from rete import aside


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

"""What the process remembers of a front-matter never outlives the text it was read from."""

from __future__ import annotations

import pytest

from rete import memo
from rete.validate import check


def test_an_edit_is_seen_at_once(minimo, remembering):
    first = check(minimo)
    assert not first.problems
    scheda = minimo / "schede" / "letture-al-nido.md"
    text = scheda.read_text("utf-8")
    scheda.write_text(text.replace("biblioteca: centrale", "biblioteca: centarle"), "utf-8")
    second = check(minimo)
    assert [(p.file, p.field, p.message) for p in second.errors] == [
        ("schede/letture-al-nido.md", "biblioteca",
         "biblioteca sconosciuta: «centarle» non è tra gli identificativi della rete")]
    scheda.write_text(text, "utf-8")
    assert check(minimo).problems == first.problems


@pytest.fixture
def remembering():
    memo.keep()
    yield
    memo.keep(False)


def test_a_single_run_remembers_nothing():
    memo.forget()
    memo.read("titolo: Letture al nido\n", "scheda")
    assert memo._seen == {}


def test_the_same_text_read_twice_gives_equal_independent_copies(remembering):
    memo.forget()
    text = "titolo: Letture al nido\ndestinatari: [famiglie-0-6]\n"
    one, found = memo.read(text, "scheda")
    one.data["destinatari"].append("altro")
    one.lines.clear()
    two, again = memo.read(text, "scheda")
    assert two.data == {"titolo": "Letture al nido", "destinatari": ["famiglie-0-6"]}
    assert two.lines[("titolo",)] == 1 and found == again == []


def test_problems_are_remembered_with_the_text(remembering):
    memo.forget()
    text = "titolo: [aperta\n"
    assert memo.read(text, "scheda")[1] == memo.read(text, "scheda")[1] != []

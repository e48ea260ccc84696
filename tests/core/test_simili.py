"""«Pratiche simili»: quality on a network written by hand, and the rules of the list.

Quality: tests/core/simili_albero.py holds 40 schede in ten groups of four, each
group one practice told by four libraries; a person judged the schede of a group
similar (the reason is written beside each group). For every scheda, at least 2 of
its 3 expected neighbours must be in its top 5.
"""

from __future__ import annotations

import json
import re

import pytest

from rete.checks.validate import check
from rete.cli import main
from rete.figures.simili import Simili

from . import simili_albero


@pytest.fixture
def qualita(tmp_path):
    return simili_albero.lay(tmp_path / "qualita")


def test_the_hand_written_tree_is_valid_and_has_forty_schede(qualita):
    result = check(qualita)
    assert not result.errors and len(result.knowledge.pubblicate) == 40


def test_at_least_two_of_the_three_expected_neighbours_are_in_the_top_five(qualita):
    k = check(qualita).knowledge
    index = Simili(k)
    found = index.all(5)
    misses = []
    for group, (why, schede) in simili_albero.GROUPS.items():
        slugs = {s[0] for s in schede}
        for slug in slugs:
            top = [n.scheda.slug for n in found[slug]]
            expected = slugs - {slug}
            if len(expected & set(top)) < 2:
                misses.append((slug, why, top))
    assert misses == []


def test_the_same_tree_gives_the_same_neighbours(qualita):
    k = check(qualita).knowledge
    first = {slug: [(n.scheda.slug, n.punteggio) for n in ns]
             for slug, ns in Simili(k).all(5).items()}
    again = {slug: [(n.scheda.slug, n.punteggio) for n in ns]
             for slug, ns in Simili(check(qualita).knowledge).all(5).items()}
    assert first == again


def test_one_scheda_asked_alone_gets_what_all_give(qualita):
    k = check(qualita).knowledge
    index = Simili(k)
    everyone = index.all(5)
    for s in k.pubblicate[:8]:
        assert [n.scheda.slug for n in index.of(s, 5)] == \
            [n.scheda.slug for n in everyone[s.slug]]


def test_never_itself_nor_a_draft_and_at_most_as_many_as_asked(esempio):
    k = check(esempio).knowledge
    index = Simili(k)
    drafts = {s.slug for s in k.schede if s.bozza}
    assert drafts  # biblioteca-dei-semi
    for s in k.schede:
        found = index.of(s, 4)
        assert 3 <= len(found) <= 4
        assert s.slug not in {n.scheda.slug for n in found}
        assert not drafts & {n.scheda.slug for n in found}


def test_schede_that_cite_each_other_come_first_and_say_why(esempio):
    k = check(esempio).knowledge
    by = {s.slug: s for s in k.schede}
    index = Simili(k)
    source = index.of(by["serate-giochi-da-tavolo"])
    assert source[0].scheda.slug == "sala-studio-serale-autogestita"
    assert "ha ripreso questa pratica" in source[0].motivi
    adopter = index.of(by["sala-studio-serale-autogestita"])
    assert adopter[0].scheda.slug == "serate-giochi-da-tavolo"
    assert "questa pratica è stata ripresa da lì" in adopter[0].motivi


def test_reasons_are_words_a_reader_understands(qualita):
    k = check(qualita).knowledge
    by = {s.slug: s for s in k.schede}
    found = {n.scheda.slug: n for n in Simili(k).of(by["serate-gioco"])}
    reasons = [r for n in found.values() for r in n.motivi]
    assert any(r.startswith("parole in comune: ") for r in reasons)
    assert any(r.startswith("stesso tema") for r in reasons)
    words = next(r for r in found["gioco-serale-adulti"].motivi if r.startswith("parole"))
    assert re.fullmatch(r"parole in comune: [a-zà-ù]+(, [a-zà-ù]+){0,2}", words)


def test_stems_join_the_forms_of_a_word(qualita):
    k = check(qualita).knowledge
    by = {s.slug: s for s in k.schede}
    # «giochi» in one, «gioco» in the other: one stem
    found = {n.scheda.slug: n for n in Simili(k).of(by["torneo-giochi"], 10)}
    assert "gioco-serale-adulti" in found


def test_rete_simili_json_is_the_contract(esempio, capsys):
    code = main(["simili", "serate-giochi-da-tavolo", "--radice", str(esempio),
                 "--quanti", "3", "--formato", "json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and len(out) == 3
    assert all(set(item) == {"scheda", "punteggio", "motivi"} for item in out)
    assert [i["punteggio"] for i in out] == sorted((i["punteggio"] for i in out), reverse=True)
    assert all(isinstance(m, str) for i in out for m in i["motivi"])


def test_rete_simili_text_and_an_unknown_name(esempio, capsys):
    assert main(["simili", "schede/memory-cafe-anziani.md", "--radice", str(esempio)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Pratiche simili a «") and "  5. " in out and "punteggio" in out
    assert main(["simili", "memory-cafe", "--radice", str(esempio)]) == 2
    err = capsys.readouterr().err
    assert "non trovo la scheda «memory-cafe»" in err and "memory-cafe-anziani" in err


def test_rete_simili_refuses_a_bad_count(esempio, capsys):
    with pytest.raises(SystemExit):
        main(["simili", "memory-cafe-anziani", "--quanti", "zero", "--radice", str(esempio)])
    assert "scrivi un numero da 1 a 50" in capsys.readouterr().err


def test_libraries_nearby_are_listed_nearest_first_with_the_distance(esempio):
    from rete.figures.vicini import nearby

    k = check(esempio).knowledge
    by = {s.slug: s for s in k.schede}
    source = by["serate-giochi-da-tavolo"]  # Bollate, with coordinates
    found = nearby(k, source, Simili(k).of(source))
    ids = [n.biblioteca.id for n in found]
    assert "baranzate" in ids and "bollate" not in ids  # took it up; never its own
    located = [n.km for n in found if n.km is not None]
    assert located == sorted(located) and located[0] < 10
    assert all(n.km is None for n in found[len(located):])  # without coordinates: last


def test_without_coordinates_libraries_go_by_number_of_practices(esempio):
    from rete.figures.vicini import nearby

    text = (esempio / "rete.yml").read_text(encoding="utf-8")
    lines = [line for line in text.split("\n") if not line.strip().startswith(("lat:", "lon:"))]
    (esempio / "rete.yml").write_text("\n".join(lines), encoding="utf-8")
    k = check(esempio).knowledge
    s = next(s for s in k.schede if s.slug == "serate-giochi-da-tavolo")
    found = nearby(k, s, Simili(k).of(s))
    assert found and all(n.km is None for n in found)
    assert [len(n.schede) for n in found] == sorted((len(n.schede) for n in found),
                                                    reverse=True)

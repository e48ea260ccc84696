"""The site's booklet is the workshop's: the schede of its years and themes and the
active poli (rete.yml ``workshop``); and it is laid out again only when what it is
made from changed."""

from __future__ import annotations

import io

import pytest

from rete.booklet import document, pdf
from rete.booklet import site as booklet
from rete.checks.validate import check
from rete.runtime.stored import FOLDER, Shelf

pypdf = pytest.importorskip("pypdf")

OLD = """---
titolo: Un corso di storia locale ormai concluso
biblioteca: frazione
tema: storia-locale
destinatari: [adulti]
sintesi: Un corso di sei incontri sulla storia del paese, con le foto dell'archivio.
referente:
  nome: Carla Bianchi
  email: carla@frazione.example.it
periodo:
  inizio: 2020-02-01
  fine: 2021-05-30
---

## Descrizione

Sei incontri serali sulla storia del paese, con le fotografie dell'archivio comunale e i
racconti di chi c'era: ogni sera un decennio, dalle cascine al mercato del sabato.

## Come si realizza

Un volontario dell'associazione storica e una bibliotecaria preparano le immagini; la sala
grande ospita trenta persone e la proiezione dura un'ora, poi si parla.

## Difficoltà e soluzioni

Le foto erano senza date: le hanno datate i partecipanti, riconoscendo vie e negozi.
"""


# A practice begun in the workshop's year (2027): the minimo tree's letture-al-nido,
# still going on, began in 2026.
NEW = OLD.replace("corso di storia locale ormai concluso", "corso di storia locale appena avviato"
                  ).replace("inizio: 2020-02-01\n  fine: 2021-05-30", "inizio: 2027-01-15")


@pytest.fixture
def tree(minimo):
    (minimo / "schede" / "corso-storia-vecchio.md").write_text(OLD, encoding="utf-8")
    (minimo / "schede" / "corso-storia-nuovo.md").write_text(NEW, encoding="utf-8")
    return minimo


def _set_workshop(tree, lines: str) -> None:
    registry = tree / "rete.yml"
    text = registry.read_text("utf-8").replace(
        "  luogo: Biblioteca centrale\n", "  luogo: Biblioteca centrale\n" + lines)
    registry.write_text(text, encoding="utf-8")


def _slugs(choice) -> set[str]:
    return {s.slug for s in choice.schede}


def test_by_default_the_schede_of_the_workshops_year_and_the_active_poli(tree):
    k = check(tree).knowledge
    choice = document.workshop(k)
    # begun in 2027, the workshop's year: not the 2020-2021 course, nor the readings
    # begun in 2026 and still going on
    assert _slugs(choice) == {"corso-storia-nuovo"}
    assert [p.slug for p in choice.poli] == ["polo-lettura"]
    assert choice.subtitle == "pratiche avviate nel 2027"
    # `rete libretto` still prints any selection
    assert _slugs(document.chosen(k)) == {"letture-al-nido", "corso-storia-vecchio",
                                          "corso-storia-nuovo"}
    assert _slugs(document.chosen(k, anno=2021)) == {"corso-storia-vecchio"}
    assert _slugs(document.chosen(k, anno=2026)) == {"letture-al-nido"}


def test_years_and_themes_chosen_in_rete_yml(tree):
    _set_workshop(tree, "  anni: [2020, 2026]\n  temi: [storia-locale]\n")
    result = check(tree)
    assert not result.errors
    choice = document.workshop(result.knowledge)
    assert _slugs(choice) == {"corso-storia-vecchio"}  # begun in 2020, of that theme
    assert choice.poli == []  # the only polo is of another theme
    assert choice.subtitle == "Storia locale · pratiche avviate nel 2020, 2026"


def test_an_inactive_polo_is_left_out(tree):
    polo = tree / "poli" / "polo-lettura.md"
    polo.write_text(polo.read_text("utf-8").replace("stato: attivo", "stato: proposto"),
                    encoding="utf-8")
    assert document.workshop(check(tree).knowledge).poli == []


@pytest.mark.parametrize("lines, field, words", [
    ("  temi: [lettura-06]\n", "workshop.temi.0", "lettura-0-6"),
    ("  anni: [27]\n", "workshop.anni.0", ""),
    ("  anni: []\n", "workshop.anni", ""),
    ("  anni: [2026, 2026]\n", "workshop.anni", ""),
])
def test_a_wrong_choice_is_an_error_on_its_line(tree, lines, field, words):
    _set_workshop(tree, lines)
    result = check(tree)
    found = [p for p in result.problems if p.is_error]
    assert [p.field for p in found] == [field], found
    assert found[0].file == "rete.yml" and found[0].line == 26
    assert words in (found[0].hint or "")


class Layouts:
    """Counts the layouts of the booklet (WeasyPrint's ``render``)."""

    def __init__(self, monkeypatch):
        self.count = 0
        real = pdf.render

        def counted(*args, **kwargs):
            self.count += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(pdf, "render", counted)


def _pdf(tree) -> bytes:
    return booklet.booklet_pdf(check(tree).knowledge, tree, shelf=Shelf(tree / FOLDER))


def _edit(path, old: str, new: str) -> None:
    path.write_text(path.read_text("utf-8").replace(old, new, 1), encoding="utf-8")


def test_the_pdf_is_laid_out_again_only_when_what_it_shows_changed(tree, monkeypatch):
    layouts = Layouts(monkeypatch)
    first = _pdf(tree)
    assert layouts.count == 1 and first.startswith(b"%PDF-")
    assert _pdf(tree) == first and layouts.count == 1  # nothing changed: nothing laid out
    # an edit to a scheda not begun in the workshop's year: nothing laid out
    _edit(tree / "schede" / "corso-storia-vecchio.md", "Sei incontri", "Otto incontri")
    _edit(tree / "schede" / "letture-al-nido.md", "cesta di albi", "cesta di albi nuovi")
    assert _pdf(tree) == first and layouts.count == 1
    # an edit to a scheda of the booklet: laid out again, with the edit
    _edit(tree / "schede" / "corso-storia-nuovo.md", "Sei incontri", "Dodici incontri")
    second = _pdf(tree)
    assert layouts.count == 2 and second != first
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(second)).pages)
    assert "Dodici" in text
    # the network's name, printed on the cover, is an input too
    _edit(tree / "rete.yml", "nome: Rete di prova", "nome: Rete di prova bis")
    _pdf(tree)
    assert layouts.count == 3


def test_a_corrupted_pdf_on_the_shelf_is_laid_out_again_not_published(tree, monkeypatch):
    layouts = Layouts(monkeypatch)
    first = _pdf(tree)
    [entry] = (tree / FOLDER / "libretto").iterdir()
    (entry / "0").write_bytes(first[: len(first) // 2])  # a partial copy
    again = _pdf(tree)
    assert layouts.count == 2
    assert again.rstrip().endswith(b"%%EOF") and len(again) == len(first)

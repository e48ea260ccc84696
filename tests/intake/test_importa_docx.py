"""The Word form: `rete modulo docx`, and `rete importa cartella` reading it back filled in."""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path

import docx
import pytest

from rete.cli import main
from rete.intake import docx_form, docx_read
from rete.intake.pipeline import Intake
from rete.checks.validate import check

from ..conftest import copy_tree


@pytest.fixture
def tree(tmp_path):
    root = copy_tree("minimo", tmp_path)
    (tmp_path / "in").mkdir()
    return root


def modulo(tree, kind="scheda") -> Path:
    out = tree.parent / f"{kind}.docx"
    assert main(["--radice", str(tree), "modulo", "docx", kind, "--out", str(out)]) == 0
    return out


def importa(tree):
    return main(["--radice", str(tree), "importa", "cartella", str(tree.parent / "in")])


def answer_cell(document, label):
    table = document.tables[0]
    for row in table.rows[1:]:
        first = row.cells[0].paragraphs[0].text
        if first.split(" (")[0] == label:
            return row.cells[1]
    raise AssertionError(f"nessun campo {label}")


def write(cell, *paragraphs):
    cell.paragraphs[0].text = paragraphs[0]
    for text in paragraphs[1:]:
        cell.add_paragraph(text)


def tick(cell, *names, mark="☒"):
    for p in cell.paragraphs:
        if p.text[2:] in names:
            p.text = f"{mark} {p.text[2:]}"


def body_paragraph(document, heading):
    paragraphs = document.paragraphs
    for i, p in enumerate(paragraphs):
        if p.text == heading and p.style.name.startswith("Heading"):
            return paragraphs[i + 1]
    raise AssertionError(heading)


def fill(path: Path, *, library="Biblioteca centrale", date="15/03/2026") -> bytes:
    """The form filled in as a librarian would, in Word."""
    document = docx.Document(path)
    write(answer_cell(document, "Titolo"), "Letture d’estate in giardino «per tutti»")
    write(answer_cell(document, "Biblioteca"), library)
    tick(answer_cell(document, "Tema"), "Lettura 0-6 anni")
    tick(answer_cell(document, "Destinatari"), "Adulti", mark="X")
    tick(answer_cell(document, "Destinatari"), "Famiglie con bambini 0-6 anni")
    write(answer_cell(document, "Sintesi"), "Ogni giovedì leggiamo in giardino ai bambini.",
          "Le famiglie restano per la merenda: è il momento più atteso.")
    write(answer_cell(document, "Referente › Nome e cognome"), "Niccolò Àlvarez")
    write(answer_cell(document, "Referente › Email"), "niccolo@centrale.example.it")
    write(answer_cell(document, "Periodo › Inizio"), date)
    write(answer_cell(document, "Risorse › Costo"), "€ 1.200,50")
    write(answer_cell(document, "Parole chiave"), "lettura", "giardino")
    description = body_paragraph(document, "Descrizione")
    description.add_run("Leggiamo sotto il ")
    description.add_run("grande tiglio").bold = True
    description.add_run(" del cortile, ")
    description.add_run("da giugno a settembre").italic = True
    description.add_run(".")
    body_paragraph(document, "Difficoltà e soluzioni").text = "Quando piove: in sala ragazzi."
    out = BytesIO()
    document.save(out)
    return out.getvalue()


EXPECTED = """\
---
titolo: Letture d’estate in giardino «per tutti»
biblioteca: centrale
tema: lettura-0-6
destinatari:
- famiglie-0-6
- adulti
sintesi: |-
  Ogni giovedì leggiamo in giardino ai bambini.

  Le famiglie restano per la merenda: è il momento più atteso.
referente:
  nome: Niccolò Àlvarez
  email: niccolo@centrale.example.it
periodo:
  inizio: '2026-03-15'
risorse:
  costo: 1200.5
parole_chiave:
- lettura
- giardino
---

## Descrizione

Leggiamo sotto il **grande tiglio** del cortile, *da giugno a settembre*.

## Difficoltà e soluzioni

Quando piove: in sala ragazzi.
"""


def test_filled_form_is_imported(tree, capsys):
    (tree.parent / "in" / "Modulo Borgo.docx").write_bytes(fill(modulo(tree)))
    assert importa(tree) == 0
    written = tree / "schede" / "letture-d-estate-in-giardino-per-tutti.md"
    assert written.read_text("utf-8") == EXPECTED
    assert (tree.parent / "in" / "importati" / "Modulo Borgo.docx").is_file()
    assert not check(tree).errors


def test_form_lists_names_not_ids(tree):
    document = docx.Document(modulo(tree))
    assert document.core_properties.subject == "rete:scheda"
    tema = [p.text for p in answer_cell(document, "Tema").paragraphs]
    assert tema == ["☐ Lettura 0-6 anni", "☐ Storia locale"]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Scheda di buona pratica" in text and "Rete di prova" in text
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[-4:] == ["Descrizione", "Come si realizza", "Difficoltà e soluzioni",
                             "Biblioteche della rete"]
    libraries = document.tables[-1]
    assert [c.text for c in libraries.rows[1].cells] == ["Biblioteca centrale", "Borgo"]
    labels = [r.cells[0].paragraphs[0].text for r in document.tables[0].rows[1:]]
    assert "Titolo (obbligatorio)" in labels and "Bozza (facoltativo)" not in labels
    assert "Referente › Telefono (facoltativo)" in labels


def test_polo_form(tree, capsys):
    document = docx.Document(modulo(tree, "polo"))
    assert document.core_properties.subject == "rete:polo"
    labels = [r.cells[0].paragraphs[0].text for r in document.tables[0].rows[1:]]
    assert labels[:2] == ["Nome (obbligatorio)", "Tema (obbligatorio)"]
    servizi = document.tables[1]
    assert [c.text for c in servizi.rows[0].cells] == [
        "Identificativo del servizio", "Nome del servizio", "Descrizione", "Come richiederlo",
        "Per chi", "Modalità", "Anticipo (giorni)", "Costo"]


def test_modulo_never_overwrites(tree, capsys):
    out = modulo(tree)
    before = out.read_bytes()
    assert main(["--radice", str(tree), "modulo", "docx", "--out", str(out)]) == 2
    assert "errore: esiste già scheda.docx: non lo sovrascrivo" in capsys.readouterr().err
    assert out.read_bytes() == before


def test_library_by_comune_and_wrong_date_are_reported(tree, capsys):
    data = fill(modulo(tree), library="Bolate", date="31/02/2026")
    (tree.parent / "in" / "modulo.docx").write_bytes(data)
    assert importa(tree) == 1
    errori = (tree.parent / "in" / "modulo.errori.txt").read_text("utf-8-sig")
    assert "1. Campo «Biblioteca»: «Bolate» non è una biblioteca della rete" in errori
    assert "2. Campo «Periodo › Inizio»: data non valida: il testo «31/02/2026»\n" \
           "   Come correggere: scrivi la data come 15/03/2026" in errori.replace("\r\n", "\n")
    assert (tree.parent / "in" / "modulo.docx").read_bytes() == data


def test_two_boxes_ticked_for_one_choice(tree):
    path = modulo(tree)
    document = docx.Document(BytesIO(fill(path)))
    tick(answer_cell(document, "Tema"), "Storia locale")
    document.save(tree.parent / "in" / "due.docx")
    assert importa(tree) == 1
    errori = (tree.parent / "in" / "due.errori.txt").read_text("utf-8-sig")
    assert "Campo «Tema»: è segnata più di una voce: Lettura 0-6 anni, Storia locale" in errori


@pytest.mark.parametrize("data, message", [
    (b"\x00\x01 un binario rinominato", "1. Il file non è un documento Word valido"),
    (b"PK\x03\x04 zip rotto", "1. Il file non è un documento Word valido"),
])
def test_not_a_word_file(tree, data, message):
    (tree.parent / "in" / "finto.docx").write_bytes(data)
    assert importa(tree) == 1
    assert message in (tree.parent / "in" / "finto.errori.txt").read_text("utf-8-sig")


def test_a_word_file_that_is_not_the_form(tree):
    document = docx.Document()
    document.add_paragraph("La nostra pratica: leggiamo ai bambini.")
    document.save(tree.parent / "in" / "lettera.docx")
    assert importa(tree) == 1
    errori = (tree.parent / "in" / "lettera.errori.txt").read_text("utf-8-sig")
    assert "1. Il documento non è il modulo della scheda o del polo" in errori


def test_site_files_are_both_forms(tree):
    from rete.checks.validate import check as checked
    files = docx_form.site_files(checked(tree).knowledge)
    assert sorted(files) == ["polo.docx", "scheda.docx"]
    assert docx.Document(BytesIO(files["scheda.docx"])).core_properties.subject == "rete:scheda"


def test_the_site_publishes_both_forms_and_links_them(sito_esempio):
    for kind in ("scheda", "polo"):
        form = docx.Document(sito_esempio / f"{kind}.docx")
        assert form.core_properties.subject == f"rete:{kind}"
    page = (sito_esempio / "contribuire" / "index.html").read_text("utf-8")
    assert 'href="../scheda.docx"' in page and 'href="../polo.docx"' in page


def _package(**members: str) -> bytes:
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for name, text in members.items():
            package.writestr(name.replace("__", "/"), text)
    return out.getvalue()


@pytest.mark.parametrize("raw", [
    b"\x00\x01 un binario rinominato",
    b"PK\x03\x04 zip rotto",
    _package(mimetype="application/vnd.oasis.opendocument.spreadsheet",
             content__xml="<a/>"),  # a spreadsheet renamed .odt
    _package(mimetype="application/vnd.oasis.opendocument.text"),  # no content.xml
    _package(mimetype="application/vnd.oasis.opendocument.text",
             content__xml="<office:document-content"),  # cut short
])
def test_not_an_odt_file(tree, raw):
    found = docx_read.read(Path("modulo.odt"), raw, Intake(tree).catalog)
    assert found.status == "scartata"
    [problem] = found.problems
    assert problem.message == ("il file non è un documento ODT valido (forse è un altro tipo "
                               "di file con il nome che finisce in .odt)")
    assert problem.hint.startswith("aprilo con LibreOffice o Word e salvalo di nuovo")


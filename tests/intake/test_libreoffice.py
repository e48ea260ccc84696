"""Files saved by LibreOffice itself, made in the test run from our own fixtures:
survey answers saved by Calc as .xlsx and .ods, the Word form filled in and saved by
Writer as .docx and .odt. Each must import exactly as the file it was made from."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import docx
import openpyxl
import pytest

from rete.cli import main
from rete.intake import docx_read
from rete.intake.pipeline import Intake

from ..conftest import copy_tree
from ..libreoffice import office  # noqa: F401  (the session's LibreOffice)
from .test_importa_docx import EXPECTED as FORM_EXPECTED
from .test_importa_docx import fill
from .test_importa_tabella import HEADERS, ROW, ROW2, schede, survey_tree, write_csv

# The same answers twice: as a person types them in a CSV, and as typed cells.
# Optional answers left empty between given ones: the row that used to shift left.
EMPTY_MIDDLE = list(ROW2)
EMPTY_MIDDLE[9], EMPTY_MIDDLE[11] = "", "Con l'archivio storico del paese."
TYPED = [list(ROW), list(EMPTY_MIDDLE)]
TYPED[0][0], TYPED[0][8], TYPED[0][9] = datetime(2026, 3, 15, 10, 42, 13), \
    datetime(2026, 3, 15), 1200.5
TYPED[1][8:] = [datetime(2026, 4, 1), None, None, EMPTY_MIDDLE[11], None]


def _workbook(path: Path, rows, formats: bool = True) -> Path:
    """The rows as openpyxl writes them, with a hidden column and merged empty cells."""
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    if formats:  # dates as Italian offices format them
        for cell in sheet["I"][1:]:
            cell.number_format = "dd/mm/yyyy"
    sheet.column_dimensions["G"].hidden = True  # «Nome referente»
    sheet.merge_cells("J3:K3")  # no cost, no state: one empty cell before the description
    book.save(path)
    return path


@pytest.fixture(scope="module")
def calc(office, tmp_path_factory):  # noqa: F811
    """answers.xlsx and formula.xlsx (openpyxl), each saved by Calc as .xlsx, .ods and .xls."""
    base = tmp_path_factory.mktemp("calc")
    formula = [list(r) for r in TYPED]
    formula[0][9] = "=SUM(1000,200.5)"
    sources = [_workbook(base / "answers.xlsx", [HEADERS, *TYPED]),
               _workbook(base / "formula.xlsx", [HEADERS, *formula])]
    saved = {fmt: office.convert(sources, fmt, base / fmt) for fmt in ("xlsx", "ods", "xls")}
    return {"openpyxl": sources, **saved}


def _imported(tmp_path: Path, file: Path) -> tuple[int, dict[str, bytes]]:
    root = survey_tree(tmp_path)
    code = main(["--radice", str(root), "importa", "tabella", str(file), "--mappa",
                 str(tmp_path / "mappa.yml")])
    return code, schede(root)


def test_calc_files_import_as_the_csv(calc, tmp_path, capsys):
    code, from_csv = _imported(tmp_path / "csv", write_csv(
        tmp_path / "r.csv", [HEADERS, ROW, EMPTY_MIDDLE], "cp1252", ";"))
    assert code == 0 and "corso-serale-di-storia-locale.md" in from_csv
    assert from_csv["corso-serale-di-storia-locale.md"].endswith(
        b"periodo:\n  inizio: '2026-04-01'\ncompilata_il: '2026-03-16'\n---\n\n"
        b"Con l'archivio storico del paese.\n")
    for made_by in ("openpyxl", "xlsx", "ods", "xls"):
        answers = calc[made_by][0]
        code, found = _imported(tmp_path / made_by, answers)
        assert (made_by, code) == (made_by, 0), capsys.readouterr()
        assert found == from_csv, made_by


@pytest.mark.parametrize("made_by, shown", [("openpyxl", "=SUM(1000,200.5)"),
                                            ("xlsx", "=SUM(1000,200.5)"),
                                            ("ods", "=SUM(1000;200.5)")])
def test_calc_formulas_are_refused(calc, tmp_path, capsys, made_by, shown):
    code, found = _imported(tmp_path, calc[made_by][1])
    out = capsys.readouterr().out
    assert code == 1
    assert f"riga 2:\n  - colonna «Costo (euro)»: la cella contiene una formula ({shown}), " \
           "non una risposta" in out
    assert list(found) == ["corso-serale-di-storia-locale.md", "letture-al-nido.md"]


def test_a_formula_in_an_xls_is_read_as_the_value_it_shows(calc, tmp_path):
    """Excel 97's binary cells do not say which are formulas to the reader: the value
    Calc computed and saved is what the row gets (the README says so)."""
    code, found = _imported(tmp_path, calc["xls"][1])
    assert code == 0
    assert b"risorse:\n  costo: 1200.5\n" in found["letture-in-giardino-d-estate.md"]


@pytest.fixture(scope="module")
def writer(office, tmp_path_factory):  # noqa: F811
    """The Word form filled with python-docx, then saved by Writer as .docx and .odt; and a
    Writer document that is not the form."""
    base = tmp_path_factory.mktemp("writer")
    root = copy_tree("minimo", base)
    form = base / "scheda.docx"
    assert main(["--radice", str(root), "modulo", "docx", "scheda", "--out", str(form)]) == 0
    filled = base / "compilata.docx"
    filled.write_bytes(fill(form))
    listed = base / "elenco.docx"  # a bulleted list and a double space in the body
    document = docx.Document(filled)
    heading = next(p for p in document.paragraphs if p.text == "Difficoltà e soluzioni")
    heading.insert_paragraph_before("Servono:")
    for item in ("due volontari", "una coperta  grande"):
        heading.insert_paragraph_before(item, style="List Bullet")
    document.save(listed)
    letter = base / "lettera.docx"
    other = docx.Document()
    other.add_paragraph("Gentile coordinatrice, le mando la nostra pratica.")
    other.save(letter)
    saved = {fmt: office.convert([filled, letter, listed], fmt, base / fmt)
             for fmt in ("docx", "odt")}
    return {"root": root, "python-docx": [filled, letter, listed], **saved}


def _candidate(path: Path, root: Path):
    found = docx_read.read(path, path.read_bytes(), Intake(root).catalog)
    return found.data, found.body, found.kind, found.problems


@pytest.mark.parametrize("fmt", ["docx", "odt"])
def test_writer_saves_the_form_and_it_reads_the_same(writer, fmt):
    original = _candidate(writer["python-docx"][0], writer["root"])
    assert original[0]["titolo"] == "Letture d’estate in giardino «per tutti»"
    assert _candidate(writer[fmt][0], writer["root"]) == original


@pytest.mark.parametrize("fmt", ["docx", "odt"])
def test_writer_keeps_lists_and_spaces_in_the_body(writer, fmt):
    original = _candidate(writer["python-docx"][2], writer["root"])
    assert "\n\nServono:\n\n- due volontari\n- una coperta  grande\n\n## Difficoltà" \
        in original[1]
    assert _candidate(writer[fmt][2], writer["root"]) == original


@pytest.mark.parametrize("fmt", ["docx", "odt"])
def test_a_writer_document_that_is_not_the_form_is_refused(writer, fmt):
    path = writer[fmt][1]
    found = docx_read.read(path, path.read_bytes(), Intake(writer["root"]).catalog)
    assert found.status == "scartata"
    assert [p.message for p in found.problems] == [
        "il documento non è il modulo della scheda o del polo"]


def test_importa_cartella_imports_the_form_saved_as_odt(writer, tmp_path):
    root = copy_tree("minimo", tmp_path)
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "Modulo Borgo.odt").write_bytes(writer["odt"][0].read_bytes())
    assert main(["--radice", str(root), "importa", "cartella", str(inbox)]) == 0
    written = root / "schede" / "letture-d-estate-in-giardino-per-tutti.md"
    assert written.read_text("utf-8") == FORM_EXPECTED
    assert (inbox / "importati" / "Modulo Borgo.odt").is_file()

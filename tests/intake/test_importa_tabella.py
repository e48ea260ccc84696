"""`rete importa tabella`: formats, encodings, conversions, bad rows, bad mappings."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from rete.cli import main
from rete.intake import mapping, values
from rete.content.refs import Catalog
from rete.checks.validate import check

from ..conftest import copy_tree

HEADERS = ["Informazioni cronologiche", "Titolo della buona pratica",
           "Biblioteca che l'ha realizzata", "Tema", "Destinatari (più risposte possibili)",
           "Sintesi", "Nome referente", "Email del referente", "Data di inizio", "Costo (euro)",
           "Stato", "Descrizione", "Come l'avete organizzata"]
MAPPA = """\
colonne:
  "Informazioni cronologiche": compilata_il
  "Titolo della buona pratica": titolo
  "Biblioteca che l'ha realizzata": biblioteca
  "Tema": tema
  "Destinatari (più risposte possibili)": destinatari
  "Sintesi": sintesi
  "Nome referente": referente.nome
  "Email del referente": referente.email
  "Data di inizio": periodo.inizio
  "Costo (euro)": risorse.costo
  "Stato": stato
  "Descrizione": corpo
  "Come l'avete organizzata": corpo.Come si realizza
"""
SINTESI = "Ogni giovedì d’estate leggiamo in giardino — con € 0 di spesa — «per tutti»."
ROW = ["15/03/2026 10.42.13", "Letture in giardino d’estate", "biblioteca CENTRALE",
       "lettura 0-6 anni", "Bibliotecari, insegnanti e operatori; Adulti", SINTESI,
       "Anna Verdi", "anna@centrale.example.it", "15/03/2026", "1.200,50", "In corso",
       "Leggiamo all’aperto.\nCon i genitori.", "Con due volontari."]
ROW2 = ["16/03/2026 09.00.00", "Corso serale di storia locale", "Frazione", "Storia locale",
        "Adulti", "Sei incontri serali con l'archivio storico per raccontare la storia del paese.",
        "Bruno Neri", "bruno@frazione.example.it", "2026-04-01", "€ 300", "", "", ""]


def survey_tree(tmp_path: Path) -> Path:
    """The small tree with the survey's audiences, and MAPPA beside it as mappa.yml."""
    root = copy_tree("minimo", tmp_path)
    registry = root / "rete.yml"
    text = registry.read_text("utf-8").replace("workshop:", (
        "  - id: educatori\n    nome: Bibliotecari, insegnanti e operatori\n"
        "  - id: bibliotecari\n    nome: Bibliotecari\nworkshop:"))
    registry.write_text(text, "utf-8")
    (tmp_path / "mappa.yml").write_text(MAPPA, "utf-8")
    return root


@pytest.fixture
def tree(tmp_path):
    return survey_tree(tmp_path)


def write_csv(path: Path, rows, codec="utf-8", delimiter=",") -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(codec))
    return path


def write_xlsx(path: Path, rows) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def importa(tree, file, *extra):
    return main(["--radice", str(tree), "importa", "tabella", str(file),
                 "--mappa", str(tree.parent / "mappa.yml"), *extra])


def schede(tree) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((tree / "schede").iterdir())}


EXPECTED = """\
---
titolo: Letture in giardino d’estate
biblioteca: centrale
tema: lettura-0-6
destinatari:
- educatori
- adulti
sintesi: Ogni giovedì d’estate leggiamo in giardino — con € 0 di spesa — «per tutti».
referente:
  nome: Anna Verdi
  email: anna@centrale.example.it
periodo:
  inizio: '2026-03-15'
stato: in-corso
risorse:
  costo: 1200.5
compilata_il: '2026-03-15'
---

Leggiamo all’aperto.
Con i genitori.

## Come si realizza

Con due volontari.
"""


@pytest.mark.parametrize("name, codec, delimiter", [
    ("utf8.csv", "utf-8", ","), ("bom.csv", "utf-8-sig", ";"), ("windows.csv", "cp1252", ";"),
    ("tab.csv", "utf-8", "\t"),
])
def test_csv_in_every_encoding_and_delimiter(tree, name, codec, delimiter, capsys):
    file = write_csv(tree.parent / name, [HEADERS, ROW, ROW2], codec, delimiter)
    assert importa(tree, file) == 0
    out = capsys.readouterr().out
    written = schede(tree)
    assert written["letture-in-giardino-d-estate.md"].decode() == EXPECTED
    assert "corso-serale-di-storia-locale.md" in written
    detected = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 con BOM", "cp1252": "Windows-1252"}[codec]
    assert f"codifica {detected} (rilevata)" in out
    assert f"«{delimiter}» (rilevato)" in out
    assert not check(tree).errors


def test_xlsx_gives_byte_identical_schede(tree, tmp_path):
    xrow = list(ROW)
    xrow[0] = datetime(2026, 3, 15, 10, 42, 13)
    xrow[8] = datetime(2026, 3, 15)
    xrow[9] = 1200.5
    xrow2 = list(ROW2)
    xrow2[8], xrow2[9] = datetime(2026, 4, 1), 300
    xrow2[10:] = [None, None, None]
    file = write_xlsx(tmp_path / "risposte.xlsx", [HEADERS, xrow, xrow2])
    assert importa(tree, file) == 0
    from_xlsx = schede(tree)
    other = copy_tree("minimo", tmp_path / "altro")
    (other / "rete.yml").write_bytes((tree / "rete.yml").read_bytes())
    for p in (tree / "schede").iterdir():
        if p.name not in ("letture-al-nido.md",):
            p.unlink()
    csv_file = write_csv(tmp_path / "r.csv", [HEADERS, ROW, ROW2], "cp1252", ";")
    assert importa(tree, csv_file) == 0
    assert schede(tree) == from_xlsx


def test_rerun_imports_nothing_twice_and_prova_changes_nothing(tree, capsys):
    file = write_csv(tree.parent / "r.csv", [HEADERS, ROW, ROW2])
    before = schede(tree)
    assert importa(tree, file, "--prova") == 0
    assert schede(tree) == before
    assert "da importare" in capsys.readouterr().out
    assert importa(tree, file) == 0
    after = schede(tree)
    assert importa(tree, file) == 0
    assert schede(tree) == after
    assert "Importate: 0, scartate: 0, già presenti: 2, conflitti: 0." in capsys.readouterr().out


def test_bad_rows_are_reported_by_number_and_good_rows_imported(tree, capsys):
    bad = list(ROW2)
    bad[1], bad[2], bad[8], bad[9], bad[4] = "Altro corso serale", "Bolate", "31/02/2026", \
        "gratis", "Adulti; Anzianni"
    file = write_csv(tree.parent / "r.csv", [HEADERS, ROW, bad, ROW2[:5]])
    assert importa(tree, file) == 1
    out = capsys.readouterr().out
    assert "riga 3:\n" in out and "riga 4:\n" in out
    for line in [
        "  - colonna «Biblioteca che l'ha realizzata» (biblioteca): «Bolate» non è una "
        "biblioteca della rete (suggerimento: scrivi il nome come compare nell'elenco della "
        "rete)",
        "  - colonna «Destinatari (più risposte possibili)» (destinatari): «Anzianni» non è un "
        "destinatario della rete",
        "  - colonna «Data di inizio» (periodo.inizio): data non valida: il testo «31/02/2026» "
        "(suggerimento: scrivi la data come 15/03/2026)",
        "  - colonna «Costo (euro)» (risorse.costo): atteso un numero, trovato il testo «gratis» "
        "(suggerimento: scrivi solo il numero, per esempio 1.200,50 oppure 300)",
        "  - la riga ha 5 colonne, l'intestazione ne ha 13 (suggerimento: controlla che i testi "
        "con il separatore o con gli a capo siano tra virgolette)",
    ]:
        assert line in out, out
    assert "campo «Periodo»" not in out  # the date's own problem says it all
    assert list(schede(tree)) == ["letture-al-nido.md", "letture-in-giardino-d-estate.md"]


def test_unknown_name_gets_did_you_mean(tree, capsys):
    row = list(ROW)
    row[3] = "Storia locali"
    file = write_csv(tree.parent / "r.csv", [HEADERS, row])
    assert importa(tree, file) == 1
    assert "«Storia locali» non è un tema della rete (suggerimento: forse intendevi " \
           "«Storia locale»?)" in capsys.readouterr().out


def test_formulas_are_refused_row_by_row(tree, tmp_path, capsys):
    formula = list(ROW)
    formula[9] = "=SUM(1,2)"
    file = write_xlsx(tmp_path / "r.xlsx", [HEADERS, formula, ROW2])
    assert importa(tree, file) == 1
    out = capsys.readouterr().out
    assert "riga 2:\n  - colonna «Costo (euro)»: la cella contiene una formula (=SUM(1,2)), " \
           "non una risposta (suggerimento: nel foglio di calcolo copia la colonna e incollala " \
           "con «Incolla speciale › Solo valori», poi importa di nuovo)" in out
    assert "corso-serale-di-storia-locale.md" in schede(tree)


@pytest.mark.parametrize("name, data, message", [
    ("vuoto.csv", b"", "errore: il file vuoto.csv è vuoto"),
    ("finto.xlsx", b"\x00\x01 non sono un foglio",
     "errore: il file finto.xlsx non è un foglio Excel valido (.xlsx)"),
    ("vecchio.xls", b"\xd0\xcf\x11\xe0",
     "errore: il file vecchio.xls non è un foglio Excel 97-2003 valido (.xls)\n    suggerimento: "
     "aprilo nel foglio di calcolo e salvalo di nuovo come .xlsx o .ods"),
    ("finto.ods", b"PK\x03\x04 rotto", "errore: il file finto.ods non è un foglio ODS valido (.ods)"),
    ("mele.numbers", b"PK\x03\x04", "errore: non so leggere i file .numbers: leggo .csv, .xlsx, "
                                      ".xls e .ods"),
    ("strano.csv", "Titolo\n".encode() + b"\x81\x81\n",
     "errore: il file strano.csv non è in una codifica che conosco (UTF-8 o Windows-1252): il "
     "problema è alla riga 2"),
])
def test_unreadable_files_exit_2(tree, name, data, message, capsys):
    file = tree.parent / name
    file.write_bytes(data)
    before = schede(tree)
    assert importa(tree, file) == 2
    assert capsys.readouterr().err.startswith(message)
    assert schede(tree) == before


def test_a_50_mb_spreadsheet_is_refused_before_reading(tree, capsys):
    file = tree.parent / "enorme.xlsx"
    with file.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    assert importa(tree, file) == 2
    err = capsys.readouterr().err
    assert err.startswith("errore: il file enorme.xlsx è troppo grande: 50 MB, il limite è 20 MB")


@pytest.mark.parametrize("mappa, message", [
    (MAPPA.replace('  "Stato": stato\n', ""),
     "errore: la colonna «Stato» del file non è nella mappa\n    suggerimento: aggiungile alla "
     "mappa: a un campo, a «corpo.Titolo della sezione», oppure a «ignora» se non servono"),
    (MAPPA + '  "Telefono": referente.telefono\n',
     "errore: la colonna «Telefono» della mappa non è nel file"),
    (MAPPA.replace("periodo.inizio", "periodo.iniziò"),
     "errore: nella mappa la colonna «Data di inizio» va a un campo sconosciuto: "
     "«periodo.iniziò»\n    suggerimento: forse intendevi «periodo.inizio»?"),
    (MAPPA.replace(": stato", ": titolo"),
     "errore: nella mappa due colonne vanno allo stesso campo «titolo»"),
    ("colonne: [titolo]\n", "errore: la mappa mappa.yml non ha la sezione «colonne»"),
    (MAPPA + "separatori: ';'\n",
     "errore: la mappa ha una voce sconosciuta: «separatori»\n    suggerimento: forse "
     "intendevi «separatore»?"),
    ('colonne:\n  "a": [\n', "errore: la mappa mappa.yml non si legge alla riga 3"),
])
def test_bad_mappings_exit_2(tree, mappa, message, capsys):
    (tree.parent / "mappa.yml").write_text(mappa, "utf-8")
    file = write_csv(tree.parent / "r.csv", [HEADERS, ROW])
    assert importa(tree, file) == 2
    assert capsys.readouterr().err.startswith(message)
    assert list(schede(tree)) == ["letture-al-nido.md"]


def test_mappa_vuota_guesses_every_header(tree, capsys):
    file = write_csv(tree.parent / "r.csv", [HEADERS, ROW], "cp1252", ";")
    assert main(["importa", "tabella", str(file), "--mappa-vuota"]) == 0
    out = capsys.readouterr().out
    assert "# File letto: r.csv, CSV con separatore punto e virgola «;» (rilevato), codifica " \
           "Windows-1252 (rilevata)." in out
    assert out.split("colonne:\n")[1] == (
        '  "Informazioni cronologiche": compilata_il\n'
        '  "Titolo della buona pratica": titolo\n'
        '  "Biblioteca che l\'ha realizzata": biblioteca\n'
        '  "Tema": tema\n'
        '  "Destinatari (più risposte possibili)": destinatari\n'
        '  "Sintesi": sintesi\n'
        '  "Nome referente": referente.nome\n'
        '  "Email del referente": referente.email\n'
        '  "Data di inizio": periodo.inizio\n'
        '  "Costo (euro)": risorse.costo\n'
        '  "Stato": stato\n'
        '  "Descrizione": corpo.Descrizione\n'
        '  "Come l\'avete organizzata": corpo.Come l\'avete organizzata\n')
    (tree.parent / "mappa.yml").write_text(out, "utf-8")
    assert mapping.load(tree.parent / "mappa.yml").columns["Sintesi"] == "sintesi"


# --- conversions, one by one ---------------------------------------------------

@pytest.fixture
def catalog(tree):
    from rete.content.loader import read_registry
    return Catalog.from_registry(read_registry(tree)[0].data,
                                 {"polo-lettura": "Polo della lettura 0-6 anni"})


@pytest.mark.parametrize("path, raw, value", [
    ("periodo.inizio", "15/03/2026", "2026-03-15"),
    ("periodo.inizio", "15/3/26", "2026-03-15"),
    ("periodo.inizio", "2026-03-15", "2026-03-15"),
    ("periodo.inizio", "15/03/2026 10.42.13", "2026-03-15"),
    ("periodo.inizio", datetime(2026, 3, 15, 10, 42), "2026-03-15"),
    ("risorse.costo", "1.200,00", 1200),
    ("risorse.costo", "2.750", 2750),
    ("risorse.costo", "€ 300", 300),
    ("risorse.costo", "1200.50", 1200.5),
    ("risorse.costo", 1200.5, 1200.5),
    ("risorse.ore", "12,5", 12.5),
    ("sdg", "4; 11", [4, 11]),
    ("sdg", 4, [4]),
    ("destinatari", "Bibliotecari, insegnanti e operatori, Bibliotecari",
     ["educatori", "bibliotecari"]),
    ("destinatari", "Bibliotecari; Bibliotecari, insegnanti e operatori",
     ["bibliotecari", "educatori"]),
    ("destinatari", "adulti, ADULTI", ["adulti"]),
    ("biblioteca", "Biblioteca di frazione", "frazione"),
    ("biblioteca", "biblioteca centrale", "centrale"),
    ("tema", "Lettura 0–6 anni", "lettura-0-6"),
    ("stato", "Conclusa", "conclusa"),
    ("titolo", "  Un titolo, con virgola  ", "Un titolo, con virgola"),
    ("parole_chiave", "lettura; nido, famiglie", ["lettura", "nido", "famiglie"]),
    ("referente.telefono", 21234567, "21234567"),
    ("bozza", "sì", True),
    ("polo", "polo della LETTURA 0-6 anni", "polo-lettura"),
    ("polo", "polo-lettura", "polo-lettura"),
])
def test_each_conversion(catalog, path, raw, value):
    assert values.convert_answer("scheda", path, raw, catalog) == value


@pytest.mark.parametrize("path, raw, message", [
    ("periodo.inizio", "marzo 2026", "data non valida: il testo «marzo 2026»"),
    ("risorse.costo", "1,200.5.3", "atteso un numero, trovato il testo «1,200.5.3»"),
    ("sdg", "4.5", "atteso un numero intero, trovato il testo «4.5»"),
    ("biblioteca", "Borgo", "«Borgo» non è una biblioteca della rete"),  # two in Borgo
    ("stato", "sospesa", "valore non ammesso: il testo «sospesa»"),
])
def test_each_refusal(catalog, path, raw, message):
    found = values.convert_answer("scheda", path, raw, catalog)
    assert isinstance(found, values.Failure) and found.message == message


def test_single_choice_is_never_split(catalog):
    found = values.convert_answer("scheda", "biblioteca", "Biblioteca centrale, Frazione",
                                  catalog)
    assert isinstance(found, values.Failure)


def test_empty_cells_produce_no_key(tree, capsys):
    row = list(ROW)
    row[9] = "  "
    row[10] = ""
    file = write_csv(tree.parent / "r.csv", [HEADERS, row])
    assert importa(tree, file) == 0
    text = (tree / "schede" / "letture-in-giardino-d-estate.md").read_text("utf-8")
    assert "risorse" not in text and "stato" not in text and "''" not in text


# --- spreadsheets read by cell position ---------------------------------------------

def _typed(row: list) -> list:
    """A row as a spreadsheet holds it: empty answers are no cell at all."""
    return [None if isinstance(v, str) and not v else v for v in row]


def test_an_empty_optional_answer_moves_nothing(tree, tmp_path):
    gap = list(ROW2)
    gap[9], gap[11] = "", "Con l'archivio storico del paese."  # no cost, then a description
    file = write_xlsx(tmp_path / "r.xlsx", [HEADERS, _typed(ROW), _typed(gap)])
    assert importa(tree, file) == 0
    text = (tree / "schede" / "corso-serale-di-storia-locale.md").read_text("utf-8")
    assert "risorse" not in text and "stato" not in text
    assert text.endswith("compilata_il: '2026-03-16'\n---\n\nCon l'archivio storico del paese.\n")


def test_merged_hidden_and_trailing_columns_keep_their_place(tree, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    for row in [HEADERS, _typed(ROW), _typed(ROW2)]:
        sheet.append(row)
    sheet.column_dimensions["G"].hidden = True  # «Nome referente»
    sheet["J2"], sheet["J3"] = 1200.5, None
    sheet.merge_cells("J2:J3")  # one cost shown over two rows: it is the first row's
    sheet.merge_cells("K3:L3")  # two empty answers under one cell, then one given
    sheet["M3"] = "Con un archivista."
    sheet["P3"].number_format = "dd/mm/yyyy"  # formatted, never filled: a trailing column
    book.save(tmp_path / "r.xlsx")
    assert importa(tree, tmp_path / "r.xlsx") == 0
    first = (tree / "schede" / "letture-in-giardino-d-estate.md").read_text("utf-8")
    assert first == EXPECTED  # the hidden «Nome referente» is read like any other
    second = (tree / "schede" / "corso-serale-di-storia-locale.md").read_text("utf-8")
    assert "risorse" not in second and "stato" not in second
    assert "  nome: Bruno Neri\n  email: bruno@frazione.example.it\n" in second
    assert second.endswith("---\n\n## Come si realizza\n\nCon un archivista.\n")


def test_values_in_a_column_without_a_title_are_refused(tree, tmp_path, capsys):
    row = list(ROW) + ["", "una nota a margine"]
    file = write_xlsx(tmp_path / "r.xlsx", [HEADERS, _typed(row), ROW2])
    assert importa(tree, file) == 1
    assert "riga 2:\n  - la riga ha valori in colonne senza titolo (O) (suggerimento: dai un " \
           "titolo a ogni colonna nella riga 1, oppure svuota quelle celle)" \
           in capsys.readouterr().out
    assert "corso-serale-di-storia-locale.md" in schede(tree)


@pytest.mark.parametrize("number_format", ["dd/mm/yyyy", "d-mmm-yy", "[$-410]d mmmm yyyy",
                                           "yyyy-mm-dd"])
def test_dates_stored_as_numbers_with_a_date_style(tree, tmp_path, number_format):
    row = _typed(ROW)
    row[8] = 46096  # 15 March 2026, as a spreadsheet counts days
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    sheet.append(row)
    sheet["I2"].number_format = number_format
    book.save(tmp_path / "r.xlsx")
    assert importa(tree, tmp_path / "r.xlsx") == 0
    assert "  inizio: '2026-03-15'\n" in \
        (tree / "schede" / "letture-in-giardino-d-estate.md").read_text("utf-8")


def test_a_number_without_a_date_style_is_not_a_date(tree, tmp_path, capsys):
    row = _typed(ROW)
    row[8] = 46096
    file = write_xlsx(tmp_path / "r.xlsx", [HEADERS, row])
    assert importa(tree, file) == 1
    assert "data non valida: il numero 46096" in capsys.readouterr().out


TITLE_ROWS = [["Risposte al questionario 2026"], [], ["Esportate il 20/03/2026"]]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_riga_intestazione_reads_titles_below_row_1(tree, tmp_path, capsys, kind):
    rows = [*TITLE_ROWS, HEADERS, ROW, [], ROW2[:4] + ["Adultti"] + ROW2[5:]]
    file = write_xlsx(tmp_path / "r.xlsx", rows) if kind == "xlsx" else \
        write_csv(tmp_path / "r.csv", rows)
    (tree.parent / "mappa.yml").write_text("riga_intestazione: 4\n" + MAPPA, "utf-8")
    assert importa(tree, file) == 1
    out = capsys.readouterr().out
    assert ", titoli alla riga 4: 2 righe di risposte." in out
    assert "  importata  riga 5 " in out and "riga 7:\n  - colonna «Destinatari" in out
    assert (tree / "schede" / "letture-in-giardino-d-estate.md").read_text("utf-8") == EXPECTED


@pytest.mark.parametrize("value, message", [
    ("0", "errore: nella mappa «riga_intestazione» deve essere un numero di riga da 1 a 1000: "
          "trovato «0»"),
    ("tre", "errore: nella mappa «riga_intestazione» deve essere un numero di riga da 1 a "
            "1000: trovato «tre»"),
    ("2.5", "errore: nella mappa «riga_intestazione» deve essere un numero di riga da 1 a "
            "1000: trovato «2.5»"),
    ("true", "errore: nella mappa «riga_intestazione» deve essere un numero di riga da 1 a "
             "1000: trovato «True»"),
    ("2", "errore: il file r.xlsx non ha titoli di colonna alla riga 2\n    suggerimento: "
          "scrivi in «riga_intestazione» della mappa il numero della riga con i titoli delle "
          "colonne, come lo mostra il foglio"),
    ("40", "errore: il file r.xlsx non ha titoli di colonna alla riga 40"),
])
def test_bad_riga_intestazione_exits_2(tree, tmp_path, capsys, value, message):
    file = write_xlsx(tmp_path / "r.xlsx", [*TITLE_ROWS, HEADERS, ROW])
    (tree.parent / "mappa.yml").write_text(f"riga_intestazione: {value}\n" + MAPPA, "utf-8")
    assert importa(tree, file) == 2
    assert capsys.readouterr().err.startswith(message)
    assert list(schede(tree)) == ["letture-al-nido.md"]


def test_mappa_vuota_with_riga_intestazione_writes_it_in_the_mapping(tree, tmp_path, capsys):
    file = write_xlsx(tmp_path / "r.xlsx", [*TITLE_ROWS, HEADERS, ROW])
    assert main(["importa", "tabella", str(file), "--mappa-vuota",
                 "--riga-intestazione", "4"]) == 0
    out = capsys.readouterr().out
    assert "# File letto: r.xlsx, foglio «Sheet», titoli alla riga 4.\nriga_intestazione: 4\n" \
           "colonne:\n  \"Informazioni cronologiche\": compilata_il\n" in out
    (tree.parent / "mappa.yml").write_text(out.replace("corpo.Descrizione", "corpo"), "utf-8")
    assert importa(tree, file) == 0


def test_the_sheet_named_in_the_mapping_is_read(tree, tmp_path, capsys):
    book = openpyxl.Workbook()
    book.active.append(["Istruzioni"])
    answers = book.create_sheet("Risposte")
    for row in [HEADERS, _typed(ROW)]:
        answers.append(row)
    book.save(tmp_path / "r.xlsx")
    (tree.parent / "mappa.yml").write_text("foglio: Risposte\n" + MAPPA, "utf-8")
    assert importa(tree, tmp_path / "r.xlsx") == 0
    (tree.parent / "mappa.yml").write_text("foglio: Risposte 2026\n" + MAPPA, "utf-8")
    assert importa(tree, tmp_path / "r.xlsx") == 2
    assert "errore: il file r.xlsx non ha il foglio «Risposte 2026»\n    suggerimento: i fogli " \
           "sono: Sheet, Risposte" in capsys.readouterr().err


def test_riga_intestazione_option_is_only_for_mappa_vuota(tree, tmp_path, capsys):
    file = write_xlsx(tmp_path / "r.xlsx", [*TITLE_ROWS, HEADERS, ROW])
    assert importa(tree, file, "--riga-intestazione", "4") == 2
    assert capsys.readouterr().err == (
        "errore: --riga-intestazione si usa con --mappa-vuota\n    suggerimento: con --mappa "
        "scrivi nella mappa: riga_intestazione: 4\n")
    with pytest.raises(SystemExit):
        main(["importa", "tabella", str(file), "--mappa-vuota", "--riga-intestazione", "0"])
    assert "serve un numero di riga da 1 a 1000: «0»" in capsys.readouterr().err

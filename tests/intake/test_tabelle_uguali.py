"""The same answers, whoever wrote the file, give byte-identical schede.

Hypothesis draws a survey of many rows with empty answers anywhere; it is written as
CSV UTF-8 and CSV Windows-1252 (text as a person types it), as XLSX by openpyxl
(typed cells: dates, amounts, empty cells absent) and, from that XLSX, saved by
LibreOffice Calc as XLSX and as ODS. Every file must give the same schede and the
same report, row by row. Each example costs two LibreOffice runs, so there are few
examples of many rows each, and no shrinking (a failure prints its rows).
"""

from __future__ import annotations

import csv
import tempfile
from datetime import date, datetime
from io import StringIO
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from rete.cli import main

from ..libreoffice import office  # noqa: F401  (the session's LibreOffice)
from .test_importa_tabella import HEADERS, schede, survey_tree

# Italian answers, every character Windows-1252 can hold; never "=" (a formula to Excel).
_ALPHABET = ("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
             "  .,;:!?'\"()-/àèéìòùÀÈÉ’«»—€\n")
_EMPTY = st.sampled_from([None, "", "  "])
_TEXT = st.text(_ALPHABET, max_size=80)


def _optional(strategy):
    return st.one_of(_EMPTY, strategy)


def _required(strategy):
    """Empty about one time in ten, so that most rows are whole and some are not."""
    return st.one_of(_EMPTY, *[strategy] * 9)


def _row(i: int):
    return st.tuples(
        _optional(st.datetimes(datetime(2020, 1, 1), datetime(2029, 12, 31)).map(
            lambda d: d.replace(microsecond=0))),
        _required(_TEXT.map(lambda t: f"Pratica {i} {t}")),
        _required(st.sampled_from(["Biblioteca centrale", "biblioteca CENTRALE", "Frazione",
                                   "Borgo"])),
        _required(st.sampled_from(["Lettura 0-6 anni", "Storia locale", "lettura-0-6"])),
        _required(st.lists(st.sampled_from(["Adulti", "Bibliotecari",
                                            "Bibliotecari, insegnanti e operatori"]),
                           min_size=1, max_size=3).map("; ".join)),
        _required(st.text(_ALPHABET, min_size=10, max_size=200)),
        _required(_TEXT.map(lambda t: f"Persona {t}")),
        _required(st.just(f"referente{i}@biblioteca.example.it")),
        _required(st.dates(date(2000, 1, 1), date(2030, 12, 31))),
        _optional(st.integers(0, 10**8)),  # cents
        _optional(st.sampled_from(["In corso", "Conclusa", "in-corso"])),
        _optional(st.text(_ALPHABET, max_size=300)),
        _optional(st.text(_ALPHABET, max_size=300)),
    )


# Every survey starts with one whole row, so that even the simplest example imports one.
WHOLE = (datetime(2026, 3, 15, 10, 42, 13), "Pratica intera di lettura", "Biblioteca centrale",
         "Lettura 0-6 anni", "Adulti; Bibliotecari", "Ogni giovedì d’estate leggiamo in giardino.",
         "Anna Verdi", "anna@centrale.example.it", date(2026, 3, 15), 120050, "In corso",
         "Leggiamo all’aperto.\nCon i genitori.", "Con due volontari.")
SURVEYS = st.integers(25, 40).flatmap(
    lambda n: st.tuples(st.just(WHOLE), *[_row(i) for i in range(n)]))


def _typed(value):
    if isinstance(value, int) and not isinstance(value, bool):
        return value / 100
    return value


def _typed_in_text(value) -> str:
    """The cell as a CSV export writes it, in Italian."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H.%M.%S")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, int):
        euros, cents = divmod(value, 100)
        return f"{euros:,}".replace(",", ".") + f",{cents:02d}"
    return value


def _write(folder: Path, rows) -> list[Path]:
    texts = [HEADERS, *[[_typed_in_text(v) for v in row] for row in rows]]
    files = []
    for name, codec, delimiter in (("utf8.csv", "utf-8", ","), ("windows.csv", "cp1252", ";")):
        buffer = StringIO(newline="")
        csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(texts)
        (folder / name).write_bytes(buffer.getvalue().encode(codec))
        files.append(folder / name)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    for row in rows:
        sheet.append([_typed(v) for v in row])
    for cell in sheet["A"][1:]:
        cell.number_format = "dd/mm/yyyy hh:mm:ss"
    for cell in sheet["I"][1:]:
        cell.number_format = "dd/mm/yyyy"
    for cell in sheet["J"][1:]:
        cell.number_format = "#,##0.00"
    book.save(folder / "openpyxl.xlsx")
    files.append(folder / "openpyxl.xlsx")
    return files


def _outcome(base: Path, file: Path, capsys) -> tuple[int, dict[str, bytes], str]:
    root = survey_tree(base / "alberi" / f"{file.parent.name}-{file.name}")
    code = main(["--radice", str(root), "importa", "tabella", str(file), "--mappa",
                 str(root.parent / "mappa.yml")])
    out = capsys.readouterr().out
    # the first two lines name the file and how it was read; the rest is per row
    return code, schede(root), out.split("\n", 2)[2].replace(file.name, "FILE")


@settings(max_examples=3, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                 HealthCheck.data_too_large, HealthCheck.too_slow])
@given(rows=SURVEYS)
def test_every_client_gives_the_same_schede(office, capsys, rows):  # noqa: F811
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        files = _write(base, rows)
        files += office.convert([files[-1]], "xlsx", base / "calc")
        files += office.convert([files[2]], "ods", base / "calc")
        capsys.readouterr()
        reference = _outcome(base, files[0], capsys)
        assert any(name.startswith("pratica-") for name in reference[1]), reference[2]
        for file in files[1:]:
            found = _outcome(base, file, capsys)
            assert found[0] == reference[0], (file.name, found[2], reference[2])
            assert found[2] == reference[2], file.name
            assert found[1] == reference[1], file.name

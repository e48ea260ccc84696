"""A spreadsheet (.xlsx, .xlsm, .xls, .ods) as a grid of cells, by position.

calamine reads every format into a rectangle that starts at A1: an empty
cell is an empty string in its own column, so an answer never moves into
the next question's column, whatever is empty, merged or hidden. Dates come
from the cell's number format, as the spreadsheet shows them. calamine gives
a formula's last computed value only, so formulas are found in the file's
own XML (openpyxl for Excel's, a scan of ``content.xml`` for ODS) and refused
by the caller: a computed value is not somebody's answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from io import BytesIO

from lxml import etree

from ..problems import ReteError
from . import archive

ZIPPED = {".xlsx": "Excel", ".xlsm": "Excel", ".ods": "ODS"}
READ = {**ZIPPED, ".xls": "Excel 97-2003"}
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_T = "{%s}" % _TABLE
# Calc writes a sheet's unused area as one row repeated a million times.
_MAX_ROWS = 1_048_576


@dataclass
class Grid:
    title: str
    rows: list[list]  # rows[0] is the spreadsheet's row 1, every row as wide as the widest
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col), 1-based


def read(name: str, suffix: str, raw: bytes, sheet: str | None) -> Grid:
    """The grid of sheet ``sheet`` (the first one when None); ReteError when unreadable."""
    from python_calamine import CalamineWorkbook

    what = READ[suffix]
    unreadable = ReteError(f"il file {name} non è un foglio {what} valido ({suffix})",
                           hint="aprilo nel foglio di calcolo e salvalo di nuovo come .xlsx o .ods, "
                                "oppure esporta le risposte come CSV")
    if suffix in ZIPPED:
        try:
            source = archive.unpacked(raw)
        except archive.NotZip:
            raise unreadable from None
        except archive.Unsafe as exc:
            raise ReteError(f"il file {name} non si apre: {exc.message}", hint=exc.hint) from None
    else:
        source = BytesIO(raw)
    try:
        book = CalamineWorkbook.from_filelike(source)
        names = book.sheet_names
        title = sheet if sheet is not None else (names[0] if names else None)
        if title is None:
            raise unreadable
        if title not in names:
            raise ReteError(f"il file {name} non ha il foglio «{sheet}»",
                            hint="i fogli sono: " + ", ".join(names))
        rows = book.get_sheet_by_name(title).to_python(skip_empty_area=False)
    except ReteError:
        raise
    except Exception:  # calamine's errors for a damaged file: never a traceback
        raise unreadable from None
    source.seek(0)
    formulas = _excel_formulas(source, title) if suffix in (".xlsx", ".xlsm") else \
        _ods_formulas(source, title) if suffix == ".ods" else {}
    return Grid(title, rows, formulas)


def _excel_formulas(source: BytesIO, title: str) -> dict[tuple[int, int], str]:
    import openpyxl

    found = {}
    try:
        book = openpyxl.load_workbook(source, read_only=True, data_only=False)
    except Exception:  # calamine read it: a file openpyxl cannot parse has no formulas it sees
        return found
    try:
        for row in book[title].iter_rows():
            for cell in row:
                if getattr(cell, "data_type", None) == "f":
                    found[(cell.row, cell.column)] = str(cell.value)
    finally:
        book.close()
    return found


def _ods_formulas(source: BytesIO, title: str) -> dict[tuple[int, int], str]:
    """Cells of sheet ``title`` with ``table:formula``, counting repeated rows and cells."""
    import zipfile

    found: dict[tuple[int, int], str] = {}
    with zipfile.ZipFile(source) as package, package.open("content.xml") as content:
        inside, row, col = False, 0, 0
        for event, element in etree.iterparse(content, events=("start", "end"),
                                              resolve_entities=False, no_network=True):
            tag = element.tag
            if tag == f"{_T}table":
                if event == "start":
                    inside, row = element.get(f"{_T}name") == title, 0
                elif inside:
                    break
            elif not inside:
                if event == "end":
                    element.clear()
            elif tag == f"{_T}table-row":
                if event == "start":
                    col = 0
                else:
                    row += int(element.get(f"{_T}number-rows-repeated", "1"))
                    element.clear()
                    if row >= _MAX_ROWS:
                        break
            elif tag in (f"{_T}table-cell", f"{_T}covered-table-cell") and event == "end":
                formula = element.get(f"{_T}formula")
                if formula:
                    found[(row + 1, col + 1)] = formula.split(":", 1)[-1] \
                        if formula.startswith(("of:", "oooc:", "msoxl:")) else formula
                col += int(element.get(f"{_T}number-columns-repeated", "1"))
    return found

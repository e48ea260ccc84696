"""The report tables as an XLSX workbook for the board (openpyxl): one sheet per table."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..content.writer import write_atomic
from .tabelle import Table, cell_text

EURO_FORMAT = '#,##0.00 "€"'  # the reader's Excel shows its own separators
INTEGER_FORMAT = "#,##0"
NUMBER_FORMAT = "#,##0.00"
DATE_FORMAT = "DD/MM/YYYY"
_NOT_IN_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MAX_WIDTH = 60

if TYPE_CHECKING:
    from openpyxl import Workbook


def _sheet_name(title: str, taken: set[str]) -> str:
    base = _NOT_IN_SHEET_NAME.sub(" ", title).strip()[:31] or "Foglio"
    name, n = base, 1
    while name.casefold() in taken:
        n += 1
        name = f"{base[:28]} {n}"
    taken.add(name.casefold())
    return name


def _put(ws, row: int, col: int, value, kind: str) -> int:
    """Write one cell; return how wide its text is."""
    cell = ws.cell(row=row, column=col)
    if kind in ("numero", "euro") and isinstance(value, (int, float)):
        cell.value = value
        whole = float(value).is_integer()
        cell.number_format = EURO_FORMAT if kind == "euro" else \
            (INTEGER_FORMAT if whole else NUMBER_FORMAT)
        return len(cell_text(value, kind))
    if kind == "data" and value is not None:
        cell.value = value
        cell.number_format = DATE_FORMAT
        return len(DATE_FORMAT)
    text = "" if value is None else cell_text(value, "testo")
    cell.value = text
    if text.startswith(_FORMULA_START):
        # Plain text that a spreadsheet must never read as a formula.
        cell.data_type = "s"
        cell.quotePrefix = True
    return len(text)


def workbook(tables: list[Table]) -> Workbook:
    """Numbers stay numbers (euro formatted), header rows frozen, widths fitted."""
    # openpyxl is imported here, when a workbook is asked for: a tenth of a second
    # every report command would otherwise pay before reading a file.
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    for table in tables:
        ws = book.create_sheet(_sheet_name(table.foglio or table.titolo, taken))
        widths = []
        for col, column in enumerate(table.colonne, start=1):
            ws.cell(row=1, column=col, value=column.titolo).font = Font(bold=True)
            widths.append(len(column.titolo))
        for r, row in enumerate(table.righe, start=2):
            for col, (value, column) in enumerate(zip(row, table.colonne, strict=True),
                                                  start=1):
                widths[col - 1] = max(widths[col - 1], _put(ws, r, col, value, column.tipo))
        ws.freeze_panes = "A2"
        for col, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(col)].width = min(width + 2, MAX_WIDTH)
    return book


def write(tables: list[Table], path: Path) -> None:
    """Save the workbook whole or not at all."""
    buffer = io.BytesIO()
    workbook(tables).save(buffer)
    write_atomic(Path(path), buffer.getvalue())

"""`rete importa tabella`: one scheda per row of a survey's CSV or XLSX export.

Reading reports what it chose (encoding, delimiter) the way csvkit and
sqlite-utils do, and every bad row is reported with the number the
spreadsheet shows for it; good rows are imported all the same.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..problems import Problem, ReteError, error
from ..refs import Catalog
from ..text import human_size
from . import encoding, values
from .mapping import BODY, IGNORE, KIND, Mapping, norm
from .pipeline import REJECTED, Candidate, Outcome

MAX_BYTES = 20 * 1024 * 1024
DELIMITERS = ",;\t|"
_DELIMITER_NAMES = {",": "virgola", ";": "punto e virgola", "\t": "tabulazione", "|": "barra"}


@dataclass
class Sheet:
    headers: list[str]
    rows: list[tuple[int, list]]  # (row number as the spreadsheet shows it, cells)
    described: str  # what was read and how, for the report
    bad: dict[int, list[tuple[str | None, str, str | None]]] = field(default_factory=dict)


def read(path: Path, mapping: Mapping | None = None) -> Sheet:
    """Read a .csv or .xlsx file; ReteError when the file as a whole cannot be read."""
    path = Path(path)
    if not path.is_file():
        raise ReteError(f"il file {path} non esiste")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ReteError(f"il file {path.name} è troppo grande: {human_size(size)}, il limite è "
                        f"{human_size(MAX_BYTES)}",
                        hint="esporta solo le risposte, senza allegati né immagini, oppure "
                             "dividile in più file")
    if size == 0:
        raise ReteError(f"il file {path.name} è vuoto", hint="esporta di nuovo le risposte")
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt", ".tsv"):
        return _csv(path, mapping or Mapping({}))
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx(path, mapping or Mapping({}))
    raise ReteError(f"non so leggere i file {suffix or 'senza estensione'}: leggo .csv e .xlsx",
                    hint="nel foglio di calcolo scegli File › Salva con nome › Cartella di "
                         "lavoro di Excel (.xlsx) oppure CSV")


def _delimiter(text: str) -> str:
    first = text.split("\n", 1)[0]
    try:
        found = csv.Sniffer().sniff(text[:65536], delimiters=DELIMITERS).delimiter
        if found in first:
            return found
    except csv.Error:
        pass
    counts = {d: first.count(d) for d in DELIMITERS}
    return max(counts, key=counts.get) if any(counts.values()) else ","


def _csv(path: Path, mapping: Mapping) -> Sheet:
    raw = path.read_bytes()
    forced = encoding.codec_of(mapping.codifica) if mapping.codifica else None
    try:
        text, codec = encoding.decode(raw, forced)
    except encoding.Undecodable as exc:
        raise ReteError(f"il file {path.name} non è in una codifica che conosco "
                        f"(UTF-8 o Windows-1252): il problema è alla riga {exc.line}",
                        hint=encoding.hint()) from None
    if "\x00" in text:
        raise ReteError(f"il file {path.name} non è un CSV (sembra un file binario)",
                        hint="esporta le risposte come CSV oppure come .xlsx")
    delimiter = mapping.separatore or _delimiter(text)
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    while records and not any(c.strip() for c in records[0]):
        records.pop(0)
    if not records:
        raise ReteError(f"il file {path.name} è vuoto", hint="esporta di nuovo le risposte")
    headers = _headers(records[0], path.name)
    sheet = Sheet(headers, [], f"{path.name}, CSV con separatore "
                               f"{_DELIMITER_NAMES.get(delimiter, repr(delimiter))} "
                               f"«{delimiter}»{' (rilevato)' if not mapping.separatore else ''}"
                               f", codifica {encoding.label(codec)}"
                               f"{' (rilevata)' if not forced else ''}")
    for number, cells in enumerate(records[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        extra = cells[len(headers):]
        if len(cells) < len(headers) or any(c.strip() for c in extra):
            sheet.bad[number] = [(None, f"la riga ha {len(cells)} colonne, l'intestazione ne ha "
                                        f"{len(headers)}",
                                  "controlla che i testi con il separatore o con gli a capo "
                                  "siano tra virgolette")]
        sheet.rows.append((number, cells[:len(headers)]))
    return sheet


def _headers(row: list, name: str) -> list[str]:
    headers = [norm(h) for h in row]
    while headers and not headers[-1]:
        headers.pop()
    seen = set()
    for h in headers:
        if h and h in seen:
            raise ReteError(f"il file {name} ha due colonne con lo stesso titolo: «{h}»",
                            hint="rinomina una delle due nella prima riga")
        seen.add(h)
    return headers


def _xlsx(path: Path, mapping: Mapping) -> Sheet:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        raise ReteError(f"il file {path.name} non è un foglio Excel valido (.xlsx)",
                        hint="aprilo nel foglio di calcolo e salvalo di nuovo come .xlsx, "
                             "oppure esporta le risposte come CSV") from None
    try:
        if mapping.foglio:
            if mapping.foglio not in book.sheetnames:
                raise ReteError(f"il file {path.name} non ha il foglio «{mapping.foglio}»",
                                hint="i fogli sono: " + ", ".join(book.sheetnames))
            ws = book[mapping.foglio]
        else:
            ws = book.worksheets[0]
        rows = ws.iter_rows()
        header_cells = next(rows, None)
        if header_cells is None:
            raise ReteError(f"il file {path.name} è vuoto", hint="esporta di nuovo le risposte")
        headers = _headers([c.value for c in header_cells], path.name)
        sheet = Sheet(headers, [], f"{path.name}, foglio «{ws.title}»")
        for cells in rows:
            cells = [c for c in cells if getattr(c, "row", None)]
            if not cells:
                continue
            number = cells[0].row
            values_ = [c.value for c in cells]
            if all(values.is_empty(v) for v in values_):
                continue
            values_ += [None] * (len(headers) - len(values_))
            for i, cell in enumerate(cells[:len(headers)]):
                if cell.data_type == "f":
                    sheet.bad.setdefault(number, []).append((
                        headers[i], f"la cella contiene una formula ({str(cell.value)[:40]}), "
                                    "non una risposta",
                        "nel foglio di calcolo copia la colonna e incollala con «Incolla "
                        "speciale › Solo valori», poi importa di nuovo"))
            if any(not values.is_empty(v) for v in values_[len(headers):]):
                sheet.bad.setdefault(number, []).append((
                    None, "la riga ha valori in colonne senza intestazione",
                    "dai un titolo a ogni colonna nella prima riga"))
            sheet.rows.append((number, values_[:len(headers)]))
        return sheet
    finally:
        book.close()


def candidates(sheet: Sheet, mapping: Mapping, catalog: Catalog):
    """One Candidate per row (or the rejection of a row that cannot be read)."""
    position = {h: i for i, h in enumerate(sheet.headers)}
    labels = {target: f"colonna «{mapping.headers.get(h, h)}» ({target})"
              for h, target in mapping.columns.items()
              if target not in (BODY, IGNORE) and not target.startswith(BODY + ".")}
    for number, cells in sheet.rows:
        source = f"riga {number}"
        if number in sheet.bad:
            problems = [error(source, (f"colonna «{h}»: " if h else "") + message, hint=hint)
                        for h, message, hint in sheet.bad[number]]
            yield Outcome(Candidate(source, {}), REJECTED, KIND, None, problems)
            continue
        yield _row(source, cells, position, mapping, catalog, labels)


def _row(source, cells, position, mapping, catalog, labels) -> Candidate:
    data: dict = {}
    problems: list[Problem] = []
    main, sections = [], []
    for header, target in mapping.columns.items():
        raw = cells[position[header]]
        if target == IGNORE or values.is_empty(raw):
            continue
        if target == BODY or target.startswith(BODY + "."):
            text = _cell_text(raw)
            if target == BODY:
                main.append(text)
            else:
                sections.append(f"## {target[len(BODY) + 1:].strip()}\n\n{text}")
            continue
        value = values.convert_answer(KIND, target, raw, catalog)
        if isinstance(value, values.Failure):
            problems.append(error(source, value.message, field=target, hint=value.hint))
        else:
            values.put(data, target, value)
    body = "\n\n".join(main + sections)
    return Candidate(source, data, body, KIND, problems=problems, labels=dict(labels))


def _cell_text(raw) -> str:
    return values.as_text(raw).replace("\r\n", "\n").replace("\r", "\n").strip()

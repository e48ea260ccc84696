"""`rete importa tabella`: one scheda per row of a survey's CSV, Excel or ODS export.

Reading reports what it chose (encoding, delimiter) the way csvkit and
sqlite-utils do, and every bad row is reported with the number the
spreadsheet shows for it; good rows are imported all the same.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.utils import get_column_letter

from ..problems import Problem, ReteError, error
from ..content.refs import Catalog
from ..text import human_size
from . import encoding, values, workbook
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
    """Read a .csv, .xlsx, .xls or .ods file; ReteError when the file as a whole cannot be read."""
    path = Path(path)
    mapping = mapping or Mapping({})
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
        return _csv(path, mapping)
    if suffix in workbook.READ:
        return _spreadsheet(path, suffix, mapping)
    raise ReteError(f"non so leggere i file {suffix or 'senza estensione'}: leggo .csv, .xlsx, "
                    ".xls e .ods",
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
    described = (f"{path.name}, CSV con separatore "
                 f"{_DELIMITER_NAMES.get(delimiter, repr(delimiter))} "
                 f"«{delimiter}»{' (rilevato)' if not mapping.separatore else ''}"
                 f", codifica {encoding.label(codec)}{' (rilevata)' if not forced else ''}")
    sheet = _sheet(records, path.name, mapping, described)
    for number, cells in sheet.rows:
        # a CSV row is as long as its writer made it: a short one lost its quotes
        width = len(records[number - 1])
        if width < len(sheet.headers):
            sheet.bad.setdefault(number, []).insert(0, (
                None, f"la riga ha {width} colonne, l'intestazione ne ha {len(sheet.headers)}",
                "controlla che i testi con il separatore o con gli a capo siano tra "
                "virgolette"))
    return sheet


def _spreadsheet(path: Path, suffix: str, mapping: Mapping) -> Sheet:
    grid = workbook.read(path.name, suffix, path.read_bytes(), mapping.foglio)
    sheet = _sheet(grid.rows, path.name, mapping, f"{path.name}, foglio «{grid.title}»")
    answered = {number for number, _ in sheet.rows}
    for (number, column), formula in sorted(grid.formulas.items()):
        if number not in answered:  # above the titles, or a row left empty
            continue
        header = sheet.headers[column - 1] if column <= len(sheet.headers) else None
        sheet.bad.setdefault(number, []).append((
            header or get_column_letter(column),
            f"la cella contiene una formula ({formula[:40]}), non una risposta",
            "nel foglio di calcolo copia la colonna e incollala con «Incolla speciale › Solo "
            "valori», poi importa di nuovo"))
    return sheet


def _sheet(records: list[list], name: str, mapping: Mapping, described: str) -> Sheet:
    """Headers from the header row, then every non-empty row below it, by position."""
    if mapping.riga_intestazione:
        first = mapping.riga_intestazione
        if first > len(records) or not any(not values.is_empty(c) for c in records[first - 1]):
            raise ReteError(f"il file {name} non ha titoli di colonna alla riga {first}",
                            hint="scrivi in «riga_intestazione» della mappa il numero della "
                                 "riga con i titoli delle colonne, come lo mostra il foglio")
    else:
        first = next((n for n, cells in enumerate(records, start=1)
                      if any(not values.is_empty(c) for c in cells)), None)
        if first is None:
            raise ReteError(f"il file {name} è vuoto", hint="esporta di nuovo le risposte")
    headers = _headers(records[first - 1], name)
    if first != 1:
        described += f", titoli alla riga {first}"
    sheet = Sheet(headers, [], described)
    for number, cells in enumerate(records[first:], start=first + 1):
        if all(values.is_empty(c) for c in cells):
            continue
        cells = list(cells) + [""] * (len(headers) - len(cells))
        loose = [i for i, c in enumerate(cells)
                 if not values.is_empty(c) and (i >= len(headers) or not headers[i])]
        if loose:
            letters = ", ".join(get_column_letter(i + 1) for i in loose[:5])
            sheet.bad.setdefault(number, []).append((
                None, f"la riga ha valori in colonne senza titolo ({letters})",
                f"dai un titolo a ogni colonna nella riga {first}, oppure svuota quelle celle"))
        sheet.rows.append((number, cells[:len(headers)]))
    return sheet


def _headers(row: list, name: str) -> list[str]:
    headers = [norm(values.as_text(h)) if not values.is_empty(h) else "" for h in row]
    while headers and not headers[-1]:
        headers.pop()
    seen = set()
    for h in headers:
        if h and h in seen:
            raise ReteError(f"il file {name} ha due colonne con lo stesso titolo: «{h}»",
                            hint="rinomina una delle due nella riga dei titoli")
        seen.add(h)
    return headers


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

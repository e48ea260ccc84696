"""Read back a Word form made by ``docx_form``, as a librarian filled it in, saved
as .docx (python-docx) or as .odt (``odt_read``, which looks like python-docx here).

Fields are found by the labels the form wrote (the same ``spec``), ticked
boxes ("X" or "☒" beside a value) become choices, several paragraphs stay
paragraphs, and bold and italics become Markdown.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from docx import Document
from docx.opc.exceptions import PackageNotFoundError

from ..content.collections import KINDS
from ..problems import Problem, error
from ..content.refs import Catalog
from ..content.schema import schema_at
from . import archive, docx_form, odt_read, values
from .pipeline import REJECTED, Candidate, Outcome

# A box ticked in Word or LibreOffice, or an X typed next to a value.
_TICKED = re.compile(r"^\s*(?:[☒☑✓✔✗✘■xX]\s*[☐□]?|[☐□]\s*[xX✓✔✗✘])\s+(.+?)\s*$")
_TICKED_AFTER = re.compile(r"^\s*[☐□]?\s*(.+?)\s+[xX✓✔✗✘☒☑]\s*$")
_UNTICKED = re.compile(r"^\s*[☐□]\s*(.*?)\s*$")
_LONG = 200  # fields longer than this keep their paragraphs; shorter ones are one line
_WORD_HINT = "aprilo con Word o LibreOffice e salvalo di nuovo come documento di Word (.docx)"
_ODT_HINT = "aprilo con LibreOffice o Word e salvalo di nuovo come documento ODT (.odt) o Word " \
            "(.docx)"


def read(path: Path, raw: bytes, catalog: Catalog) -> Candidate | Outcome:
    """The candidate a filled form (.docx, or .odt by its suffix) holds, or the rejection
    of a file that is not one."""
    name = path.name
    odt = path.suffix.lower() == ".odt"
    hint = _ODT_HINT if odt else _WORD_HINT
    what = "documento ODT" if odt else "documento Word"
    not_one = (f"il file non è un {what} valido (forse è un altro tipo di file con il nome che "
               f"finisce in {path.suffix.lower()})")
    try:
        checked = archive.unpacked(raw)
    except archive.NotZip:
        return _rejected(name, not_one, hint)
    except archive.Unsafe as exc:
        return _rejected(name, f"il file non si apre: {exc.message}", exc.hint)
    try:
        doc = odt_read.document(checked) if odt else Document(checked)
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, odt_read.NotOdt):
        return _rejected(name, not_one, hint)
    except Exception:  # lxml and zip errors from a damaged file: never a traceback
        return _rejected(name, f"il {what} è danneggiato e non si legge", hint)
    return _candidate(name, doc, catalog)


def _candidate(name: str, doc, catalog: Catalog) -> Candidate | Outcome:
    """What a form holds; ``doc`` is python-docx's Document or odt_read's."""
    subject = (doc.core_properties.subject or "").strip()
    kind = subject.removeprefix("rete:") if subject.startswith("rete:") else _guess_kind(doc)
    if kind not in KINDS:
        return _rejected(name, "il documento non è il modulo della scheda o del polo",
                         "scarica il modulo dalla pagina «Contribuire» del sito e ricopia lì "
                         "le risposte")
    rows, groups = docx_form.spec(kind, catalog)
    data: dict = {}
    problems: list[Problem] = []
    for table in doc.tables:
        header = tuple(_plain(c) for c in table.rows[0].cells) if table.rows else ()
        if header == docx_form.FIELDS_HEADER:
            _fields(kind, table, rows, catalog, name, data, problems)
            continue
        group = next((g for g in groups
                      if header == tuple(c.label for c in g.columns)), None)
        if group:
            _group(kind, table, group, catalog, name, data, problems)
    return Candidate(name, data, _body(doc, kind), kind, problems=problems)


def _guess_kind(doc) -> str | None:
    """For a form whose properties were lost on the way: a polo has Nome and Stato."""
    for table in doc.tables:
        if table.rows and tuple(_plain(c) for c in table.rows[0].cells) == \
                docx_form.FIELDS_HEADER:
            labels = {_label_of(row.cells[0]) for row in table.rows[1:] if row.cells}
            return "polo" if {"Nome", "Stato"} <= labels else "scheda"
    return None


def _rejected(name: str, message: str, hint: str) -> Outcome:
    return Outcome(Candidate(name, {}), REJECTED, "scheda", None,
                   [error(name, message, hint=hint)])


def _plain(cell) -> str:
    return " ".join(cell.text.split())


def _label_of(cell) -> str:
    first = cell.paragraphs[0].text if cell.paragraphs else ""
    return re.sub(r"\s*\((obbligatorio|facoltativo)\)\s*$", "", " ".join(first.split()))


def _fields(kind, table, rows, catalog, name, data, problems) -> None:
    by_label = {f.label: f for f in rows}
    for row in table.rows[1:]:
        cells = row.cells
        if len(cells) < 2:
            continue
        f = by_label.get(_label_of(cells[0]))
        if f is None:
            continue
        answer = _answer(f, cells[1], kind)
        if answer is None:
            continue
        if isinstance(answer, values.Failure):
            problems.append(error(name, answer.message, field=f.path, hint=answer.hint))
            continue
        value = values.convert_answer(kind, f.path, answer, catalog)
        if isinstance(value, values.Failure):
            problems.append(error(name, value.message, field=f.path, hint=value.hint))
        else:
            values.put(data, f.path, value)


def _answer(f, cell, kind):
    """The raw answer of a cell: text, or the list of ticked choices; None when empty."""
    paragraphs = [_markdown(p) if _long(kind, f) else p.text for p in cell.paragraphs]
    lines = [line for p in paragraphs for line in p.split("\n")]
    if f.options:
        chosen = []
        for line in lines:
            ticked = _TICKED.match(line) or _TICKED_AFTER.match(line)
            if ticked and ticked.group(1).strip() not in ("", "☐"):
                chosen.append(ticked.group(1).strip())
            elif line.strip() and not _UNTICKED.match(line):
                chosen.append(line.strip())  # a value written out instead of ticked
        if not chosen:
            return None
        if not f.many and len(chosen) > 1:
            return values.Failure(f"è segnata più di una voce: {', '.join(chosen)}",
                                  "lascia la X accanto a una voce sola")
        return chosen if f.many else chosen[0]
    texts = [p.strip() for p in paragraphs if p.strip()]
    if not texts:
        return None
    if f.many:
        return "\n".join(texts)
    return "\n\n".join(texts) if _long(kind, f) else " ".join(texts)


def _long(kind: str, f) -> bool:
    node = values.node_of(kind, f.path) or {}
    return node.get("type") == "string" and node.get("maxLength", 0) > _LONG and not f.options


def _group(kind, table, group, catalog, name, data, problems) -> None:
    items = []
    for number, row in enumerate(table.rows[1:], start=1):
        item, empty = {}, True
        for cell, column in zip(row.cells, group.columns):
            text = "\n\n".join(p.text.strip() for p in cell.paragraphs if p.text.strip())
            if not text:
                continue
            empty = False
            value = values.convert_node(schema_at(kind, [group.path, 0, column.path]) or {},
                                        text, catalog)
            if isinstance(value, values.Failure):
                problems.append(error(name, f"riga {number}: {value.message}",
                                      field=f"{group.path}.{len(items)}.{column.path}",
                                      hint=value.hint))
            else:
                item[column.path] = value
        if not empty:
            items.append(item)
    if items:
        data[group.path] = items


def _markdown(paragraph) -> str:
    """A paragraph's text with bold and italics as Markdown."""
    out = []
    for run in paragraph.runs:
        text = run.text
        if not text.strip():
            out.append(text)
            continue
        lead, core, tail = re.match(r"^(\s*)(.*?)(\s*)$", text, re.S).groups()
        if run.bold and run.italic:
            core = f"***{core}***"
        elif run.bold:
            core = f"**{core}**"
        elif run.italic:
            core = f"*{core}*"
        out.append(lead + core + tail)
    return "".join(out).replace("****", "").replace("**  **", " ")


def _body(doc, kind: str) -> str:
    """The text under the form's section headings, as Markdown."""
    titles = docx_form.sections(kind)
    blocks: list[str] = []
    inside = False
    for p in doc.paragraphs:
        style = (p.style.name if p.style is not None else "") or ""
        text = p.text.strip()
        heading = style.startswith(("Heading", "Titolo"))
        if heading and text == docx_form.LIBRARIES:
            break
        if heading and text in titles:
            inside = True
            if text != docx_form.FREE_TEXT:
                blocks.append(f"## {text}")
            continue
        if not inside or not text:
            continue
        if heading:
            level = re.search(r"(\d)", style)
            blocks.append("#" * min(6, max(3, int(level.group(1)) + 1 if level else 3))
                          + " " + text)
        elif "List" in style or "Elenco" in style:
            item = f"- {_markdown(p).strip()}"
            if blocks and blocks[-1].startswith("- "):
                blocks[-1] += "\n" + item
            else:
                blocks.append(item)
        else:
            blocks.append(_markdown(p).strip())
    # a heading with nothing under it says nothing
    kept = [b for i, b in enumerate(blocks)
            if not (b.startswith("## ") and (i + 1 == len(blocks) or blocks[i + 1].startswith("## ")))]
    return "\n\n".join(kept)

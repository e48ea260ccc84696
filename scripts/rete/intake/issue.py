"""An issue opened with a GitHub issue form -> a scheda or polo candidate.

GitHub renders each answer under its label as ``### Label``; an empty answer is
``_No response_``, ticked boxes are ``- [X] name``, the choices of a dropdown
are joined by ", ". The labels are those of ``render/issueform.elements``, so
the form and this reader cannot drift apart. The candidate then goes through
the same pipeline as every other import.
"""

from __future__ import annotations

import re

from ..content import fields
from ..content.collections import KINDS
from ..problems import error, warning
from ..text import in_code
from ..render.forms import issueform
from . import values
from .pipeline import CONFLICT, IMPORTED, PRESENT, REJECTED, Candidate, Intake, Outcome
from .report import shown

NO_RESPONSE = "_No response_"
_HEADING = re.compile(r"^### (.+?)\s*$")
_BOX = re.compile(r"^- \[([ xX])\] (.*)$")
_SDG = re.compile(r"(?:^|,\s*)(\d{1,2}) – ")
_MARKUP = re.compile(r"([\\`*_\[\]<>#|~!])")
SOURCE = "la issue"


def sections(body: str) -> list[tuple[str | None, str]]:
    """(label, answer) in the order of the body; text before the first label has None."""
    found: list[tuple[str | None, list[str]]] = [(None, [])]
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    # An answer may hold a code block whose "### " is the librarian's, not GitHub's.
    for line, code in zip(lines, in_code(lines), strict=True):
        match = None if code else _HEADING.match(line)
        if match:
            found.append((match.group(1), []))
        else:
            found[-1][1].append(line)
    out = []
    for label, lines in found:
        text = "\n".join(lines).strip("\n")
        if text.strip() == NO_RESPONSE:
            text = ""
        if label is not None or text.strip():
            out.append((label, text))
    return out


def _ticked(text: str) -> list[str]:
    return [m.group(2).strip() for m in map(_BOX.match, text.split("\n"))
            if m and m.group(1) in "xX"]


def _answer(element: issueform.Element, text: str):
    """The raw answer as values.convert_answer takes it."""
    if element.type == "checkboxes":
        picked = _ticked(text)
    elif element.multiple:
        picked = text.strip()
    else:
        return text.strip()
    if element.options and element.options[0][:1].isdigit():  # the SDG: "3 – Salute…"
        joined = ", ".join(picked) if isinstance(picked, list) else picked
        return [int(n) for n in _SDG.findall(joined)] or joined
    return picked


def _rows(kind: str, element: issueform.Element, text: str, catalog, problems) -> list[dict]:
    items = []
    for number, line in enumerate((ln for ln in text.split("\n") if ln.strip()), start=1):
        cells = [c.strip() for c in line.split(issueform.SEPARATOR.strip())]
        if len(cells) > len(element.keys):
            problems.append(error(SOURCE, f"la riga {number} ha {len(cells)} campi, al "
                                          f"massimo {len(element.keys)}",
                                  field=element.path,
                                  hint="separa i campi con « | »: "
                                       + issueform.SEPARATOR.join(element.keys)))
            continue
        item: dict = {}
        for key, cell in zip(element.keys, cells):
            if values.is_empty(cell):
                continue
            path = f"{element.path}.{len(items)}.{key}"
            value = values.convert_answer(kind, f"{element.path}.0.{key}", cell, catalog)
            if isinstance(value, values.Failure):
                problems.append(error(SOURCE, value.message, field=path, hint=value.hint))
            else:
                item[key] = value
        items.append(item)
    return items


def candidate(kind: str, body: str, catalog) -> Candidate:
    """Read an issue body into a candidate; answers that cannot be read become problems."""
    by_label = {e.label: e for e in issueform.elements(kind, catalog)}
    data: dict = {}
    problems = []
    story: dict[str, str] = {}
    other: list[str] = []
    for label, text in sections(body):
        element = by_label.get(label) if label else None
        if element is None:
            if label is not None or text.strip():
                other.append(f"## {label}\n\n{text}".strip() if label else text)
                problems.append(warning(SOURCE, f"la sezione «{label}» non è del modulo: "
                                                "l'ho aggiunta al testo" if label else
                                        "c'è del testo prima della prima domanda: l'ho "
                                        "aggiunto al testo"))
            continue
        if not text.strip():
            continue
        if element.path == "corpo" or element.path.startswith("corpo."):
            story[element.path] = text.strip("\n")
            continue
        if element.keys:
            rows = _rows(kind, element, text, catalog, problems)
            if rows:
                values.put(data, element.path, rows)
            continue
        value = values.convert_answer(kind, element.path, _answer(element, text), catalog)
        if isinstance(value, values.Failure):
            problems.append(error(SOURCE, value.message, field=element.path, hint=value.hint))
        elif value != []:
            values.put(data, element.path, value)
    for f in fields.walk(kind):  # what a librarian does not fill in, but a file needs
        if not f.by_librarian and f.required and "default" in f.node and f.depth == 0:
            data.setdefault(f.key, f.node["default"])
    parts = [f"## {path[6:]}\n\n{text}" for path, text in story.items() if path != "corpo"]
    parts += [story["corpo"]] if "corpo" in story else []
    return Candidate(SOURCE, data, "\n\n".join(parts + other), kind=kind, problems=problems,
                     labels={path: f"«{label}»" for path, label in [
                         *issueform.groups(kind).items(),
                         *((e.path, e.label) for e in by_label.values())]})


_DONE = {IMPORTED: "è pronta: il file è {rel}", PRESENT: "c'è già: è {rel}",
         CONFLICT: "ha lo stesso titolo e la stessa biblioteca di {rel}, ma è diversa: "
                   "i coordinatori decideranno quale tenere",
         REJECTED: "non è ancora pronta: correggi la issue (modificala) e il controllo riparte"}


def _md(text: str) -> str:
    """Text as a GitHub comment shows it literally: no markup, no link, no @mention, no
    control character (the comment is also printed in the workflow's log)."""
    text = shown(" ".join(str(text).split()))
    return _MARKUP.sub(r"\\\1", text).replace("@", "@\u2060")


# The hint of a missing field, as said to who writes the file ("aggiungi la riga «titolo: …»").
_FILE_LINE = re.compile(r"aggiungi la riga «[^»]*»")


def markdown(outcome: Outcome) -> str:
    """What to post on the issue: the outcome and every problem, as a Markdown list."""
    what = {"scheda": "La scheda", "polo": "Il polo"}.get(outcome.kind, "La richiesta")
    done = _DONE[outcome.status].format(rel=f"`{outcome.rel}`" if outcome.rel else "")
    if outcome.kind == "polo":
        done = done.replace("pronta", "pronto")
    lines = [f"{what} {done}."]
    if outcome.problems:
        lines += ["", "Problemi trovati:" if outcome.errors else "Avvisi:", ""]
        labels = outcome.candidate.labels
        for p in outcome.problems:
            name = next((labels[k] for k in sorted(labels, key=len, reverse=True)
                         if p.field and (p.field == k or p.field.startswith(k + "."))), None)
            level = "errore" if p.is_error else "avviso"
            text = f"- **{level}**" + (f" {_md(name)}" if name else "") + f": {_md(p.message)}"
            hint = p.hint
            if hint and name and _FILE_LINE.match(hint):  # said for a file, not a form
                hint = _FILE_LINE.sub(f"rispondi alla domanda {name}", hint, count=1)
            if hint:
                text += f" ({_md(hint)})"
            lines.append(text)
    return "\n".join(lines) + "\n"


def kind_of(body: str, catalog) -> str:
    """Scheda or polo: the form whose labels the body's headings match best."""
    heads = {label for label, _ in sections(body) if label}
    score = {kind: len(heads & {e.label for e in issueform.elements(kind, catalog)})
             for kind in KINDS}
    return max(score, key=lambda kind: (score[kind], kind == "scheda"))


def run(intake: Intake, kind: str, body: str) -> Outcome:
    """Import one issue body into the tree."""
    return intake.place(candidate(kind, body, intake.catalog))

"""What an import says: the coordinator's summary and the librarian's .errori.txt.

Both read the same outcomes; the librarian's text names fields as the form
does and never shows a path of the coordinator's machine.
"""

from __future__ import annotations

import sys

from ..formatters import visible, visible_lines
from . import values
from .pipeline import CONFLICT, IMPORTED, PRESENT, REJECTED, Outcome

_STATUS = {IMPORTED: "importata", REJECTED: "scartata", PRESENT: "già presente",
           CONFLICT: "conflitto"}
_STATUS_PROVA = {IMPORTED: "da importare", REJECTED: "da scartare", PRESENT: "già presente",
                 CONFLICT: "conflitto"}


def shown(name: str) -> str:
    """A file name as it can be printed anywhere (terminal, Markdown, a text file): its
    control characters written out as ``\\x1b``, so it is seen as it is."""
    return visible(str(name))


def names(items) -> str:
    """Names listed in a sentence, each shown safely."""
    return ", ".join(shown(n) for n in items)


def _safe(text: str) -> str:
    """A message as shown: tabs and line breaks kept, other control characters escaped."""
    return visible_lines(text)


def _problems(n: int) -> str:
    return "1 problema" if n == 1 else f"{n} problemi"


def where(outcome: Outcome, problem) -> str:
    """Where a problem is, in the source's terms: «riga 5, colonna «Costo (euro)»»."""
    cand = outcome.candidate
    bits = []
    if problem.field:
        name = next((cand.labels[k] for k in sorted(cand.labels, key=len, reverse=True)
                     if problem.field == k or problem.field.startswith(k + ".")), None)
        bits.append(name or f"campo «{values.label(outcome.kind, problem.field)}»")
    if problem.line and cand.text is not None:
        bits.append(f"riga {problem.line}")
    return ", ".join(bits)


def problem_line(outcome: Outcome, problem) -> str:
    """One problem for the terminal: where, what, and how to fix it."""
    place = where(outcome, problem)
    level = "" if problem.is_error else "avviso: "
    text = f"{level}{place}: {problem.message}" if place else f"{level}{problem.message}"
    return _safe(text + (f" (suggerimento: {problem.hint})" if problem.hint else ""))


def librarian_text(outcome: Outcome) -> str:
    """The .errori.txt beside a rejected file: what to correct, field by field."""
    name = shown(outcome.candidate.source)
    errors = outcome.errors
    lines = [f"Il file «{name}» non è stato pubblicato: "
             f"{'c’è 1 problema' if len(errors) == 1 else f'ci sono {len(errors)} problemi'} "
             "da correggere.",
             "Correggi il file e rimandalo a chi coordina la rete (oppure rimettilo nella "
             "cartella condivisa): verrà controllato di nuovo.", ""]
    for number, problem in enumerate(errors, 1):
        place = where(outcome, problem)
        text = problem.message[:1].upper() + problem.message[1:]
        lines.append(_safe(f"{number}. {place[:1].upper() + place[1:]}: {problem.message}"
                           if place else f"{number}. {text}"))
        if problem.hint:
            lines.append(_safe(f"   Come correggere: {problem.hint}"))
    notes = [p for p in outcome.problems if not p.is_error]
    if notes:
        lines += ["", "Avvisi (non impediscono la pubblicazione, ma conviene guardarli):"]
        lines += [f"- {problem_line(outcome, p)}" for p in notes]
    return "\n".join(lines) + "\n"


def _table(rows: list[tuple[str, str, str]]) -> list[str]:
    """Rows as aligned columns: plain text, the same on a terminal, in a file or a test."""
    widths = [max(len(r[i]) for r in rows) for i in range(2)]
    return [f"{a.ljust(widths[0])}  {b.ljust(widths[1])}  {c}".rstrip() for a, b, c in rows]


def summary(outcomes: list[Outcome], *, prova: bool, errori: dict | None = None,
            notes: dict | None = None, out=None, title: str = "Importazione") -> None:
    """The table at the end of an import, then every problem of every rejected source,
    then ``notes``: what else happened to a source (one left in the folder, and why)."""
    out = out or sys.stdout
    errori = errori or {}
    notes = notes or {}
    words = _STATUS_PROVA if prova else _STATUS
    rows = [("Esito", "Origine", "Dove")]
    for o in outcomes:
        if o.status == REJECTED:
            detail = _problems(len(o.errors))
            if o.candidate.source in errori:
                detail += f": vedi {shown(errori[o.candidate.source])}"
        elif o.status == CONFLICT:
            detail = f"diversa da {o.rel}: non sovrascritta"
        else:
            detail = o.rel or ""
        if o.candidate.source in notes:
            detail += " (vedi sotto)"
        rows.append((words[o.status], shown(o.candidate.source), detail))
    lines = [f"{title}{' (prova)' if prova else ''}:"]
    if outcomes:
        lines += ["  " + line for line in _table(rows)]
    counts = {s: sum(o.status == s for o in outcomes) for s in _STATUS}
    done, bad = ("da importare", "da scartare") if prova else ("importate", "scartate")
    lines.append(f"{done.capitalize()}: {counts[IMPORTED]}, {bad}: {counts[REJECTED]}, "
                 f"già presenti: {counts[PRESENT]}, conflitti: {counts[CONFLICT]}.")
    for o in outcomes:
        if o.status == REJECTED:
            lines.append(f"\n{shown(o.candidate.source)}:")
            lines += [f"  - {problem_line(o, problem)}" for problem in o.errors]
    if notes:
        lines.append("\nRimasti nella cartella:")
        lines += [f"  - {shown(source)}: {_safe(note)}" for source, note in notes.items()]
    if any(o.status == CONFLICT for o in outcomes):
        lines.append("\nI conflitti non sono stati scritti: confronta la versione arrivata "
                     "con quella che c'è e aggiorna a mano il file.")
    if prova:
        lines.append("\nProva: non è stato scritto, spostato né cancellato nessun file.")
    out.write("\n".join(lines) + "\n")

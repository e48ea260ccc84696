"""`rete richieste segna`: a polo's answer written into a request file, and only that.

The new state, the date it needs and the figures of a served request are set in
the front-matter's text (``content.frontedit``); the result must pass every check
a request passes, and is written atomically only if the file is still the one
that was read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from . import services
from .validate import catalog, check_document
from ..content import frontedit
from ..content.collections import FOLDERS
from ..content.listing import listing, tally
from ..content.loader import Tree, parse_document, read_document, read_registry
from ..content.rules import REQUEST_DONE, REQUEST_NEXT
from ..content.writer import write_atomic
from ..problems import Problem, ReteError
from ..text import did_you_mean, human_list

FOLDER = FOLDERS["richiesta"]
_NUMBER_CHARS = set("0123456789.,")


@dataclass
class Marked:
    path: Path
    changes: dict
    warnings: list[Problem]


def _path(root: Path, name: str) -> Path:
    name = name[:-3] if name.endswith(".md") else name
    path = root / FOLDER / f"{name}.md"
    if not path.is_file():
        known = sorted(p.stem for p in (root / FOLDER).glob("*.md")) \
            if (root / FOLDER).is_dir() else []
        guess = did_you_mean(name, known)
        raise ReteError(f"la richiesta «{name}» non esiste in {FOLDER}/",
                        hint=f"forse intendevi «{guess}»?" if guess else
                        "scrivi il nome del file della richiesta, senza .md "
                        "(l'elenco: «rete richieste»)")
    return path


def _number(text: str | None, what: str):
    if text is None:
        return None
    if not text or not set(text) <= _NUMBER_CHARS:
        raise ReteError(f"«{what}» deve essere un numero: ricevuto «{text}»",
                        hint="scrivi solo il numero, per esempio 12 oppure 3.5")
    return frontedit.Raw(text)


def changes_for(current: str, stato: str, il: date, has: set[str], *, ore=None,
                partecipanti=None, costo=None, motivo=None) -> dict:
    """The keys to set to move a request from ``current`` to ``stato``; ``has`` are the
    keys the file has. Refuses a move that makes no sense, in Italian."""
    if stato == current:
        raise ReteError(f"la richiesta è già «{current}»", hint="non c'è niente da cambiare")
    allowed = REQUEST_NEXT.get(current, ())
    if stato not in allowed:
        hint = (f"da «{current}» può diventare solo {human_list(list(allowed))}" if allowed
                else f"una richiesta «{current}» non cambia più stato: se serve di nuovo, "
                     "fanne una nuova")
        raise ReteError(f"una richiesta «{current}» non può diventare «{stato}»", hint=hint)
    figures = {"ore": _number(ore, "ore"), "partecipanti": _number(partecipanti, "partecipanti"),
               "costo": _number(costo, "costo")}
    given = {k: v for k, v in figures.items() if v is not None}
    if given and stato != REQUEST_DONE:
        raise ReteError(f"{human_list([f'--{k}' for k in given])} si indicano solo con "
                        "--stato svolta", hint="togli l'opzione oppure usa --stato svolta")
    changes: dict = {"stato": stato}
    if stato in ("accettata", "rifiutata"):
        changes["risposta_il"] = il
    if stato == REQUEST_DONE:
        changes["svolta_il"] = il
        if "risposta_il" not in has:
            changes["risposta_il"] = il
    if stato in ("rifiutata", "annullata") and motivo is None and "motivo" not in has:
        raise ReteError(f"per segnare una richiesta come «{stato}» serve il motivo",
                        hint='aggiungi --motivo "il perché, in una frase"')
    if motivo is not None:
        changes["motivo"] = motivo.strip()
    return changes | given


def _problems(root: Path, doc) -> list[Problem]:
    """Every check a request passes in `rete valida`, for the new text."""
    registry, _ = read_registry(root)
    tree = Tree(root, registry, [], [], *tally(listing(root)))
    found = check_document(doc, catalog(tree))
    polo = doc.data.get("polo")
    path = root / FOLDERS["polo"] / f"{polo}.md"
    if isinstance(polo, str) and path.is_file():
        polo_doc, _ = read_document("polo", path, f"{FOLDERS['polo']}/{polo}.md", polo)
        if polo_doc:
            found += services.check_across([doc], [polo_doc], tree.slugs.get("richiesta", []))
    return found


def mark(root: Path, name: str, stato: str, il: date, **figures) -> Marked:
    """Set the request ``name`` to ``stato``; the file changes in those keys only."""
    path = _path(root, name)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ReteError(f"{path.name} non è salvato con la codifica UTF-8",
                        hint="controllalo con «rete valida»") from None
    rel = f"{FOLDER}/{path.name}"

    def read(source: str):
        plain = source.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        return parse_document("richiesta", plain, path, rel, path.stem)

    doc, problems = read(text)
    if doc is None or any(p.is_error for p in problems + _problems(root, doc)):
        raise ReteError(f"{rel} ha errori: non lo modifico finché non sono corretti",
                        hint="controllalo con «rete valida» e correggilo")
    current = doc.data.get("stato")
    changes = changes_for(current, stato, il, set(doc.data), **figures)
    new_text = frontedit.set_keys(text, "richiesta", changes)
    doc, problems = read(new_text)
    found = problems + (_problems(root, doc) if doc else [])
    errors = [p for p in found if p.is_error]
    if errors:
        first = errors[0]
        where = f"«{first.field}»: " if first.field else ""
        raise ReteError(f"la richiesta non sarebbe valida: {where}{first.message}",
                        hint=first.hint)
    if path.read_bytes() != raw:
        raise ReteError(f"{rel} è cambiato mentre lo modificavo: non lo sovrascrivo",
                        hint="rileggi il file e ripeti il comando")
    write_atomic(path, new_text.encode("utf-8"))
    return Marked(path, changes, [p for p in found if not p.is_error])


"""`rete importa cartella`: the files librarians drop in a shared folder.

Every .md, .txt and .docx file of the folder becomes a candidate. An imported
file is moved to ``importati/`` only after its copy is written and read back;
a rejected one stays, with ``NOME.errori.txt`` beside it for whoever sent it.
At any interruption each source is still in the folder or imported, never
neither: a rerun finds an already written copy "already present" and moves on.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .. import writer
from ..loader import MAX_BYTES, has_front_matter, parse_document
from ..problems import error
from ..text import human_size
from . import docx_read, encoding, report
from .pipeline import CONFLICT, IMPORTED, PRESENT, REJECTED, Candidate, Intake, Outcome, \
    kind_of

READ = {".md", ".txt", ".docx"}
OLD_FORMATS = {".doc": "Word 97-2003", ".odt": "LibreOffice", ".rtf": "RTF", ".pages": "Pages"}
MAX_DOCX = 20 * 1024 * 1024
DONE = "importati"
ERRORS = ".errori.txt"
_EMPTY_HINT = "compila il modulo Word della scheda e rimandalo"


@dataclass
class FolderRun:
    outcomes: list[Outcome] = field(default_factory=list)
    errori: dict[str, str] = field(default_factory=dict)  # source -> its .errori.txt
    skipped: list[str] = field(default_factory=list)  # files of other kinds, left alone


def sources(folder: Path) -> tuple[list[Path], list[str]]:
    """(files to read, names of other files left alone); hidden and lock files ignored."""
    found, skipped = [], []
    for path in sorted(folder.iterdir(), key=lambda p: p.name.casefold()):
        name = path.name
        if not path.is_file() or name.startswith((".", "~")) or name.lower().endswith(ERRORS):
            continue
        suffix = path.suffix.lower()
        (found if suffix in READ or suffix in OLD_FORMATS else skipped).append(
            path if suffix in READ or suffix in OLD_FORMATS else name)
    return found, skipped


def read_source(path: Path, intake: Intake) -> Candidate | Outcome:
    """A candidate from one file, or the rejection of a file that cannot be read."""
    name, suffix = path.name, path.suffix.lower()
    if suffix in OLD_FORMATS:
        return _unreadable(name, f"è un documento {OLD_FORMATS[suffix]}, che non so leggere",
                           "aprilo e salvalo come documento di Word (.docx): File › Salva con "
                           "nome › Documento di Word")
    size, limit = path.stat().st_size, MAX_DOCX if suffix == ".docx" else MAX_BYTES
    if size > limit:
        return _unreadable(name, f"il file è troppo grande: {human_size(size)}, il limite è "
                                 f"{human_size(limit)}",
                           "togli le immagini dal documento e mandale a parte")
    raw = path.read_bytes()
    if not raw.strip():
        return _unreadable(name, "il file è vuoto", _EMPTY_HINT)
    if suffix == ".docx":
        return docx_read.read(path, raw, intake.catalog)
    return _text_source(name, raw)


def _unreadable(name: str, message: str, hint: str) -> Outcome:
    return Outcome(Candidate(name, {}), REJECTED, "scheda", None, [error(name, message, hint=hint)])


def _text_source(name: str, raw: bytes) -> Candidate | Outcome:
    if b"\x00" in raw[:8192] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _unreadable(name, "il file non è un testo (sembra un file binario)",
                           "manda la scheda come documento Word (.docx) o come testo (.txt)")
    try:
        text, _ = encoding.decode(raw)
    except encoding.Undecodable as exc:
        return Outcome(Candidate(name, {}), REJECTED, "scheda", None, [error(
            name, "il file non è in una codifica che conosco (UTF-8 o Windows-1252)",
            line=exc.line, hint=encoding.hint())])
    if has_front_matter(text):
        doc, problems = parse_document("scheda", text, Path(name), name, Path(name).stem)
        if doc is None:
            return Outcome(Candidate(name, {}, text=text), REJECTED, "scheda", None, problems)
        return Candidate(name, doc.data, doc.body, kind_of(doc.data), text=text)
    # Only a text: what is missing is what the validator lists for an empty scheda.
    return Candidate(name, {}, text, "scheda", problems=[error(
        name, "il file contiene solo il testo, senza i campi della scheda (titolo, biblioteca, "
              "tema…)", hint="compila il modulo Word della scheda: i campi mancanti sono "
                             "elencati qui sotto")])


def run(folder: Path, intake: Intake, progress=None) -> FolderRun:
    """Import every source of ``folder`` into the tree of ``intake``."""
    result = FolderRun()
    paths, result.skipped = sources(folder)
    stems = Counter(p.stem.casefold() for p in paths)
    for path in paths:
        found = read_source(path, intake)
        outcome = found if isinstance(found, Outcome) else intake.place(found)
        result.outcomes.append(outcome)
        errori = path.with_name(path.stem + ERRORS) if stems[path.stem.casefold()] == 1 \
            else path.with_name(path.name + ERRORS)
        if outcome.status == REJECTED:
            result.errori[path.name] = errori.name
        if not intake.prova:
            _settle(folder, path, outcome, errori)
        if progress:
            progress()
    return result


def _settle(folder: Path, path: Path, outcome: Outcome, errori: Path) -> None:
    """After a source's copy is safe: move the source away, write or clear its errors."""
    if outcome.status == REJECTED:
        writer.write_atomic(errori, ("\ufeff" + report.librarian_text(outcome))
                            .replace("\n", "\r\n"))
        return
    if outcome.status in (IMPORTED, PRESENT):
        move_done(path, folder / DONE)
    if outcome.status in (IMPORTED, PRESENT, CONFLICT):
        errori.unlink(missing_ok=True)


def move_done(path: Path, done: Path) -> Path:
    """Move a source into ``done`` without replacing anything there."""
    done.mkdir(exist_ok=True)
    stem, suffix = path.stem, path.suffix
    for n in range(1, 1000):
        target = done / (path.name if n == 1 else f"{stem}-{n}{suffix}")
        if target.exists():
            if target.read_bytes() == path.read_bytes():  # moved before, then interrupted
                path.unlink()
                return target
            continue
        try:
            os.link(path, target)
        except FileExistsError:
            continue
        except OSError:  # a file system without hard links: rename, having checked
            os.rename(path, target)
            return target
        path.unlink()
        return target
    raise OSError(f"troppi file con il nome {path.name} in {done}")

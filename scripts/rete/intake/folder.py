"""`rete importa cartella`: the files librarians drop in a shared folder.

Every .md, .txt, .docx and .odt file of the folder becomes a candidate. An
imported file is moved to ``importati/`` only after its copy is written and read
back, and only if it still is the file that was read; a rejected one stays, with
``NOME.errori.txt`` beside it for whoever sent it. At any interruption each source
is still in the folder or imported, never neither: a rerun finds an already
written copy "already present" and moves on. Links are never followed (``share``),
and what goes wrong with one source is said of that source: the run goes on.
"""

from __future__ import annotations

import errno
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..content import writer
from ..content.loader import MAX_BYTES, has_front_matter, parse_document
from ..problems import ReteError, error
from ..text import human_size
from . import docx_read, encoding, report, share
from .pipeline import IMPORTED, PRESENT, REJECTED, Candidate, Intake, Outcome, kind_of

READ = {".md", ".txt", ".docx", ".odt"}
WORD = {".docx", ".odt"}  # the Word form, as Word or LibreOffice Writer saves it
OLD_FORMATS = {".doc": "Word 97-2003", ".rtf": "RTF", ".pages": "Pages"}
MAX_DOCX = 20 * 1024 * 1024
DONE = share.DONE
ERRORS = ".errori.txt"
_EMPTY_HINT = "compila il modulo Word della scheda e rimandalo"
CHANGED = ("il file è cambiato mentre lo importavo: l'ho lasciato nella cartella e alla "
           "prossima importazione verrà letto di nuovo")


@dataclass
class FolderRun:
    outcomes: list[Outcome] = field(default_factory=list)
    errori: dict[str, str] = field(default_factory=dict)  # source -> its .errori.txt
    skipped: list[str] = field(default_factory=list)  # files of other kinds, left alone
    links: list[str] = field(default_factory=list)  # links, never followed
    notes: dict[str, str] = field(default_factory=dict)  # source -> what else happened to it


def sources(folder: Path) -> tuple[list[Path], list[str], list[str]]:
    """(files to read, names of other files left alone, names of links not followed);
    hidden and lock files ignored."""
    found, skipped = [], []
    files, links = share.entries(folder)
    for path in files:
        if path.name.lower().endswith(ERRORS):
            continue
        suffix = path.suffix.lower()
        if suffix in READ or suffix in OLD_FORMATS:
            found.append(path)
        else:
            skipped.append(path.name)
    return found, skipped, links


def read_source(path: Path, intake: Intake) -> tuple[Candidate | Outcome,
                                                     share.Fingerprint | None]:
    """A candidate from one file and the fingerprint of what was read, or the
    rejection of a file that cannot be read."""
    name, suffix = path.name, path.suffix.lower()
    if suffix in OLD_FORMATS:
        return _unreadable(name, f"è un documento {OLD_FORMATS[suffix]}, che non so leggere",
                           "aprilo e salvalo come documento di Word (.docx): File › Salva con "
                           "nome › Documento di Word"), None
    limit = MAX_DOCX if suffix in WORD else MAX_BYTES
    try:
        raw, read_as = share.read(path, limit)
    except share.TooBig as exc:
        return _unreadable(name, f"il file è troppo grande: {human_size(exc.size)}, il limite "
                                 f"è {human_size(limit)}",
                           "togli le immagini dal documento e mandale a parte"), None
    except share.Refused as exc:
        return _unreadable(name, str(exc), share.LINK_HINT), None
    except OSError as exc:
        return _unreadable(name, f"il file non si può leggere: {share.reason(exc)}",
                           _os_hint(exc)), None
    if not raw.strip():
        return _unreadable(name, "il file è vuoto", _EMPTY_HINT), read_as
    if suffix in WORD:
        return docx_read.read(path, raw, intake.catalog), read_as
    return _text_source(name, raw), read_as


def _os_hint(exc: OSError) -> str:
    if exc.errno == errno.ENAMETOOLONG:
        return "accorcia il nome del file e rimettilo nella cartella"
    return ("controlla che il file non sia aperto in un altro programma e che chi coordina "
            "abbia il permesso di leggerlo e di scrivere nella cartella")


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
    try:
        share.check_done(folder)
    except share.Refused as exc:
        raise ReteError(str(exc), hint=share.NOT_A_FOLDER_HINT) from None
    result = FolderRun()
    paths, result.skipped, result.links = sources(folder)
    stems = Counter(p.stem.casefold() for p in paths)
    for path in paths:
        found, read_as = read_source(path, intake)
        outcome = found if isinstance(found, Outcome) else intake.place(found)
        result.outcomes.append(outcome)
        errori = path.with_name(path.stem + ERRORS) if stems[path.stem.casefold()] == 1 \
            else path.with_name(path.name + ERRORS)
        if outcome.status == REJECTED:
            result.errori[path.name] = errori.name
        if not intake.prova:
            _settle(result, path, outcome, errori, read_as)
        if progress:
            progress()
    return result


def _settle(result: FolderRun, path: Path, outcome: Outcome, errori: Path,
            read_as: share.Fingerprint | None) -> None:
    """After a source's copy is safe: move the source away, write or clear its errors.
    What fails is said of this source, and the run goes on."""
    try:
        if outcome.status == REJECTED:
            writer.write_atomic(errori, ("\ufeff" + report.librarian_text(outcome))
                                .replace("\n", "\r\n"))
        elif outcome.status in (IMPORTED, PRESENT):
            share.move_done(path, read_as)
    except share.Changed:
        result.notes[path.name] = CHANGED
    except share.Refused as exc:
        result.notes[path.name] = f"non l'ho spostato in {DONE}/: {exc}"
    except OSError as exc:
        if outcome.status != REJECTED:
            result.notes[path.name] = f"non l'ho spostato in {DONE}/: {share.reason(exc)}"
            return
        del result.errori[path.name]
        outcome.problems.append(error(path.name, f"non ho potuto scrivere {errori.name} "
                                                 f"accanto al file: {share.reason(exc)}",
                                      hint=_os_hint(exc)))
    else:
        if outcome.status != REJECTED:
            _clear(result, path.name, errori)


def _clear(result: FolderRun, source: str, errori: Path) -> None:
    """Remove an old NOME.errori.txt: a link planted there goes, never what it leads to."""
    try:
        errori.unlink()
    except FileNotFoundError:
        pass
    except OSError as exc:
        if exc.errno != errno.ENAMETOOLONG:  # a name too long was never written
            result.notes[source] = (f"non ho potuto cancellare il vecchio {errori.name}: "
                                    f"{share.reason(exc)}")

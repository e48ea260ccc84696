"""Accept into the checkout only the changes an import is allowed to make.

Runs in the job that may push, on an artifact made by a job that parsed
untrusted text (``raccogli.py``): nothing in it is trusted. With any change
outside the rules, nothing at all is applied and every refusal is listed, in
Italian, on standard output (exit 1). Otherwise the changes are applied and
listed (exit 0). Standard library only: this job parses no content.

    python3 .github/scripts/accetta.py --regole proposta|arrivi ARTEFATTO

Rules: ``proposta`` (an issue) may add new files under schede/, poli/ and
richieste/, nothing else. ``arrivi`` (the inbox) may also add files under
arrivi/importati/, write arrivi/NOME.errori.txt, and remove a file of arrivi/
only when it is a .errori.txt or the same bytes arrive in arrivi/importati/.
"""

from __future__ import annotations

import argparse
import os
import stat
import sys
import unicodedata
from pathlib import Path, PurePosixPath

COLLECTIONS = ("schede", "poli", "richieste")
INBOX, DONE, ERRORS = "arrivi", "arrivi/importati", ".errori.txt"
MAX_FILE = 25 * 1024 * 1024
MAX_FILES = 2000


def shown(rel: str) -> str:
    """A name as it can be printed: control characters and undecodable bytes escaped."""
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in rel)


def unsafe_name(rel: str) -> str | None:
    """Why a relative path cannot be written, or None."""
    parts = PurePosixPath(rel).parts
    if not parts or rel.startswith("/") or "\\" in rel:
        return "non è un percorso relativo semplice"
    for part in parts:
        if part in (".", "..") or part.startswith("."):
            return "contiene «.», «..» o un nome nascosto"
        if any(unicodedata.category(c) == "Cc" for c in part):
            return "contiene caratteri di controllo"
        try:
            if len(part.encode("utf-8")) > 255:
                return "ha un nome troppo lungo"
        except UnicodeEncodeError:
            return "ha un nome che non è UTF-8"
    return None


def _inside(rel: str, folder: str) -> bool:
    return rel.startswith(folder + "/")


def _top_of_inbox(rel: str) -> bool:
    return _inside(rel, INBOX) and "/" not in rel[len(INBOX) + 1:]


def may_add(rel: str, rules: str) -> bool:
    if any(_inside(rel, c) for c in COLLECTIONS):
        return True
    return rules == "arrivi" and (_inside(rel, DONE) or
                                  (_top_of_inbox(rel) and rel.endswith(ERRORS)))


def may_replace(rel: str, rules: str) -> bool:
    return rules == "arrivi" and _top_of_inbox(rel) and rel.endswith(ERRORS)


def _real_folders(rel: str, root: Path) -> bool:
    """Every existing folder on the way to ``rel`` in the checkout is a real folder."""
    path = root
    for part in PurePosixPath(rel).parts[:-1]:
        path = path / part
        try:
            mode = os.lstat(path).st_mode
        except FileNotFoundError:
            return True
        if not stat.S_ISDIR(mode):
            return False
    return True


def _regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except FileNotFoundError:
        return False


def _taken_casefold(rel: str, root: Path) -> bool:
    """A different file whose name differs only in case (one file on Windows and macOS)."""
    folder = root / PurePosixPath(rel).parent
    name = PurePosixPath(rel).name
    if not folder.is_dir():
        return False
    return any(n != name and n.casefold() == name.casefold() for n in os.listdir(folder))


def read_artifact(artifact: Path) -> tuple[dict[str, Path], list[str], list[str]]:
    """(relative path -> file in the artifact, deleted paths, refusals)."""
    refused, found = [], {}
    files = artifact / "file"
    if os.path.lexists(files) and not stat.S_ISDIR(os.lstat(files).st_mode):
        return {}, [], ["l'artefatto non ha la forma attesa"]
    for folder, dirs, names in os.walk(files):
        for name in dirs + names:
            path = Path(folder) / name
            rel = path.relative_to(files).as_posix()
            mode = os.lstat(path).st_mode
            if stat.S_ISLNK(mode):
                refused.append(f"{shown(rel)}: è un collegamento simbolico")
            elif name in names and not stat.S_ISREG(mode):
                refused.append(f"{shown(rel)}: non è un file normale")
            elif name in names:
                found[rel] = path
    listed = artifact / "cancellati.txt"
    deleted = []
    if _regular(listed):
        deleted = [line for line in listed.read_text("utf-8", errors="surrogateescape")
                   .split("\n") if line]
    if len(found) + len(deleted) > MAX_FILES:
        refused.append(f"troppe modifiche in una volta ({len(found) + len(deleted)})")
    return found, deleted, refused


def check(found: dict[str, Path], deleted: list[str], rules: str, root: Path) -> list[str]:
    """Every reason the artifact cannot be applied; empty when it can."""
    refused = []
    arriving = {}
    for rel, path in sorted(found.items()):
        why = unsafe_name(rel)
        exists = os.path.lexists(root / rel)
        if why:
            refused.append(f"{shown(rel)}: {why}")
        elif path.stat().st_size > MAX_FILE:
            refused.append(f"{shown(rel)}: è più grande di {MAX_FILE // (1024 * 1024)} MB")
        elif not _real_folders(rel, root):
            refused.append(f"{shown(rel)}: una cartella del percorso non è una cartella vera")
        elif exists and not may_replace(rel, rules):
            refused.append(f"{shown(rel)}: il file c'è già e non può essere cambiato")
        elif exists and not _regular(root / rel):
            refused.append(f"{shown(rel)}: al suo posto c'è qualcosa che non è un file")
        elif not exists and not may_add(rel, rules):
            refused.append(f"{shown(rel)}: qui non si possono aggiungere file")
        elif not exists and _taken_casefold(rel, root):
            refused.append(f"{shown(rel)}: c'è già un file con lo stesso nome, "
                           "a meno di maiuscole")
        if _inside(rel, DONE):
            arriving.setdefault(path.stat().st_size, []).append(path)
    for rel in deleted:
        why = unsafe_name(rel)
        if why:
            refused.append(f"{shown(rel)}: {why}")
        elif rules != "arrivi" or not _top_of_inbox(rel):
            refused.append(f"{shown(rel)}: qui non si possono togliere file")
        elif not _regular(root / rel):
            refused.append(f"{shown(rel)}: non c'è un file da togliere")
        elif not rel.endswith(ERRORS) and not _arrives(root / rel, arriving):
            refused.append(f"{shown(rel)}: sarebbe tolto senza arrivare in {DONE}/")
    return refused


def _arrives(path: Path, arriving: dict[int, list[Path]]) -> bool:
    """The same bytes are among the files added to arrivi/importati/: nothing is lost."""
    data = path.read_bytes()
    return any(p.read_bytes() == data for p in arriving.get(len(data), []))


def apply(found: dict[str, Path], deleted: list[str], root: Path) -> list[str]:
    done = []
    for rel, path in sorted(found.items()):
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        replace = os.path.lexists(target)
        flags = os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW | (os.O_TRUNC if replace else os.O_EXCL)
        fd = os.open(target, flags, 0o644)
        with os.fdopen(fd, "wb") as out:
            out.write(path.read_bytes())
        done.append(f"{'aggiornato' if replace else 'nuovo'}: {rel}")
    for rel in deleted:
        (root / rel).unlink()
        done.append(f"tolto: {rel}")
    return done


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regole", choices=["proposta", "arrivi"], required=True)
    parser.add_argument("artefatto", type=Path)
    args = parser.parse_args(argv)
    root = Path.cwd()
    found, deleted, refused = read_artifact(args.artefatto)
    refused += check(found, deleted, args.regole, root)
    if refused:
        print("Le modifiche non sono state accettate, per questi motivi:")
        print("\n".join(f"- {line}" for line in refused))
        return 1
    print("\n".join(apply(found, deleted, root)) or "Nessuna modifica.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""What one build keeps on disk for the next: each slow product of the site (the PDF
booklet, the Word forms, the open data, the QR codes) under a fingerprint of
everything it is made from, so that a build with nothing changed makes none of them.

An entry is a folder named by the fingerprint, holding the product's files and, last,
a manifest with each file's SHA-256. It is written in a temporary folder and renamed
into place, so a build stopped midway leaves no entry; one whose manifest is missing,
unreadable or does not match its files (a partial copy, a corrupted cache) is made
again and never used. What is read back is only ever bytes compared with their
digest, never code or pickles.

The fingerprint is the caller's: ``Key`` gathers its parts (values, files' contents,
the code of the package, the versions of the libraries). The folder is meant to be
cached by CI (``actions/cache``); GitHub keeps a pull request's cache apart from the
main branch's, so a pull request cannot change what the main branch publishes.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from importlib import metadata
from pathlib import Path
from typing import Callable, Iterable

from .cache import fingerprint

FOLDER = Path(".cache") / "rete"  # under the project's folder; ignored by git
MANIFEST = "manifest.json"


class Key:
    """A fingerprint being made: every part added changes it."""

    def __init__(self, *parts) -> None:
        self._hash = hashlib.sha256()
        for part in parts:
            self.value(part)

    def value(self, value) -> "Key":
        """A plain value or a model object (``cache.fingerprint``)."""
        data = fingerprint(value)
        self._hash.update(len(data).to_bytes(8, "big") + data)
        return self

    def files(self, paths: Iterable[Path]) -> "Key":
        """The names and contents of ``paths`` (a missing one counts as missing)."""
        for path in sorted(paths):
            try:
                data = Path(path).read_bytes()
            except OSError:
                data = b"\0missing"
            self.value((str(path), hashlib.sha256(data).digest()))
        return self

    def versions(self, *distributions: str) -> "Key":
        """The installed versions of these Python distributions."""
        for name in distributions:
            try:
                self.value((name, metadata.version(name)))
            except metadata.PackageNotFoundError:
                self.value((name, None))
        return self

    def hexdigest(self) -> str:
        return self._hash.hexdigest()


def package_files(package: Path) -> list[Path]:
    """Every file of the package's source tree: code, templates, style sheets, schemas.
    A change in any of them may change a product; reading them costs milliseconds."""
    return [p for p in package.rglob("*")
            if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"]


class Shelf:
    """The entries of the products of one project, in ``folder``."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def files(self, name: str, key: Key, make: Callable[[], dict[str, bytes]]
              ) -> dict[str, bytes]:
        """The files of product ``name`` made from what ``key`` fingerprints: those kept,
        when whole; else ``make()``'s, kept for the next build in place of the old."""
        found = self.find(name, key)
        if found is not None:
            return found
        made = make()
        self.keep(name, key, made)
        return made

    def find(self, name: str, key: Key) -> dict[str, bytes] | None:
        """The files kept for product ``name`` under ``key``, when whole; else None."""
        return _read(self.folder / name / key.hexdigest())

    def keep(self, name: str, key: Key, made: dict[str, bytes]) -> None:
        """``made``, kept for the next build in place of the product's older entries."""
        try:
            _write(self.folder / name, key.hexdigest(), made)
        except OSError:
            pass  # a read-only or full disk: the build goes on, the next one makes it again

    def kept(self, name: str) -> dict[str, bytes]:
        """The files of product ``name``'s entry, whatever its fingerprint (only a whole
        entry; none: empty): what a product made of many parts, each named by its own
        fingerprint, takes its unchanged parts from."""
        place = self.folder / name
        try:
            entries = sorted(e for e in place.iterdir() if not e.name.startswith(".nuovo-"))
        except OSError:
            return {}
        for entry in entries:
            found = _read(entry)
            if found is not None:
                return found
        return {}


def _read(entry: Path) -> dict[str, bytes] | None:
    """The entry's files by name, or None if it is missing or not whole."""
    try:
        listed = json.loads((entry / MANIFEST).read_text(encoding="utf-8"))
        out = {}
        for index, (name, sha) in enumerate(listed):
            data = (entry / str(index)).read_bytes()
            if hashlib.sha256(data).hexdigest() != sha:
                return None
            out[name] = data
        return out
    except (OSError, ValueError, TypeError):
        return None


def _write(place: Path, digest: str, files: dict[str, bytes]) -> None:
    """The new entry, renamed into place whole; the product's older entries removed."""
    place.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=".nuovo-", dir=place))
    try:
        listed = []
        for index, (name, data) in enumerate(files.items()):
            (temporary / str(index)).write_bytes(data)
            listed.append([name, hashlib.sha256(data).hexdigest()])
        (temporary / MANIFEST).write_text(json.dumps(listed), encoding="utf-8")
        entry = place / digest
        shutil.rmtree(entry, ignore_errors=True)  # an entry that was not whole
        os.replace(temporary, entry)
    finally:
        shutil.rmtree(temporary, ignore_errors=True)
    for other in place.iterdir():
        if other.name != digest and not other.name.startswith(".nuovo-"):
            shutil.rmtree(other, ignore_errors=True)

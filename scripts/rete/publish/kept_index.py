"""The search index a build keeps on the shelf (``runtime.stored``) for the next one.

It is kept under a fingerprint of everything the built pages are made from (the
generated tree's, docs/ and overrides/, mkdocs.yml, the engine, the theme's and
Pagefind's versions), with a digest of the pages Pagefind was handed. A build whose
fingerprint finds it does not start Pagefind at all: it unpacks the kept index beside
the site's while the pages are built, and at the end, if the pages are the same,
only renames it into place. If they are not (something the fingerprint does not see),
the build indexes the pages it wrote, as `rete indice` would.
"""

from __future__ import annotations

import shutil
import threading
from pathlib import Path, PurePosixPath

from ..runtime.stored import Key, Shelf

NAME = "ricerca"
PAGES = ".rete-pagine"  # in the entry: the digest of the pages; never in the site


def inside(name: str) -> bool:
    """Whether a kept file's name stays inside the index's folder (the shelf is a
    cache: what it names is not trusted to point elsewhere)."""
    parts = PurePosixPath(name).parts
    return bool(parts) and not PurePosixPath(name).is_absolute() and ".." not in parts \
        and "\\" not in name


def keep(shelf: Shelf, expected: Key, folder: Path, pages: str) -> None:
    """The index just written in ``folder``, kept under ``expected``."""
    files = {p.relative_to(folder).as_posix(): p.read_bytes()
             for p in folder.rglob("*") if p.is_file()}
    shelf.keep(NAME, expected, {**files, PAGES: pages.encode("ascii")})


class Foreseen:
    """The kept index of a build made from the same inputs, being unpacked by a
    thread of its own beside the folder it will replace."""

    @classmethod
    def found(cls, shelf: Shelf, expected: Key, folder: Path) -> "Foreseen | None":
        entry = shelf.find(NAME, expected)
        if entry is None or PAGES not in entry or not all(map(inside, entry)):
            return None
        return cls(entry, folder)

    def __init__(self, entry: dict[str, bytes], folder: Path) -> None:
        self.pages = entry.pop(PAGES).decode("ascii", "replace")
        # hidden: MkDocs leaves names starting with a dot alone, and never publishes them
        self._staging = folder.with_name(f".{folder.name}-ripreso")
        self._whole = False
        self._thread = threading.Thread(target=self._unpack, args=(entry,), daemon=True,
                                        name="pagefind-ripreso")
        self._thread.start()

    def _unpack(self, files: dict[str, bytes]) -> None:
        shutil.rmtree(self._staging, ignore_errors=True)
        try:
            for parent in sorted({(self._staging / name).parent for name in files}):
                parent.mkdir(parents=True, exist_ok=True)
            for name, data in files.items():
                (self._staging / name).write_bytes(data)
        except OSError:  # a full disk: the pages are indexed instead
            return
        self._whole = True

    def take(self, pages: str, folder: Path) -> bool:
        """Whether the pages are the ones foreseen; if so, the kept index is ``folder``."""
        self._thread.join()
        if not self._whole or pages != self.pages:
            self.drop()
            return False
        shutil.rmtree(folder, ignore_errors=True)
        self._staging.rename(folder)
        return True

    def drop(self) -> None:
        self._thread.join()
        shutil.rmtree(self._staging, ignore_errors=True)

"""The files of a shared folder, read and moved without trusting the folder.

Whoever can write in the share can plant a link (to a file of the coordinator's,
or an ``importati`` that leads elsewhere), replace a file while it is imported,
or give it a name as long as the system allows. So a link is never followed: a
file is opened with O_NOFOLLOW and read only when its descriptor is a regular
file; ``importati/`` is used through a descriptor of a real folder; what was
read is fingerprinted, and a file is archived only if the file linked into
``importati/`` is the one read, with the same bytes. Every OSError of a source
becomes an Italian reason (``reason``) instead of stopping the run.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..problems import OS_REASONS, os_reason

DONE = "importati"
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)  # not on Windows: there, lstat is checked first
_READ = (os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0)  # a FIFO must not block
         | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0))
_FOLDER = os.O_RDONLY | _NOFOLLOW | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)
# Where the system can, importati/ is reached through its descriptor, so that replacing
# it with a link after it was checked changes nothing.
_AT = (hasattr(os, "O_DIRECTORY") and {os.open, os.stat, os.link, os.unlink, os.rename}
       <= os.supports_dir_fd and os.link in os.supports_follow_symlinks)
_REPARSE_POINT = 0x400  # Windows: symbolic links and junctions

LINK = "è un collegamento a un altro file o a un'altra cartella: non lo seguo"
LINK_HINT = "metti nella cartella condivisa il file vero e proprio, non un collegamento"
NOT_A_FOLDER = (f"«{DONE}» nella cartella condivisa non è una cartella vera (è un "
                "collegamento o un file): non ci sposto nulla")
NOT_A_FOLDER_HINT = (f"togli «{DONE}» dalla cartella condivisa e rilancia: la cartella "
                     "verrà creata di nuovo")


class Refused(Exception):
    """A file or folder of the share that rete will not use; its text says why, in Italian."""


class TooBig(Refused):
    def __init__(self, size: int):
        super().__init__(size)
        self.size = size


class Changed(Exception):
    """The file was replaced or changed after it was read."""


@dataclass(frozen=True)
class Fingerprint:
    """What identifies the bytes read: the file they were read from, and their hash."""

    device: int
    inode: int
    size: int
    digest: str


_REASONS = {
    **OS_REASONS,
    errno.ENOENT: "il file non c'è più",
    errno.ELOOP: LINK,
    errno.EEXIST: f"ci sono già troppi file con questo nome in {DONE}/",
}


def reason(exc: OSError) -> str:
    """Why an operation on a file of the share failed, in Italian."""
    return _REASONS.get(exc.errno) or os_reason(exc)


def is_link(found: os.stat_result) -> bool:
    return stat.S_ISLNK(found.st_mode) or bool(
        getattr(found, "st_file_attributes", 0) & _REPARSE_POINT)


def entries(folder: Path) -> tuple[list[Path], list[str]]:
    """(regular files, names of links) of a folder, by name; hidden and lock names
    ignored. Folders and other special files are not listed at all."""
    files, links = [], []
    with os.scandir(folder) as listing:
        for entry in sorted(listing, key=lambda e: e.name.casefold()):
            if entry.name.startswith((".", "~")):
                continue
            try:
                found = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            if is_link(found):
                links.append(entry.name)
            elif stat.S_ISREG(found.st_mode):
                files.append(Path(entry.path))
    return files, links


def _fingerprint(fd: int, found: os.stat_result, limit: int) -> tuple[bytes, Fingerprint]:
    if not stat.S_ISREG(found.st_mode):
        raise Refused("non è un file normale")
    if found.st_size > limit:
        raise TooBig(found.st_size)
    raw = b""
    while len(raw) <= limit:  # it may grow while it is read
        chunk = os.read(fd, limit + 1 - len(raw))
        if not chunk:
            break
        raw += chunk
    if len(raw) > limit:
        raise TooBig(len(raw))
    return raw, Fingerprint(found.st_dev, found.st_ino, len(raw),
                            hashlib.sha256(raw).hexdigest())


def read(path: Path, limit: int) -> tuple[bytes, Fingerprint]:
    """The bytes of a regular file and their fingerprint, never through a link.

    Refused for a link or anything but a file, TooBig over ``limit`` bytes; any
    other failure is the OSError, for ``reason``.
    """
    if is_link(os.lstat(path)):  # O_NOFOLLOW says the same, where it exists
        raise Refused(LINK)
    fd = os.open(path, _READ)
    try:
        return _fingerprint(fd, os.fstat(fd), limit)
    finally:
        os.close(fd)


def check_done(folder: Path) -> None:
    """Refused when ``importati`` exists in ``folder`` and is not a real folder."""
    try:
        found = os.lstat(folder / DONE)
    except FileNotFoundError:
        return
    if is_link(found) or not stat.S_ISDIR(found.st_mode):
        raise Refused(NOT_A_FOLDER)


@contextmanager
def done_folder(folder: Path):
    """``importati/`` inside ``folder``, made if missing: a descriptor of it where the
    system has them, else None. Refused when it is a link or not a folder."""
    done = folder / DONE
    try:
        os.mkdir(done)
    except FileExistsError:
        pass
    check_done(folder)
    if not _AT:
        yield None
        return
    try:
        fd = os.open(done, _FOLDER)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.ENOTDIR):  # replaced since it was checked
            raise Refused(NOT_A_FOLDER) from None
        raise
    try:
        yield fd
    finally:
        os.close(fd)


class _In:
    """Names inside importati/: relative to its descriptor, or paths where there is none."""

    def __init__(self, done: Path, fd: int | None):
        self.done, self.fd = done, fd

    def _at(self, name: str) -> tuple[str | Path, dict]:
        return (name, {"dir_fd": self.fd}) if self.fd is not None else (self.done / name, {})

    def fingerprint(self, name: str) -> Fingerprint | None:
        """The fingerprint of a file there; None when the name is free. A link or
        anything but a file there gets a fingerprint no file read can have."""
        where, at = self._at(name)
        try:
            found = os.stat(where, follow_symlinks=False, **at)
        except FileNotFoundError:
            return None
        if is_link(found) or not stat.S_ISREG(found.st_mode):
            return Fingerprint(found.st_dev, found.st_ino, -1, "")
        fd = os.open(where, _READ, **at)
        try:
            return _fingerprint(fd, os.fstat(fd), max(found.st_size, 0) + 1024)[1]
        except Refused:
            return Fingerprint(found.st_dev, found.st_ino, -1, "")
        finally:
            os.close(fd)

    def link(self, source: Path, name: str) -> None:
        if self.fd is not None:  # the link itself, should the source have become one
            os.link(source, name, dst_dir_fd=self.fd, follow_symlinks=False)
        else:
            os.link(source, self.done / name)

    def rename(self, source: Path, name: str) -> None:
        if self.fd is not None:
            os.rename(source, name, dst_dir_fd=self.fd)
        else:
            os.rename(source, self.done / name)

    def unlink(self, name: str) -> None:
        where, at = self._at(name)
        os.unlink(where, **at)


def _is(path: Path, read_as: Fingerprint) -> bool:
    """True while the name ``path`` still leads to the file read (not a new one put there)."""
    try:
        found = os.lstat(path)
    except FileNotFoundError:
        return False
    return (found.st_dev, found.st_ino) == (read_as.device, read_as.inode)


def _still(path: Path, read_as: Fingerprint) -> None:
    """Changed unless ``path`` still is the file read, with the bytes read."""
    try:
        _, now = read(path, read_as.size)
    except (Refused, FileNotFoundError):
        raise Changed() from None
    if now != read_as:
        raise Changed()


def move_done(path: Path, read_as: Fingerprint) -> Path:
    """Move a source into ``importati/`` beside it, without replacing anything there,
    if it still is the file read as ``read_as``; Changed (and the source left where it
    is) when it is not."""
    stem, suffix = path.stem, path.suffix
    with done_folder(path.parent) as fd:
        done = _In(path.parent / DONE, fd)
        for n in range(1, 1000):
            name = path.name if n == 1 else f"{stem}-{n}{suffix}"
            there = done.fingerprint(name)
            if there is not None:
                if there.digest == read_as.digest:  # moved before, then interrupted
                    _still(path, read_as)
                    path.unlink()
                    return done.done / name
                continue
            try:
                done.link(path, name)
            except FileExistsError:
                continue
            except OSError as exc:
                if exc.errno in (errno.ENAMETOOLONG, errno.ENOENT, errno.ENOSPC, errno.EROFS):
                    raise
                # A file system without hard links: rename, having checked just before.
                _still(path, read_as)
                done.rename(path, name)
                return done.done / name
            # The link is to whatever the name held at that instant: keep it only if it
            # is the file read, with the bytes read.
            if done.fingerprint(name) != read_as or not _is(path, read_as):
                done.unlink(name)
                raise Changed()
            path.unlink()
            return done.done / name
    raise OSError(errno.EEXIST, f"troppi file con il nome {path.name}")

"""Problems are values: where, how serious, what is wrong and how to fix it."""

from __future__ import annotations

import errno
from dataclasses import dataclass
from enum import Enum


class Level(str, Enum):
    ERRORE = "errore"
    AVVISO = "avviso"


@dataclass(frozen=True)
class Problem:
    """One finding about one file.

    ``file`` is relative to the content tree's root, ``line`` is 1-based or
    None when no line applies (a missing key, a whole file), ``field`` is the
    dotted key path (``periodo.fine``, ``materiali.0.file``) or None.
    """

    file: str
    line: int | None
    field: str | None
    level: Level
    message: str
    hint: str | None = None

    @property
    def is_error(self) -> bool:
        return self.level is Level.ERRORE

    def sort_key(self) -> tuple:
        return (self.file, self.line or 0, self.field or "", self.message)


def error(file: str, message: str, *, line: int | None = None,
          field: str | None = None, hint: str | None = None) -> Problem:
    return Problem(file, line, field, Level.ERRORE, message, hint)


def warning(file: str, message: str, *, line: int | None = None,
            field: str | None = None, hint: str | None = None) -> Problem:
    return Problem(file, line, field, Level.AVVISO, message, hint)


class ReteError(Exception):
    """The one exception the command line turns into an Italian message.

    Raise it for conditions the user can fix (a missing folder, a file that
    already exists); its text is shown as is, without a traceback.
    """

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint


# What the system says in English, said in Italian (strerror is the system's language).
OS_REASONS = {
    errno.ENAMETOOLONG: "il nome del file è troppo lungo",
    errno.EACCES: "non ho il permesso",
    errno.EPERM: "non ho il permesso",
    errno.ENOENT: "il file o la cartella non c'è",
    errno.ENOSPC: "il disco è pieno",
    getattr(errno, "EDQUOT", errno.ENOSPC): "lo spazio a disposizione è finito",
    errno.EROFS: "la cartella si può solo leggere",
    errno.EISDIR: "al suo posto c'è una cartella",
    errno.ENOTDIR: "una parte del percorso non è una cartella",
    errno.EBUSY: "il file è in uso in un altro programma",
    errno.EIO: "il disco non risponde bene (errore di lettura o scrittura)",
    errno.ELOOP: "ci sono troppi collegamenti simbolici nel percorso",
    errno.EEXIST: "il file esiste già",
}


def os_reason(exc: OSError) -> str:
    """Why an operation on a file failed, in Italian, without a path of the machine."""
    known = OS_REASONS.get(exc.errno)
    if known:
        return known
    code = errno.errorcode.get(exc.errno) if exc.errno else None
    return f"errore del sistema ({code or type(exc).__name__})"

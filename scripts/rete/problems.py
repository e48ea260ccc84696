"""Problems are values: where, how serious, what is wrong and how to fix it."""

from __future__ import annotations

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

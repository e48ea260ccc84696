"""Bytes to text for files people save on Windows: UTF-8, UTF-8 with BOM or Windows-1252.

Windows-1252 is what Notepad and Excel write as "ANSI": ’ — € « » live in bytes
0x80-0x9F, which Latin-1 would read as invisible control characters. So a file
that is not UTF-8 is read as Windows-1252, strictly, and never as Latin-1.
"""

from __future__ import annotations

import codecs

from ..problems import ReteError

NAMES = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 con BOM", "cp1252": "Windows-1252",
         "utf-16": "UTF-16"}
_UTF8_HINT = ("salva il file con la codifica UTF-8 (in Excel: «CSV UTF-8»; in Blocco note: "
              "File › Salva con nome › Codifica: UTF-8)")


class Undecodable(ValueError):
    """The bytes are in none of the encodings we read; ``line`` is 1-based."""

    def __init__(self, line: int):
        super().__init__(line)
        self.line = line


def detect(raw: bytes) -> str:
    """The codec name that reads ``raw``: utf-8-sig, utf-16, utf-8 or cp1252."""
    if raw.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        raw.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        raw.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError as exc:
        raise Undecodable(raw.count(b"\n", 0, exc.start) + 1) from None


def decode(raw: bytes, codec: str | None = None) -> tuple[str, str]:
    """(text with LF line breaks, codec used). ``codec`` forces one, else it is detected.

    Raises Undecodable when the bytes cannot be read.
    """
    codec = codec or detect(raw)
    try:
        text = raw.decode(codec)
    except UnicodeDecodeError as exc:
        raise Undecodable(raw.count(b"\n", 0, exc.start) + 1) from None
    text = text.removeprefix("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n"), codec


def codec_of(name: str) -> str:
    """The codec a mapping's ``codifica`` names ("cp1252", "Windows-1252", "utf8"…)."""
    try:
        found = codecs.lookup(str(name).strip().lower().replace("windows-", "cp")).name
    except LookupError:
        raise ReteError(f"codifica sconosciuta: «{name}»",
                        hint="scrivi utf-8 oppure cp1252 (Windows), o togli la riga "
                             "«codifica» per rilevarla da sé") from None
    return {"utf-8": "utf-8"}.get(found, found)


def label(codec: str) -> str:
    """How the report names an encoding."""
    return NAMES.get(codec, codec)


def hint() -> str:
    return _UTF8_HINT

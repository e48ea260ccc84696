"""Zip-based files (.docx, .odt, .xlsx, .ods) checked before any parser opens them.

A 2 MB file can hold gigabytes of zeros. The central directory declares every
member's sizes: their count, each size, their sum and each compression ratio
are checked first. Then every member is unpacked by Python's ``zipfile``,
whose reads stop at the declared size and check the CRC, into a plain
(stored) copy: a member that lies about its size fails there, and the
parsers (python-docx, calamine, lxml) only ever read what was checked.
"""

from __future__ import annotations

import zipfile
from io import BytesIO

from ..text import human_size

MAX_MEMBERS = 1000
MAX_MEMBER = 64 * 1024 * 1024
MAX_TOTAL = 128 * 1024 * 1024
MAX_RATIO = 100
RATIO_FROM = 1024 * 1024  # a small member may compress very well and harm nobody
_CHUNK = 1024 * 1024
HINT = ("se il file è tuo, aprilo e salvalo di nuovo con Word, Excel o LibreOffice, senza "
        "immagini né allegati; se non sai chi l'ha fatto, non aprirlo")


class Unsafe(Exception):
    """The archive cannot be opened safely; ``message`` and ``hint`` are Italian."""

    def __init__(self, message: str, hint: str = HINT):
        super().__init__(message)
        self.message, self.hint = message, hint


class NotZip(Exception):
    """The bytes are not a zip archive at all (a mislabelled or damaged file)."""


def _shown(name: str) -> str:
    printable = "".join(c if c.isprintable() else "?" for c in name)
    return printable if len(printable) <= 60 else printable[:59] + "…"


def check(members: list[zipfile.ZipInfo]) -> None:
    """Refuse an archive by what its directory declares: count, sizes, ratios."""
    if len(members) > MAX_MEMBERS:
        raise Unsafe(f"il file contiene {len(members)} parti, più di {MAX_MEMBERS}: non è un "
                     "documento normale")
    total = 0
    for info in members:
        size, packed = info.file_size, max(info.compress_size, 1)
        where = f"una parte del file ({_shown(info.filename)})"
        if size > MAX_MEMBER:
            raise Unsafe(f"{where} si espande a {human_size(size)}, oltre il limite di "
                         f"{human_size(MAX_MEMBER)}")
        if size > RATIO_FROM and size / packed > MAX_RATIO:
            raise Unsafe(f"{where} è compressa {size // packed} volte (da "
                         f"{human_size(packed)} a {human_size(size)}): è il segno di un file "
                         "fatto per bloccare il computer")
        total += size
    if total > MAX_TOTAL:
        raise Unsafe(f"il contenuto del file si espande a {human_size(total)}, oltre il limite "
                     f"di {human_size(MAX_TOTAL)}")


def unpacked(raw: bytes) -> BytesIO:
    """A stored copy of the archive ``raw``, every member checked; Unsafe or NotZip."""
    try:
        source = zipfile.ZipFile(BytesIO(raw))
        members = source.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError):
        raise NotZip() from None
    check(members)
    out = BytesIO()
    with source, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as copy:
        for info in members:
            if info.is_dir():
                continue
            if info.flag_bits & 0x1:
                raise Unsafe("il file è protetto da una password",
                             "aprilo, togli la password (File › Proprietà o Salva con nome) e "
                             "salvalo di nuovo")
            try:
                with source.open(info) as member:
                    data = bytearray()
                    # zipfile stops at the declared size: reading one byte more than it
                    # declares is impossible, and a member that holds more fails its CRC
                    while chunk := member.read(_CHUNK):
                        data += chunk
            except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError,
                    RuntimeError, KeyError):
                raise Unsafe(f"una parte del file ({_shown(info.filename)}) non corrisponde "
                             "a quello che il file dichiara: è danneggiato o fatto per "
                             "bloccare il computer") from None
            copy.writestr(zipfile.ZipInfo(info.filename), bytes(data))
    out.seek(0)
    return out

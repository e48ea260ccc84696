"""From an HTML document to a PDF file with WeasyPrint, reading local files only."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from ..problems import ReteError
from ..runtime import collector
from ..content.writer import write_atomic

SYSTEM = "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core"
LIBRARIES = ("weasyprint", "pydyf", "tinycss2", "cssselect2", "fonttools", "pillow")
# Where fontconfig finds fonts on Linux and macOS (a font added or updated there may
# change how the booklet is laid out).
FONT_FOLDERS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.fonts",
                "~/.local/share/fonts", "/Library/Fonts", "/System/Library/Fonts")


@dataclass
class Printed:
    pages: int
    refused: list[str] = field(default_factory=list)  # addresses not loaded


def few_collections():
    """Python's cycle collection paused, then run once. While the booklet is made
    and laid out, the collector would walk the whole growing tree of pages and boxes
    again and again (a tenth of the time at 200 schede), and that work leaves few
    cycles: one collection at the end frees them before the PDF is written."""
    return collector.paused(collect_after=True)


def render(document: str, folders: list[Path], base: Path):
    """Lay out ``document``; images come only from ``folders``. Returns WeasyPrint's
    Document and the addresses it was refused."""
    try:  # heavy: imported only when printing
        from weasyprint import HTML

        from .fetch import LocalOnly
    except (ImportError, OSError) as exc:  # OSError: Pango is missing
        raise ReteError(f"per il PDF serve WeasyPrint con le sue librerie di sistema, che "
                        f"qui non si caricano ({exc})",
                        hint=f"esegui «make strumenti-pdf», oppure «sudo apt-get install "
                             f"{SYSTEM}»") from exc
    fetcher = LocalOnly(folders)
    # WeasyPrint reports each refused address in English: we report them ourselves.
    log = logging.getLogger("weasyprint")
    level = log.level
    log.setLevel(logging.CRITICAL)
    try:
        with few_collections():
            laid_out = HTML(string=document, base_url=base.resolve().as_uri() + "/",
                            url_fetcher=fetcher).render()
    finally:
        log.setLevel(level)
    return laid_out, fetcher.refused


def write(document: str, target: Path, folders: list[Path], base: Path) -> Printed:
    """Write the PDF of ``document`` to ``target`` atomically."""
    return save(*render(document, folders, base), target)


def save(laid_out, refused: list[str], target: Path) -> Printed:
    """Write a document ``render`` laid out to ``target`` atomically."""
    write_atomic(Path(target), laid_out.write_pdf())
    return Printed(len(laid_out.pages), refused)


def fonts() -> list[tuple[str, int, int]]:
    """Each font file WeasyPrint may print with: its path, size and date (reading
    their contents would cost more than it is worth)."""
    found = []
    for folder in FONT_FOLDERS:
        for path in sorted(Path(folder).expanduser().rglob("*")):
            try:
                if path.is_file():
                    stat = path.stat()
                    found.append((str(path), stat.st_size, stat.st_mtime_ns))
            except OSError:
                continue
    return found

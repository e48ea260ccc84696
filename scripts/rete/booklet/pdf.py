"""From an HTML document to a PDF file with WeasyPrint, reading local files only."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from ..writer import write_atomic


@dataclass
class Printed:
    pages: int
    refused: list[str] = field(default_factory=list)  # addresses not loaded


def render(document: str, folders: list[Path], base: Path):
    """Lay out ``document``; images come only from ``folders``. Returns WeasyPrint's
    Document and the addresses it was refused."""
    from weasyprint import HTML  # heavy: imported only when printing

    from .fetch import LocalOnly

    fetcher = LocalOnly(folders)
    # WeasyPrint reports each refused address in English: we report them ourselves.
    log = logging.getLogger("weasyprint")
    level = log.level
    log.setLevel(logging.ERROR)
    try:
        laid_out = HTML(string=document, base_url=base.resolve().as_uri() + "/",
                        url_fetcher=fetcher).render()
    finally:
        log.setLevel(level)
    return laid_out, fetcher.refused


def write(document: str, target: Path, folders: list[Path], base: Path) -> Printed:
    """Write the PDF of ``document`` to ``target`` atomically."""
    laid_out, refused = render(document, folders, base)
    write_atomic(Path(target), laid_out.write_pdf())
    return Printed(len(laid_out.pages), refused)

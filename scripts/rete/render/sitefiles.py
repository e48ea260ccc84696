"""What the renderer hands over: the site's generated pages, the bundle files to
publish beside them and its data files, by their path in the docs tree; and
writing them into a folder (``rete genera``)."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Site:
    pages: dict[str, str] = field(default_factory=dict)  # docs path -> Markdown
    assets: dict[str, Path] = field(default_factory=dict)  # docs path -> file to copy
    files: dict[str, str] = field(default_factory=dict)  # docs path -> text of a data file
    # Pages made only from the schemas and escaped names, whose HTML (a form, a
    # script's data) the sanitiser of librarians' text would strip.
    trusted: set[str] = field(default_factory=set)
    # docs path -> {placeholder id: SVG}, put in place after the page is sanitised
    charts: dict[str, dict[str, str]] = field(default_factory=dict)
    # The pages and data files rendered anew; with a cache that keeps, the others are the
    # last render's, made from equal values.
    remade: set[str] = field(default_factory=set)
    # Each scheda's spread (``spread.relations``), for the booklet to print the same.
    spreads: dict = field(default_factory=dict)


def write(site: Site, out: Path) -> int:
    """Write the pages and copy the assets below ``out``; return the pages written."""
    for path, markdown in site.pages.items():
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(markdown, encoding="utf-8", newline="\n")
    for path, source in site.assets.items():
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    for path, text in site.files.items():
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")
    return len(site.pages)

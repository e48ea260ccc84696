"""Links in pre-rendered pages, resolved as MkDocs resolves a Markdown link: a
relative path to a file of the docs tree becomes that file's address relative to
the page's address (``../temi/x.md`` from ``schede/a.md`` -> ``../../temi/x/``).

Engines do not check the links of a pre-rendered page, so this is done here: a
target missing from the tree is a problem, said as `rete valida` says it (the
MkDocs hook's ``linklog`` says MkDocs' own warnings the same way).
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit, urlunsplit
from xml.etree.ElementTree import Element

from markdown import Extension
from markdown.util import AMP_SUBSTITUTE
from markdown.treeprocessors import Treeprocessor

from ..checks import linkcheck
from ..content.links import relative_url
from ..problems import Level, Problem

# element -> the attribute that holds an address the engine would resolve
ADDRESSES = {"a": "href", "img": "src"}
_SAFE = "/:@!$&'()*+,;=~-._"  # a file's name keeps its '#' and '?' escaped


class Resolver:
    """The addresses of one tree: which docs paths exist, which links were broken."""

    def __init__(self, paths: set[str]) -> None:
        self.paths = paths
        self.broken: list[tuple[str, str]] = []  # (page, link as written)

    def resolve(self, url: str, page: str) -> str:
        if url.startswith(AMP_SUBSTITUTE):  # an e-mail address, obfuscated by Markdown
            return url
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not parts.path or url.startswith("/"):
            return url
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page),
                                                   unquote(parts.path)))
        if target not in self.paths:
            # As MkDocs: a path with no extension is not a file's ("../poli/x/", an
            # address), left as it is; any other is a link to nothing.
            if posixpath.splitext(parts.path)[1]:
                self.broken.append((page, url))
            return url
        address = relative_url(target, page)
        address = "./" if address == "." else address
        return urlunsplit(("", "", quote(address, safe=_SAFE), parts.query, parts.fragment))


class _Links(Treeprocessor):
    def __init__(self, md, resolver: Resolver) -> None:
        super().__init__(md)
        self.resolver = resolver
        self.page = ""

    def run(self, root: Element) -> None:
        for element in root.iter():
            name = ADDRESSES.get(element.tag)
            value = element.get(name) if name else None
            if value:
                element.set(name, self.resolver.resolve(value, self.page))


class LinkExtension(Extension):
    """Registers ``_Links`` after the inline patterns, as MkDocs' own does."""

    def __init__(self, resolver: Resolver) -> None:
        super().__init__()
        self.resolver = resolver
        self.processor: _Links | None = None

    def extendMarkdown(self, md) -> None:  # noqa: N802  Python-Markdown's name
        self.processor = _Links(md, self.resolver)
        md.treeprocessors.register(self.processor, "rete_links", 0)


def not_found(link: str, guess: str | None = None) -> tuple[str, str]:
    """What a link to nothing is called, and the hint."""
    hint = f"forse intendevi «{guess}»?" if guess else linkcheck.RULE
    return f"il collegamento «{link}» non porta a nessuna pagina né file del sito", hint


def line_of(path: Path | None, written: str | None) -> int | None:
    """The first line of the file that holds the link as written."""
    if path is None or not written:
        return None
    try:
        lines = path.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    return next((n for n, line in enumerate(lines, start=1) if written in line), None)


def problems(broken: list[tuple[str, str]], source: Path) -> list[Problem]:
    """The broken links of generated pages; ``source`` is the content tree, where a
    scheda's or a polo's page has its file under the same path."""
    found = []
    for page, link in broken:
        path = source / page
        text, hint = not_found(link)
        found.append(Problem(page, line_of(path if path.is_file() else None, link), None,
                             Level.ERRORE, text, hint))
    return found

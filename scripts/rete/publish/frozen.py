"""A generated page made safe before any engine sees it: its Markdown rendered to
HTML with the site's own Markdown extensions, the HTML sanitised and finished (the
charts, the addresses for paper, the QR code), then written back as Markdown that
every engine passes through unchanged.

What comes back is the page's front matter, its top-level headings as Markdown
headings (so each engine still makes the page's title, table of contents and
permalinks) and everything between them as raw HTML blocks, each inside one
``<div>``: an engine does not parse Markdown inside a raw block, so nothing the
sanitiser removed can come back. Links in those blocks are paths from the site's
root, which every engine leaves alone (``_rooted``). Comment-shaped directives
that a template put on a line of its own (``<!-- material/tags … -->``) stay
Markdown, for the engine's plugins; a librarian's body cannot write one
(``mdtext.body`` defuses them).
"""

from __future__ import annotations

import html
import json
import re
import secrets
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit, urlunsplit

import ada_url
import markdown

from .links import LinkExtension, Resolver
from ..render import charts, mdtext, paper, sanitize

# What MkDocs, ProperDocs and Zensical always enable, before mkdocs.yml's own.
ALWAYS = ("toc", "tables", "fenced_code")
_FRONT = re.compile(r"\A-{3}[ \t]*\n(.*?\n)?(?:-{3}|\.{3})[ \t]*\n", re.S)
_DIRECTIVE = re.compile(r"^<!--\s*[\w-]+[:/].*-->[ \t]*$", re.M)
_HEADING = re.compile(r"h[1-6]\Z")
_SAFE_ID = re.compile(r"[A-Za-z][\w-]*\Z")
_TAGS = re.compile(r"<[^>]*>")
_ADDRESS = re.compile(r'(<(?:a|img|video|audio|source)\b[^>]*?\s(?:href|src|poster)=")([^"]*)(")')
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "source", "track", "wbr"}


@dataclass(frozen=True)
class Finish:
    """What one page gets besides its Markdown: whether its HTML is a librarian's
    (sanitised), and what is put into the sanitised HTML."""

    untrusted: bool = True
    address: str = ""  # the page's own address (urls.page_address)
    charts: dict | None = None  # placeholder id -> SVG (charts.place)
    paper: bool = False  # every link carries its full address (paper.link_addresses)
    qr: str = ""  # the page's QR code, put before its content (shown only on paper)
    meta: dict | None = None  # front-matter keys added for the theme's templates


class Renderer:
    """One Python-Markdown configured as the site's mkdocs.yml, for a whole tree."""

    def __init__(self, extensions: list, configs: dict, resolver: Resolver) -> None:
        configs = dict(configs)
        # The engine adds each heading's permalink when it renders the headings.
        configs["toc"] = {**configs.get("toc", {}), "permalink": False}
        self._links = LinkExtension(resolver)
        names = list(dict.fromkeys([*ALWAYS, *extensions]))
        self._md = markdown.Markdown(extensions=[*names, self._links],
                                     extension_configs=configs)

    def html(self, text: str, page: str) -> str:
        self._md.reset()
        self._links.processor.page = page
        return self._md.convert(text)


def split_front(text: str) -> tuple[str, str]:
    """(the front matter's YAML, the Markdown after it)."""
    found = _FRONT.match(text)
    if not found:
        return "", text
    return found.group(1) or "", text[found.end():]


def freeze(text: str, page: str, renderer: Renderer, finish: Finish) -> str:
    """The page ``page`` (a docs path) of Markdown ``text``, made safe as described
    in this module's docstring."""
    front, body = split_front(text)
    token = f"retedirettiva{secrets.token_hex(6)}x"
    directives: list[str] = []

    def park(match: re.Match) -> str:
        directives.append(match.group(0))
        return f"\n\n{token}{len(directives) - 1}\n\n"

    rendered = renderer.html(_DIRECTIVE.sub(park, body), page)
    if finish.untrusted:
        rendered = sanitize.clean(rendered, finish.address)
    rendered = charts.place(rendered, finish.charts or {})
    if finish.paper:
        rendered = paper.link_addresses(rendered, finish.address)
    rendered = _rooted(rendered, finish.address)
    rendered = finish.qr + rendered
    headings = _headings(rendered)
    blocks = _blocks(rendered, headings, token, directives)
    meta = dict(finish.meta or {})
    first = next((h for h in headings if h[2] == 1), None)
    if first and not re.search(r"^title\s*:", front, re.M):
        # The engines take a page's title from an H1 only when it comes first; the QR
        # code comes before it. Escaped, as the theme prints a title as it is.
        meta["title"] = html.escape(_text(first[4]), quote=False)
    meta = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n"
                   for key, value in meta.items())
    head = f"---\n{front}{meta}---\n\n" if front or meta else ""
    return head + "\n\n".join(blocks) + "\n"


def _rooted(rendered: str, page: str) -> str:
    """Every relative address made a path from the site's root (``/rete/temi/x/``).

    MkDocs and ProperDocs leave a raw block's addresses as they are; Zensical reads
    every relative address of the page's HTML as relative to its Markdown file and
    rewrites it. An address from the root is left alone by all three. Runs on the
    sanitiser's output, whose attributes are all double-quoted."""

    def one(match: re.Match) -> str:
        value = html.unescape(match.group(2))
        if not value or value.startswith(("#", "/")) or urlsplit(value).scheme:
            return match.group(0)
        try:
            joined = urlsplit(ada_url.join_url(page, value))
        except ValueError:
            return match.group(0)
        rooted = urlunsplit(("", "", joined.path, joined.query, joined.fragment))
        return match.group(1) + html.escape(rooted, quote=True) + match.group(3)

    return _ADDRESS.sub(one, rendered)


def _text(inner: str) -> str:
    """A heading's HTML as plain text."""
    return " ".join(html.unescape(_TAGS.sub("", inner)).split())


def _blocks(rendered: str, headings: list, token: str, directives: list[str]) -> list[str]:
    out: list[str] = []

    def raw(chunk: str) -> None:
        pieces = re.split(rf"<p>{token}(\d+)</p>", chunk)
        for n, piece in enumerate(pieces):
            if n % 2:
                out.append(directives[int(piece)])
            elif piece.strip():
                out.append(f"<div>\n{piece.strip()}\n</div>")

    last = 0
    for start, end, level, ident, inner in headings:
        raw(rendered[last:start])
        title = mdtext.inline(_text(inner))
        anchor = f" {{#{ident}}}" if ident and _SAFE_ID.match(ident) else ""
        out.append(f"{'#' * level} {title}{anchor}")
        last = end
    raw(rendered[last:])
    return out


class _TopLevel(HTMLParser):
    """The top-level headings of an HTML fragment, by their offsets."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.starts = [0]
        for line in text.splitlines(keepends=True):
            self.starts.append(self.starts[-1] + len(line))
        self.depth = 0
        self.open: tuple[int, str, str] | None = None
        self.found: list[tuple[int, int, int, str, str]] = []

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.starts[line - 1] + column

    def handle_starttag(self, tag, attrs) -> None:
        if tag in VOID:
            return
        if self.depth == 0 and _HEADING.match(tag):
            start = self._offset()
            inner = start + len(self.get_starttag_text())
            self.open = (start, tag, dict(attrs).get("id") or "", inner)
        self.depth += 1

    def handle_endtag(self, tag) -> None:
        if tag in VOID:
            return
        self.depth = max(self.depth - 1, 0)
        if self.depth == 0 and self.open is not None and tag == self.open[1]:
            start, name, ident, inner = self.open
            close = self._offset()
            end = self.text.index(">", close) + 1
            self.found.append((start, end, int(name[1]), ident, self.text[inner:close]))
            self.open = None


def _headings(text: str) -> list[tuple[int, int, int, str, str]]:
    parser = _TopLevel(text)
    parser.feed(text)
    parser.close()
    return parser.found

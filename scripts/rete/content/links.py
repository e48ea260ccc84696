"""The links, images and anchors of a page's Markdown, found as the site reads them.

Python-Markdown (what MkDocs renders with) gives no positions, and parsing every
body with it would make `rete valida` on a large network many times slower; these
patterns follow its rules for inline links and images, reference definitions,
raw HTML ``href``/``src``, headings and ``{: #id }``, and skip what it does not read
as Markdown (code, comments). Every pattern is linear (see bundles.shown).

A body may also link with a short form, ``[testo](scheda:nome)``, ``polo:nome``,
``tema:id``, ``biblioteca:id``, ``destinatario:id``: ``rewrite`` turns each into the
page's file, relative to the page that shows the body, which MkDocs (and the
booklet) then link as any other.
"""

from __future__ import annotations

import html
import posixpath
import re
from functools import lru_cache
from typing import Callable, NamedTuple

from markdown.extensions.toc import slugify, unique

from .bundles import attributes

# The short forms, by the kind of page they lead to, and that page's docs path.
SHORT = {
    "scheda": "schede/{}.md",
    "polo": "poli/{}.md",
    "tema": "temi/{}.md",
    "biblioteca": "biblioteche/{}.md",
    "destinatario": "destinatari/{}.md",
}
_SHORT = re.compile(r"(?P<kind>[a-z]+):(?P<name>[^#?/\s]*)(?P<rest>[#?].*)?\Z", re.IGNORECASE)


def url_of(path: str) -> str:
    """A docs path's address below the site's root, as MkDocs makes it (directory URLs)."""
    if path == "index.md" or path.endswith("/index.md"):
        return path[:-len("index.md")]
    return path[:-3] + "/" if path.endswith(".md") else path


def relative_url(target: str, here: str) -> str:
    """The address of the docs path ``target`` relative to the page ``here``'s."""
    there = url_of(target)
    relative = posixpath.relpath(there or ".", url_of(here) or ".")
    return relative + "/" if there.endswith("/") and relative != "." else relative


def short_target(here: str, folder: Callable[[str], bool]
                 ) -> Callable[[str, str, bool], str]:
    """``rewrite``'s target on the page ``here`` (a docs path): the page's file as
    MkDocs links it, relative to ``here``, or in HTML (which MkDocs leaves as it is)
    the page's address; ``folder(name)`` tells a scheda-cartella."""
    def target(kind: str, name: str, in_html: bool) -> str:
        path = (f"schede/{name}/index.md" if kind == "scheda" and folder(name)
                else SHORT[kind].format(name))
        if in_html:
            return relative_url(path, here)
        return posixpath.relpath(path, posixpath.dirname(here) or ".")
    return target


class Link(NamedTuple):
    """One address in a page's Markdown: where it is written and how."""

    line: int  # 0-based, from the start of the text
    start: int  # the address's span in the text
    end: int
    address: str  # as written, without <> around it
    syntax: str  # "md" (a Markdown link or image) or "html" (a tag's attribute)
    image: bool


_FENCE = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,})[^\n]*\n(?:.*\n)*?[ \t]*(?P=fence)[`~]*[ \t]*$",
                    re.MULTILINE)
_CODE_SPAN = re.compile(r"(?<![`\\])(?P<ticks>`+)(?!`)(?:[^`\n]|\n(?![ \t]*\n))+?(?<!`)"
                        r"(?P=ticks)(?!`)")
_TEXT = r"(?:[^\[\]\\]|\\.|\[(?:[^\[\]\\]|\\.)*+\])*+"
_INLINE = re.compile(
    r"(?<!\\)(?P<bang>!?)\[" + _TEXT + r"\]\([ \t]*\n?[ \t]*"
    r"(?:<(?P<angled>[^<>\n]*)>|(?P<dest>(?:[^()\s\\]|\\.|\((?:[^()\s\\]|\\.)*+\))+))"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?\s*\)")
_REFERENCE = re.compile(r"^[ ]{0,3}\[[^\[\]\n]+\]:[ \t]*\n?[ \t]*"
                        r"(?:<(?P<angled>[^<>\n]*)>|(?P<dest>[^\s<>]\S*))", re.MULTILINE)
_TAG = re.compile(r"<(?P<name>a|img|video|audio|source)\b(?P<attrs>[^<>]*)>", re.IGNORECASE)
# What a tag loads or leads to, as MkDocs' HTML and the sanitiser treat it.
_TAG_ADDRESS = {"a": ("href",), "img": ("src",), "video": ("src", "poster"), "audio": ("src",),
                "source": ("src",)}
# Searched in "\n" + text: a pattern that starts with a plain character is found fast.
_ATX = re.compile(r"\n#{1,6}(?P<text>[^\n]*+)")
_CLOSING = re.compile(r"#*[ \t]*\Z")
_UNDERLINE = re.compile(r"\n[ \t]{0,3}(?:=++|-++)[ \t]*+(?=\n|\Z)")
_ATTR_LIST = re.compile(r"[ \t]*\{:?(?P<attrs>[^{}\n]*)\}[ \t]*$")
_BLOCK_ATTR = re.compile(r"\n\{:?(?P<attrs>[^{}\n]*)\}[ \t]*$", re.MULTILINE)
_ID_ATTR = re.compile(r"(?:^|\s)#(?P<id>[^\s}#]+)")
_HTML_ID = re.compile(r"<[a-zA-Z][^<>]*?\s(?:id|name)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'>]+))")


def _blank(match: re.Match) -> str:
    """The same text with every character but line breaks as a space: positions and
    line numbers stay, nothing inside is read."""
    return re.sub(r"[^\n]", " ", match.group())


# Each "in" test looks for one character: in a text with accents (stored as 16-bit
# characters) that is a hundred times quicker than looking for two.
def readable(text: str) -> str:
    """``text`` with code blocks, code spans and HTML comments blanked out."""
    if "`" in text or "~" in text:
        text = _FENCE.sub(_blank, text)
    if "`" in text:
        text = _CODE_SPAN.sub(_blank, text)
    if "<" in text:
        text = _without_comments(text)
    return text


def _without_comments(text: str) -> str:
    """``text`` with each HTML comment blanked out (one left open runs to the end).
    A loop of ``find``: a pattern would look for the end again from every opening."""
    parts, last = [], 0
    while (start := text.find("<!--", last)) >= 0:
        end = text.find("-->", start + 4)
        end = len(text) if end < 0 else end + 3
        parts += [text[last:start], re.sub(r"[^\n]", " ", text[start:end])]
        last = end
    return "".join(parts + [text[last:]]) if parts else text


def find(text: str, plain: str | None = None) -> list[Link]:
    """Every link and image address of a page's Markdown, in the order written.
    ``plain`` is ``readable(text)``, when the caller has it."""
    if "]" not in text and "<" not in text:
        return []
    plain = readable(text) if plain is None else plain
    found: list[tuple[int, int, str, str, bool]] = []
    if "]" in plain:
        for m in _INLINE.finditer(plain):
            group = "angled" if m["angled"] is not None else "dest"
            found.append((m.start(group), m.end(group), m[group], "md", bool(m["bang"])))
        for m in _REFERENCE.finditer(plain):
            group = "angled" if m["angled"] is not None else "dest"
            found.append((m.start(group), m.end(group), m[group], "md", False))
    if "<" in plain:
        for tag in _TAG.finditer(plain):
            name = tag["name"].lower()
            attrs = attributes(tag["attrs"])
            for key in _TAG_ADDRESS[name]:
                if key in attrs:
                    where = tag.start("attrs") + tag["attrs"].lower().find(key)
                    found.append((where, where, attrs[key], "html", name != "a"))
    found.sort()
    links, line, last = [], 0, 0
    for start, end, address, syntax, image in found:
        line, last = line + plain.count("\n", last, start), start
        links.append(Link(line, start, end, address, syntax, image))
    return links


def short(address: str) -> tuple[str, str, str] | None:
    """(kind, name, "#anchor" or "") of a short form such as ``scheda:nome#sezione``;
    None for any other address. The kind is as written (``schede:`` is a slip)."""
    match = _SHORT.match(address.strip())
    if not match or match["kind"].lower() in ("http", "https", "mailto", "tel", "data",
                                              "javascript", "file", "ftp"):
        return None
    return match["kind"].lower(), match["name"], match["rest"] or ""


def rewrite(text: str, target: Callable[[str, str, bool], str]) -> str:
    """``text`` with every short form's address replaced by ``target(kind, name,
    in_html)`` plus its anchor."""
    if ":" not in text:
        return text
    out, last = [], 0
    for link in find(text):
        found = short(link.address)
        if found is None or found[0] not in SHORT:
            continue
        address = target(found[0], found[1], link.syntax == "html")
        if link.syntax == "html":  # the attribute's value, as it is written in the tag
            start = text.find(link.address, link.start)
            if start < 0:
                continue
            end = start + len(link.address)
        else:
            start, end = link.start, link.end
        out += [text[last:start], address + found[2]]
        last = end
    return "".join(out + [text[last:]]) if out else text


_MARKUP = re.compile(r"[\[<\\*`_&]")


def heading_text(markdown: str) -> str:
    """A heading's words as the table of contents reads them (its rendered text)."""
    if not _MARKUP.search(markdown):
        return markdown.strip()
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", markdown)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<[^<>]*>", "", text)
    text = re.sub(r"\\(.)", r"\1", re.sub(r"[*`]+|(?<!\w)_+|_+(?!\w)", "", text))
    return html.unescape(text).strip()


@lru_cache(maxsize=4096)  # most bodies share their sections' titles
def _slug(words: str) -> str:
    return slugify(heading_text(words), "-")


def _attr_id(attrs: str) -> str | None:
    match = _ID_ATTR.search(attrs)
    return match["id"] if match else None


def _setext(lined: str) -> list[tuple[int, int]]:
    """The spans, in ``lined`` ("\n" + text), of the lines underlined with = or -
    that start a paragraph (the first line, or one after a blank line)."""
    spans = []
    for m in _UNDERLINE.finditer(lined):
        start = lined.rfind("\n", 0, m.start()) + 1
        if start == 0 or not lined[start:m.start()].strip():
            continue
        before = lined.rfind("\n", 0, start - 1)
        if before < 0 or not lined[before + 1:start - 1].strip():
            spans.append((start, m.start()))
    return spans


def headings(text: str, plain: str | None = None) -> list[tuple[str, str | None]]:
    """(text, id given with ``{: #id }`` or None) of every heading, in order.
    ``plain`` is ``readable(text)``, when the caller has it."""
    lined, plain = "\n" + text, "\n" + (readable(text) if plain is None else plain)
    # Found in the text without code, read in the text itself: `code` is a heading's text.
    found = [(m.start("text"), _CLOSING.sub("", lined[m.start("text"):m.end()]))
             for m in _ATX.finditer(plain)]
    if "=" in plain or "-" in plain:
        found += [(start, lined[start:end]) for start, end in _setext(plain)]
    result = []
    for start, raw in sorted(found):
        given = None
        attr = _ATTR_LIST.search(raw)
        if attr:
            given, raw = _attr_id(attr["attrs"]), raw[:attr.start()]
        result.append((raw.strip(), given))
    return result


def anchors(before: list[str], text: str, after: list[str],
            moved: Callable[[str], str] = lambda i: i, plain: str | None = None
            ) -> frozenset[str]:
    """The ids a page will have: its headings' (``before`` the text, the text's own,
    ``after`` it, as the table of contents numbers equal ones: ``titolo``,
    ``titolo_1``…), every ``{: #id }`` and every HTML ``id``/``name``. ``moved`` is
    what the page's sanitiser does to an id (``sanitize.own_id``); ``plain`` is
    ``readable(text)``, when the caller has it."""
    plain = readable(text) if plain is None else plain
    given = [(h, None) for h in before] + headings(text, plain) + [(h, None) for h in after]
    # The table of contents numbers a heading's id past every id set with attr_list.
    ids = {i for _, i in given if i}
    if "{" in plain:
        ids.update(_attr_id(m["attrs"]) or "" for m in _BLOCK_ATTR.finditer("\n" + plain))
    for words, explicit in given:
        if explicit is None:
            unique(_slug(words), ids)
    if "<" in plain:
        ids.update(next(v for v in m.groups() if v is not None)
                   for m in _HTML_ID.finditer(plain))
    ids.discard("")
    return frozenset(moved(i) for i in ids)

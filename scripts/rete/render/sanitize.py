"""An allowlist for the HTML of rendered pages (bodies come from forms and folders).

``clean`` is the one sanitiser of librarians' HTML: the site, the booklet and the
forms' previews all pass their HTML through it. Beside tags and attributes it
keeps three promises:

- ids: the theme and the site own every id that starts with ``__`` (Material:
  ``__config``, ``__drawer``…), ``md-``, ``rete-`` or ``pagefind`` and every id
  with a character outside letters, digits, ``-`` and ``_``; a body's id in that
  space is moved out of it by ``own_id``, and so are the links to it (``#id``)
  and the table of contents, so heading anchors keep working;
- classes: only the classes ordinary Markdown produces (admonitions, code,
  permalinks) survive; the theme's ``md-*`` and the site's own are dropped;
- loads: an attribute that makes the browser fetch something is kept only when
  the address stays on the page's own origin (``urls.elsewhere``).
"""

from __future__ import annotations

import re

import nh3
from pygments.token import STANDARD_TYPES

from ..content import urls
from ..content.ids import own_id, theirs  # noqa: F401  (theirs: the tests read it here)

TAGS = {
    "a", "abbr", "audio", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd",
    "del", "details", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4",
    "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "nav", "ol", "p", "pre", "s",
    "small", "source", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "u", "ul", "video",
}
ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "dir"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "video": {"src", "controls", "width", "height", "poster", "preload"},
    "audio": {"src", "controls", "preload"},
    "source": {"src", "type"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "ol": {"start", "type"},
    "details": {"open"},
    "abbr": {"title"},
}
LOADS = urls.LOADS  # every attribute above that makes the browser fetch something
SCHEMES = {"http", "https", "mailto", "tel"}

# Material's admonition types (and their aliases), as admonition and details write them.
ADMONITIONS = {
    "note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "important",
    "success", "check", "done", "question", "help", "faq", "warning", "caution", "attention",
    "failure", "fail", "missing", "danger", "error", "bug", "example", "quote", "cite",
}
CLASSES = ADMONITIONS | {"admonition", "admonition-title", "headerlink", "highlight",
                         "rete-sintesi", "rete-correggi", "rete-richiedi", "rete-aggiornamento",
                         "rete-riprendi", "rete-diffusione"} | {
    c for c in STANDARD_TYPES.values() if c}
_LANGUAGE = re.compile(r"language-[a-z0-9+#_-]{1,30}\Z")


def _classes(value: str) -> str | None:
    kept = [c for c in value.split() if c in CLASSES or _LANGUAGE.match(c)]
    return " ".join(kept) or None


def _filter(page: str):
    def attribute(element: str, attribute: str, value: str) -> str | None:
        if (element, attribute) in LOADS:
            # An image from another server would tell it who reads the page.
            return None if urls.elsewhere(value, page) else value
        if attribute == "id":
            return own_id(value)
        if attribute == "class":
            return _classes(value)
        if attribute == "href" and value.startswith("#"):
            return "#" + own_id(value[1:]) if value != "#" else value
        return value
    return attribute


def clean(html: str, page: str | None = None) -> str:
    """Keep ordinary Markdown output; drop scripts, frames, handlers, javascript: URLs,
    the theme's classes and ids, and whatever would load from another server.

    ``page`` is the address the HTML is shown at (``urls.page_address``): relative
    addresses are resolved against it; without it, same-site paths stay.
    """
    page = page or urls.page_address(None, "")
    return nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=SCHEMES,
                     link_rel="noopener noreferrer", strip_comments=True,
                     attribute_filter=_filter(page))


def clean_toc(items) -> None:
    """Make a page's table of contents match ``clean``: the theme prints its ids and
    titles as they are, and a body can set a heading's id ({: id=... })."""
    for item in items:
        item.id = own_id(item.id)
        item.title = nh3.clean(item.title, tags=set())
        clean_toc(item.children)

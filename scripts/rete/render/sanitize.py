"""An allowlist for the HTML of rendered pages (bodies come from forms and folders)."""

from __future__ import annotations

import re

import nh3

from ..text import EXTERNAL

TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del",
    "details", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "nav", "ol", "p", "pre", "s", "small",
    "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
    "tr", "u", "ul",
}
ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "dir"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "ol": {"start", "type"},
    "details": {"open"},
    "abbr": {"title"},
}
SCHEMES = {"http", "https", "mailto", "tel"}
_NOT_IN_ID = re.compile(r"[\s\"'<>&`=]")  # what could end or extend an attribute


def _attribute(element: str, attribute: str, value: str) -> str | None:
    # An image from another server would tell it who reads the page: it is dropped.
    if element == "img" and attribute == "src" and EXTERNAL.match(value):
        return None
    return value


def clean(html: str) -> str:
    """Keep ordinary Markdown output; drop scripts, frames, handlers, javascript: URLs
    and images loaded from other servers."""
    return nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=SCHEMES,
                     link_rel="noopener noreferrer", strip_comments=True,
                     attribute_filter=_attribute)


def clean_toc(items) -> None:
    """Make a page's table of contents safe: the theme prints its ids and titles as they
    are, and a body can set a heading's id with an attribute list ({: id=... })."""
    for item in items:
        item.id = _NOT_IN_ID.sub("-", item.id)
        item.title = nh3.clean(item.title, tags=set())
        clean_toc(item.children)

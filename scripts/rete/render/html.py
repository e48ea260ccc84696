"""Schede and poli as HTML: the site's own Markdown, turned into HTML as MkDocs does it.

The booklet, the posters, the «Libretto» page and the communications read the
content through here, so it has one renderer: the site's Jinja templates
(``pages.scheda_markdown``), Python-Markdown with the extensions mkdocs.yml
enables, then ``sanitize.clean``. Only the links differ: a printed page has no
relative address, so each caller says where a link to a page of the site leads.
"""

from __future__ import annotations

import html
import posixpath
import re
from functools import lru_cache
from typing import Callable
from urllib.parse import urljoin, urlsplit

import markdown

from . import sanitize
from ..content import urls
from ..content.links import url_of

# The same extensions, in the same order and with the same options, as
# mkdocs.yml's markdown_extensions (a test compares them); toc's permalink is
# the site's only addition, a pilcrow that paper does not need.
EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "md_in_html", "tables",
              "pymdownx.details", "pymdownx.superfences", "pymdownx.escapeall", "toc"]
CONFIGS = {"pymdownx.escapeall": {"hardbreak": False, "nbsp": False}}

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
# nh3 writes every attribute double-quoted with its quotes escaped, so this finds
# exactly the addresses of its output and never text.
_ADDRESS = re.compile(r'(<(?:a|img)\b[^>]*?\s(?:href|src)=")([^"]*)(")')

# A resolver gets a path in the site's docs tree ("temi/x.md",
# "schede/y/foto.png") and the kind of reference ("href" or "src") and returns
# the address to print, or None to leave the reference as it is.
Resolver = Callable[[str, str], "str | None"]


page_url = url_of  # the address of a docs path on the built site (directory URLs)


def site_resolver(base: str) -> Resolver:
    """Links to the site itself, at ``base`` (rete.yml's ``sito``)."""
    return lambda path, kind: urljoin(base, page_url(path))


def _relink(text: str, here: str, resolve: Resolver) -> str:
    folder = posixpath.dirname(here)

    def one(match: re.Match) -> str:
        address = html.unescape(match.group(2))
        kind = "src" if match.group(1).rstrip('"').endswith("src=") else "href"
        page = urls.page_address(None, page_url(here))
        if not address or address.startswith("#") or urls.elsewhere(address, page):
            return match.group(0)
        parts = urlsplit(address)
        path = posixpath.normpath(posixpath.join(folder, parts.path)) if parts.path else here
        target = resolve(path, kind)
        if target is None:
            return match.group(0)
        if parts.fragment and "#" not in target:
            target += "#" + parts.fragment
        return match.group(1) + html.escape(target, quote=True) + match.group(3)

    return _ADDRESS.sub(one, text)


# The slug prefix of the page being converted: many schede share one document, so
# heading ids carry the scheda's slug. One converter per level serves every page
# (building one loads every extension: a few milliseconds, per scheda).
_prefix = {"now": "h"}


@lru_cache(maxsize=None)
def _converter(level: int) -> markdown.Markdown:
    from markdown.extensions.toc import slugify_unicode

    configs = {**CONFIGS, "toc": {"baselevel": level, "slugify": lambda value, sep:
                                  f"{_prefix['now']}{sep}{slugify_unicode(value, sep)}"}}
    return markdown.Markdown(extensions=EXTENSIONS, extension_configs=configs)


def from_markdown(text: str, here: str, resolve: Resolver, prefix: str = "",
                  level: int = 1) -> str:
    """A generated page's Markdown as safe HTML, its links passed through ``resolve``;
    its title is a heading of ``level``, and the others follow."""
    body = _FRONT_MATTER.sub("", text, count=1)
    converter = _converter(level)
    converter.reset()  # nothing of the previous page (ids, footnotes) carries over
    _prefix["now"] = prefix or "h"
    converted = converter.convert(body)
    return _relink(sanitize.clean(converted), here, resolve)


"""What a printed page of the site needs to stay useful on paper: the full address
behind each link, even a link to another page of the site written as a relative path.

The print stylesheet (``docs/stylesheets/stampa.css``) shows addresses with
``attr()``; CSS cannot resolve a relative ``href`` against the page, so the full
address is written beside it, in ``data-indirizzo``, when the page is built.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

import ada_url

# Runs on the sanitiser's output (nh3 writes every attribute double-quoted, with
# its quotes escaped), so this finds exactly the links and never text.
_LINK = re.compile(r'<a\b([^>]*?\shref=")([^"]*)(")')


def link_addresses(content: str, page: str) -> str:
    """``content`` with every link that is a path on the site (``../temi/x/``,
    ``foto.png``) carrying its full address; ``page`` is the page's own address.
    Links with a scheme (``https:``, ``mailto:``) already show their ``href``; a
    link to a place on the same page (``#titolo``) stays on the same sheet."""

    def one(match: re.Match) -> str:
        href = html.unescape(match.group(2))
        if not href or href.startswith("#") or urlsplit(href).scheme:
            return match.group(0)
        try:  # resolved as the browser resolves it (WHATWG URL)
            address = ada_url.join_url(page, href)
        except ValueError:
            return match.group(0)
        return (f'<a data-indirizzo="{html.escape(address, quote=True)}"'
                + match.group(1) + match.group(2) + match.group(3))

    return _LINK.sub(one, content)

"""Where an address leads, decided as a browser decides it.

A regular expression cannot tell whether ``/\\host/x.png``, ``\\/host/x.png`` or
``\\t//host`` leave the site: browsers follow the WHATWG URL standard, which
turns backslashes into slashes, drops tabs and newlines anywhere and strips
leading control characters and spaces. ``ada-url`` (Ada, the parser Node.js
uses) implements that standard; every check of "another server" goes through
``elsewhere`` so that the validator's warning and the sanitiser agree.
"""

from __future__ import annotations

import ada_url

# A base when the real address of the site is unknown or unusable: what it says
# does not matter, only that every same-site path resolves to its origin.
FALLBACK_SITE = "https://rete.invalid/"
LOADABLE = {"http:", "https:"}
# Every (element, attribute) of a page's body that makes the browser fetch something
# by itself, among those the sanitiser lets through.
LOADS = {("img", "src"), ("video", "src"), ("video", "poster"), ("audio", "src"),
         ("source", "src")}


def page_address(site: str | None, path: str) -> str:
    """The address of a page of the site, ``path`` relative to the site's root.

    ``path`` is a published page's URL path (``schede/nome/``); a site address
    that does not parse falls back to a placeholder of the same shape.
    """
    base = site if isinstance(site, str) and _parses(site) else FALLBACK_SITE
    if not base.endswith("/"):
        base += "/"
    return ada_url.join_url(base, path.lstrip("/"))


def _parses(url: str) -> bool:
    try:
        parsed = ada_url.URL(url)
    except ValueError:
        return False
    return parsed.protocol in LOADABLE and bool(parsed.host)


def _origin(url: ada_url.URL) -> tuple[str, str, str]:
    return url.protocol, url.hostname, url.port


def elsewhere(url: str, page: str) -> bool:
    """True when loading ``url`` from the page at ``page`` would ask another server,
    or anything that is not the site's own http(s) origin (``data:``, ``file:``…).

    An address that does not parse counts as elsewhere: a browser may read it
    differently from us, and nothing of the site needs it.
    """
    try:
        base = ada_url.URL(page)
        target = ada_url.URL(url, base=page)
    except ValueError:
        return True
    return target.protocol not in LOADABLE or _origin(target) != _origin(base)


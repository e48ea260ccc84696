"""Whose ids a page's body may set: the theme and the site own some, and a body's id
in their space is moved out of it (the sanitiser does it; the link check reads the ids
a page will have, after the move).

The theme and the site own every id that starts with ``__`` (Material: ``__config``,
``__drawer``…), ``md-``, ``rete-`` or ``pagefind`` and every id with a character
outside letters, digits, ``-`` and ``_``.
"""

from __future__ import annotations

import re

_PLAIN_ID = re.compile(r"[^\W_][\w-]*\Z")
_RESERVED_ID = re.compile(r"(?:md-|rete-|pagefind)", re.IGNORECASE)
_NOT_ID = re.compile(r"[^\w-]+")
# Where the tags plugin injects a listing after the pages are built (a heading it
# writes in place of its directive, which bodies cannot hold: ``mdtext.body``).
_LISTING = re.compile(r"[\w./-]+\.md:\d+-\d+/slug\Z")


def theirs(ident: str) -> bool:
    """True for an id the theme or the site may use: a body must not set it."""
    return not _PLAIN_ID.match(ident) or bool(_RESERVED_ID.match(ident))


def own_id(ident: str) -> str:
    """A body's id, moved out of the theme's and the site's space when it is in it.

    The same id always becomes the same new id, so a heading, its permalink, the
    table of contents and ``#links`` in the body still meet.
    """
    if not theirs(ident) or _LISTING.match(ident):
        return ident
    return "s-" + (_NOT_ID.sub("-", ident).strip("-_").lower() or "sezione")

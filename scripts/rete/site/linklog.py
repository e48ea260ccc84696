"""MkDocs' warnings about a page's links, said as `rete valida` says a problem.

`rete valida` (run again by the hook before the build) reports every broken link
first, in Italian; this is the second line of defence, for a link only MkDocs
notices. MkDocs logs those in English on ``mkdocs.structure.pages`` (ProperDocs on
``properdocs.structure.pages``); the filter put
there turns each into the project's problem lines (file:line, level, message, hint,
as ``formatters.testo`` prints them), at the record's level, so a strict build still
counts them. The notes that MkDocs "left as is" a link to a page's address are
dropped: the validator has checked those links already.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Callable

from .. import formatters
from ..publish import links
from ..problems import Level, Problem

# MkDocs logs a page's links here; ProperDocs, its continuation, under its own name.
LOGGERS = ("mkdocs.structure.pages", "properdocs.structure.pages")
LOGGER = LOGGERS[0]
_DOC = r"Doc file '(?P<page>.+?)' contains "
_NOT_FOUND = re.compile(_DOC + r"a link '(?P<link>.*)', but the target(?: '.*?')? is not found "
                        r"among documentation files\.(?: Did you mean '(?P<guess>.*)'\?)?\Z",
                        re.DOTALL)
_SAME_ANCHOR = re.compile(_DOC + r"a link '(?P<link>.*)', but there is no such anchor on this "
                          r"page\.", re.DOTALL)
_ANCHOR = re.compile(_DOC + r"a link '(?P<link>.*)', but the doc '(?P<target>.*?)' does not "
                     r"contain an anchor '#(?P<anchor>.*)'\.\Z", re.DOTALL)
_EXCLUDED = re.compile(_DOC + r"a link to '(?P<target>.*)' which is excluded from the built "
                       r"site\.\Z", re.DOTALL)
_LEFT_AS_IS = re.compile(_DOC + r"(?:an unrecognized relative|an absolute) link '.*', it was "
                         r"left as is\.", re.DOTALL)


def problem(message: str, level: int, source: Callable[[str], tuple[str, Path | None]]
            ) -> Problem | None:
    """The problem an English MkDocs message about a page's link tells; None for a
    message of another kind. ``source(page)`` gives the file a docs page comes from
    (relative to the content tree) and its path on disk, if any."""
    for pattern, say in ((_NOT_FOUND, _not_found), (_ANCHOR, _anchor),
                         (_SAME_ANCHOR, _same_anchor), (_EXCLUDED, _excluded)):
        match = pattern.match(message)
        if match:
            rel, path = source(match["page"])
            text, hint = say(match)
            written = match.groupdict().get("link") or match.groupdict().get("target")
            kind = Level.ERRORE if level >= logging.WARNING else Level.AVVISO
            return Problem(rel, links.line_of(path, written), None, kind, text, hint)
    return None


def _not_found(m: re.Match) -> tuple[str, str]:
    return links.not_found(m["link"], m["guess"])


def _anchor(m: re.Match) -> tuple[str, str]:
    return (f"il collegamento «{m['link']}»: la pagina «{m['target']}» non ha la sezione "
            f"«#{m['anchor']}»", "scrivi dopo # una sezione che quella pagina ha")


def _same_anchor(m: re.Match) -> tuple[str, str]:
    anchor = m["link"].partition("#")[2]
    return (f"il collegamento «{m['link']}»: questa pagina non ha la sezione «#{anchor}»",
            "scrivi dopo # una sezione che questa pagina ha")


def _excluded(m: re.Match) -> tuple[str, str]:
    return (f"il collegamento porta a «{m['target']}», che non è pubblicata sul sito",
            "togli il collegamento, oppure collega un'altra pagina")


class Italian(logging.Filter):
    """Put on the ``mkdocs.structure.pages`` logger: each link warning becomes the
    problem's lines, logged on ``into`` at the same level."""

    def __init__(self, source: Callable[[str], tuple[str, Path | None]],
                 into: logging.Logger):
        super().__init__()
        self.source = source
        self.into = into

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if _LEFT_AS_IS.match(message):
            return False
        found = problem(message, record.levelno, self.source)
        if found is None:
            return True
        text = formatters.testo([found], {}).rstrip("\n").split("\n")[:-1]  # no summary
        for line in text:
            self.into.log(record.levelno, line)
        return False

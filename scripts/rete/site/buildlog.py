"""The build log as a librarian reads it: each record on one line, the content's
problems and MkDocs' link warnings said as `rete valida` says them."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Callable

from . import linklog
from .. import formatters

log = logging.getLogger("mkdocs.hooks.rete")  # ProperDocs makes "mkdocs" a child of its own
ENGINES = ("mkdocs", "properdocs")  # the loggers whose handlers print the build log

# MkDocs' English warning on every `serve --dirty` build, which --strict would count.
DIRTY = "A 'dirty' build is being performed"
DIRTY_NOTE = ("anteprima veloce: si ricostruiscono solo le pagine cambiate; il menu, "
              "la ricerca e i collegamenti delle altre pagine si aggiornano con «make sito»")


class OneLine(logging.Filter):
    """Every record of the build log on one line, control characters shown as codes:
    MkDocs logs names and links from librarians' pages, and a CI log obeys a line
    that starts with "::" (``::add-mask::``, ``::warning file=…::``)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.getMessage().startswith(DIRTY):
            return False  # said in Italian by on_config (and not counted by --strict)
        record.msg = formatters.visible(record.getMessage())
        record.args = None
        return True


ONE_LINE = OneLine()


def one_line() -> None:
    """Put ``ONE_LINE`` on MkDocs' handlers and the root's (once each)."""
    engines = [h for name in ENGINES for h in logging.getLogger(name).handlers]
    for handler in [*engines, *logging.getLogger().handlers]:
        if ONE_LINE not in handler.filters:
            handler.addFilter(ONE_LINE)


def checked(text: str) -> None:
    """What `rete valida` says of content with no errors (its warnings and its summary
    line), said as it says it, on the build's stderr whatever the engine's log level:
    `make sito` checks the content only here, and `--quiet` would hide an INFO record
    (and `--strict` would count a WARNING one)."""
    for line in text.rstrip("\n").split("\n"):
        sys.stderr.write(formatters.visible(line) + "\n")
    sys.stderr.flush()


def lines(level: int, text: str) -> None:
    for line in text.rstrip("\n").split("\n"):
        log.log(level, line)


def italian_link_warnings(source: Callable[[str], tuple[str, Path | None]]) -> None:
    """MkDocs' warnings about links, said as `rete valida` says them (linklog)."""
    english_link_warnings()  # a hook loaded by an earlier build in this process
    for name in linklog.LOGGERS:
        logging.getLogger(name).addFilter(linklog.Italian(source, log))


def english_link_warnings() -> None:
    """MkDocs' link warnings as they were before a build, once it is over: what else
    this process logs there is none of the build's business."""
    for name in linklog.LOGGERS:
        pages_log = logging.getLogger(name)
        for old in [f for f in pages_log.filters if type(f).__name__ == "Italian"]:
            pages_log.removeFilter(old)

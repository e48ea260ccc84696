"""`mkdocs serve`: what a rebuild after an edit need not do again."""

from __future__ import annotations

from jinja2 import MemcachedBytecodeCache

from ..runtime import collector
from ..runtime.cache import Cache


class _InMemory(dict):
    """The client MemcachedBytecodeCache asks for, kept in this process's memory."""

    def set(self, key, value, timeout=None):
        self[key] = value


class ServeSession:
    """What lives as long as the server: the cache of checks and pages, the theme's
    compiled templates, the collector's timing, and what the last build made."""

    def __init__(self, dirty: bool) -> None:
        self.dirty = dirty
        self.cache = Cache()  # the tree is checked and rendered again after every edit
        self.collector = collector.BetweenRebuilds()
        # The theme's templates compiled once for the whole session: MkDocs makes a new
        # Jinja environment at every build, which would compile them all again. Jinja
        # checks each template's source against the checksum kept with its code.
        self.compiled = MemcachedBytecodeCache(_InMemory())
        self.served: set[str] | None = None  # the documentation pages of the last build
        self.built: dict[str, str] = {}  # src_uri -> each generated page's Markdown then
        self.pages: list = []  # this build's generated pages, remembered at its end
        collector.freeze_loaded()

    def rebuilding(self) -> bool:
        """True from the second build on."""
        return self.served is not None

    def rebuild_env(self, env, config, files) -> None:
        """What a rebuild under serve need not do again."""
        env.bytecode_cache = self.compiled
        pages_now = {f.src_uri for f in files.documentation_pages()}
        if self.dirty and self.served == pages_now:
            # Like every page --dirty does not rebuild, the 404 page (a menu of every
            # page) and the sitemap stay as the last build made them: the pages are
            # the same ones (a changed title reaches them with «make sito»).
            config.theme.static_templates = set()
        self.served = pages_now

    def built_now(self) -> None:
        """What the next build compares its pages with (``files.Page.is_modified``)."""
        self.collector.collect_later()
        self.built.clear()
        self.built.update((f.src_uri, f.content_string) for f in self.pages)

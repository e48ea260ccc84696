"""One build of the site, as the MkDocs hook hands it over: the model, the docs tree
made from it (``publish.tree``: every generated page already sanitised and finished,
the same tree ``rete genera`` writes for an engine with no hook), the background
jobs and the search index. Under `mkdocs serve` the same object lives through every
rebuild (``ServeSession``)."""

from __future__ import annotations

import logging
from pathlib import Path

from markupsafe import Markup
from mkdocs.exceptions import PluginError

from . import buildlog
from .files import Asset, Page
from .jobs import Background, failed
from .serve import ServeSession
from .. import formatters
from ..content import sitemap
from ..content.collections import FOLDERS
from ..content.loader import REGISTRY
from ..content.model import Knowledge
from ..problems import Problem, ReteError
from ..publish import config as site_config, search, tree as docs_tree
from ..render import personal
from ..runtime import collector
from ..runtime.cache import NO_CACHE, Cache
from ..runtime.helper import IN_PROCESS, SECOND_PROCESS
from ..runtime.stored import FOLDER, Key, Shelf
from ..checks.validate import check


# What writes a page besides rete's code, and Pagefind (a kept index is of their versions).
ENGINE_LIBRARIES = ("mkdocs", "properdocs", "mkdocs-material", "markdown", "pymdown-extensions",
                    "jinja2", "pagefind", "pagefind_bin")


class SiteBuild:
    """The site adapter's state, one typed field per concern; each MkDocs event is one
    call. ``serve`` is None for `mkdocs build`."""

    def __init__(self, serve: ServeSession | None = None) -> None:
        self.serve = serve
        self.root = Path()
        self.knowledge: Knowledge | None = None
        self.problems: list[Problem] = []
        self.made: set[str] = set()  # the generated pages
        self.printed: set[str] = set()  # schede and poli, whose sources are files
        self.jobs: Background | None = None
        self.index: search.Indexer | None = None
        self.tree_key = ""  # what the generated tree is made from (publish.tree.Tree.key)
        self.hider = personal.Hider(True)  # what the search index leaves out (configure)

    @classmethod
    def started(cls, command: str, dirty: bool) -> "SiteBuild":
        return cls(ServeSession(bool(dirty)) if command == "serve" else None)

    @property
    def cache(self) -> Cache:
        """What this process keeps between builds: nothing, except under serve."""
        return self.serve.cache if self.serve else NO_CACHE

    # --- on_config: the content, checked and modelled ------------------------------

    def configure(self, config):
        self.root = Path(config.config_file_path).resolve().parent
        buildlog.italian_link_warnings(self._source)
        if self.serve and self.serve.rebuilding():
            self.serve.collector.pause()  # a rebuild: it runs after (collect_later)
        if self.serve and self.serve.dirty:
            buildlog.log.info(buildlog.DIRTY_NOTE)
        with collector.paused():
            result = check(self.root, cache=self.cache)
        if result.errors or result.knowledge is None:
            buildlog.lines(logging.ERROR, formatters.testo(result.problems, result.counts))
            raise PluginError("i contenuti hanno errori, il sito non è stato costruito "
                              "(i problemi sono elencati sopra)")
        if result.problems or not self.serve:  # warnings only: they do not stop a build
            buildlog.checked(formatters.testo(result.problems, result.counts))
        self.knowledge, self.problems = result.knowledge, result.problems
        given = site_config.values(result.knowledge, config.repo_url)  # as `rete genera`
        config.site_name = Markup(given["site_name"])  # escaped
        config.site_url = given["site_url"]
        config.extra["licenza"] = given["licenza"]
        config.extra["piede"] = given["piede"]
        self.hider = personal.hider(result.knowledge)  # what the search index leaves out
        self._close_jobs()  # an earlier build's, under serve
        self.jobs = Background(self.knowledge, self.root, self.cache, inline=bool(self.serve))
        return config

    def _source(self, page: str) -> tuple[str, Path | None]:
        """The file a page of the docs tree comes from: (its name in the content tree,
        its path on disk or None for a page made from rete.yml)."""
        hand = self.root / sitemap.DOCS / page
        if hand.is_file():
            return f"{sitemap.DOCS}/{page}", hand
        return (page, self.root / page) if page in self.printed else (page, None)

    # --- on_files: the generated tree, the background jobs ---------------------------

    def add_files(self, files, config):
        settings = docs_tree.Settings(config.site_url, config.repo_url,
                                      list(config.markdown_extensions), dict(config.mdx_configs))
        try:
            # the pages shared with a second process, except under serve (aside.py)
            tree = docs_tree.prepare(self.knowledge, self.root, settings, self.problems,
                                     self.cache, preview=bool(self.serve),
                                     helper=IN_PROCESS if self.serve else SECOND_PROCESS)
        except ReteError as exc:
            raise failed(exc) from exc
        self.made, self.printed, self.tree_key = set(tree.pages), tree.printed, tree.key
        if tree.problems:  # as MkDocs' own link warnings (linklog): a strict build stops
            said = formatters.testo(tree.problems, {}).rstrip("\n").split("\n")[:-1]
            buildlog.lines(logging.WARNING, "\n".join(said))
        last = self.serve.built if self.serve else {}
        for path, text in [*tree.pages.items(), *tree.files.items()]:
            files.append(Asset.generated(config, path, content=text) if path.endswith(
                (".xml", ".js")) else Page.made(config, path, text, last))
        for path, source in tree.assets.items():
            files.append(Asset.generated(config, path, abs_src_path=str(source)))
        self.jobs.announce(files, config)
        if self.serve:  # what the next build compares with (built_now)
            self.serve.pages = [f for f in files if isinstance(f, Page)]
        return files

    # --- the pages ----------------------------------------------------------------

    def page_markdown(self, markdown: str, src_uri: str) -> str:
        if src_uri in self.made:
            return markdown
        return docs_tree.handwritten(markdown, src_uri, self.knowledge)

    def env(self, env, config, files):
        """Start Pagefind, which indexes each page as it is written (``post_page``).

        Under `mkdocs serve --dirty` the site's folder is kept between builds, and so
        is the index of the first one: searching a preview finds what was there at
        the start.
        """
        self._close_index()
        if self.serve:
            self.serve.rebuild_env(env, config, files)
        self.jobs.fill(files)
        if not (self.serve and (Path(config.site_dir) / search.FOLDER).is_dir()):
            try:
                shelf = None if self.serve or not self.tree_key else Shelf(self.root / FOLDER)
                self.index = search.Indexer(
                    hide=self.hider.text, shelf=shelf,
                    folder=str(Path(config.site_dir) / search.FOLDER),
                    expected=self._pages_from(config) if shelf else None)
            except Exception as exc:  # noqa: BLE001  the binary is missing or does not start
                raise PluginError(f"la ricerca (Pagefind) non si avvia: {exc}") from exc
        return env

    def _pages_from(self, config) -> Key:
        """Everything a built page is made from besides the generated tree: docs/, the
        theme's overrides, mkdocs.yml, the engine and the libraries writing the pages,
        and how Pagefind is asked (the search index kept is keyed by it)."""
        custom = getattr(config.theme, "custom_dir", None)
        folders = [self.root / sitemap.DOCS, *([Path(custom).resolve()] if custom else [])]
        files = [p for folder in folders for p in folder.rglob("*") if p.is_file()]
        # resolved: `-f mkdocs.yml` and `-f /the/project/mkdocs.yml` are one build
        return (Key(self.tree_key, type(config).__module__, search.EXCLUDED)
                .files([*files, Path(config.config_file_path).resolve()])
                .versions(*ENGINE_LIBRARIES))

    def post_page(self, output: str, page, config) -> str:
        """Pagefind gets the finished page."""
        if self.index is not None:
            self.index.add(output, "/" + page.url, page.file.abs_dest_path)
        return output

    # --- the end ------------------------------------------------------------------

    def post_build(self, config) -> None:
        """Write the search index (stemmed in Italian from <html lang="it">) and the PDF
        booklet."""
        if self.serve:
            self.serve.built_now()
        index, self.index = self.index, None
        if index is not None:
            try:
                index.write(str(Path(config.site_dir) / search.FOLDER))
            except Exception as exc:  # noqa: BLE001  Pagefind says why, in English
                raise PluginError(
                    f"l'indice di ricerca (Pagefind) non è stato creato: {exc}") from exc
        self.jobs.write_booklet(config)
        self._close_jobs()
        buildlog.english_link_warnings()

    def failed(self) -> None:
        if self.serve:
            self.serve.collector.collect_later()
        self._close_index()
        self._close_jobs()
        buildlog.english_link_warnings()

    def watch(self, server) -> None:
        for name in (*FOLDERS.values(), REGISTRY):
            if (self.root / name).exists():
                server.watch(str(self.root / name))

    def _close_index(self) -> None:
        index, self.index = self.index, None
        if index is not None:
            index.close()

    def _close_jobs(self) -> None:
        jobs, self.jobs = self.jobs, None
        if jobs is not None:
            jobs.close()

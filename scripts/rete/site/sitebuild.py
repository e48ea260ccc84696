"""One build of the site, as the MkDocs hook hands it over: the model, the pages
rendered from it, the background jobs, the QR marks and the search index. Under
`mkdocs serve` the same object lives through every rebuild (``ServeSession``)."""

from __future__ import annotations

import html
import logging
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

from markupsafe import Markup
from mkdocs.exceptions import PluginError

from . import buildlog, search
from .files import Asset, Page
from .jobs import Background, failed
from .serve import ServeSession
from .. import formatters
from ..content import links, sitemap, urls
from ..booklet import site as booklet
from ..content.collections import FOLDERS
from ..content.loader import REGISTRY
from ..content.model import Knowledge
from ..problems import Problem, ReteError
from ..render import charts, jsonld, markers, pages, paper, qr, sanitize
from ..render.sitefiles import Site
from ..runtime import collector
from ..runtime.cache import NO_CACHE, Cache
from ..runtime.stored import FOLDER, Shelf
from ..checks.validate import check


@dataclass
class Generated:
    """What the core rendered for this build, by the pages' paths in the docs tree."""

    made: set[str] = field(default_factory=set)  # every generated page
    untrusted: set[str] = field(default_factory=set)  # those carrying librarians' text
    printed: set[str] = field(default_factory=set)  # schede and poli: with links on paper
    schede: dict = field(default_factory=dict)  # each scheda's page -> the scheda
    charts: dict = field(default_factory=dict)

    @classmethod
    def of(cls, site: Site, k: Knowledge) -> "Generated":
        schede = {pages.scheda_path(s): s for s in k.pubblicate}
        return cls(set(site.pages), set(site.pages) - site.trusted,
                   set(schede) | {pages.polo_path(p) for p in k.poli}, schede, site.charts)


class SiteBuild:
    """The site adapter's state, one typed field per concern; each MkDocs event is one
    call. ``serve`` is None for `mkdocs build`."""

    def __init__(self, serve: ServeSession | None = None) -> None:
        self.serve = serve
        self.root = Path()
        self.knowledge: Knowledge | None = None
        self.problems: list[Problem] = []
        self.generated = Generated()
        self.jobs: Background | None = None
        self.index: search.Indexer | None = None

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
        if result.problems:  # warnings only: shown, but they do not stop a strict build
            buildlog.log.info("avvisi sui contenuti:")
            buildlog.lines(logging.INFO, formatters.testo(result.problems, result.counts))
        self.knowledge, self.problems = result.knowledge, result.problems
        # The theme prints the site's name without escaping it; it comes from rete.yml.
        config.site_name = Markup(html.escape(result.knowledge.rete.nome))
        config.site_url = result.knowledge.rete.sito
        licence = result.knowledge.rete.licenza
        config.extra["licenza"] = {"nome": licence.nome, "url": licence.url,
                                   "pagina": pages.OPEN_DATA_PAGE.removesuffix(".md") + "/"}
        return config

    def _source(self, page: str) -> tuple[str, Path | None]:
        """The file a page of the docs tree comes from: (its name in the content tree,
        its path on disk or None for a page made from rete.yml)."""
        hand = self.root / sitemap.DOCS / page
        if hand.is_file():
            return f"{sitemap.DOCS}/{page}", hand
        return (page, self.root / page) if page in self.generated.printed else (page, None)

    # --- on_files: the generated pages, the background jobs, the booklet -----------

    def add_files(self, files, config):
        site = pages.render(self.knowledge, config.repo_url, problems=self.problems,
                            cache=self.cache)
        self._refuse_clashes(files, site)
        self.generated = Generated.of(site, self.knowledge)
        last = self.serve.built if self.serve else {}
        for path, text in [*site.pages.items(), *site.files.items()]:
            files.append(Page.made(config, path, text, last))
        for path, source in site.assets.items():
            files.append(Asset.generated(config, path, abs_src_path=str(source)))
        self.jobs = Background(self.knowledge, self.root, files, config,
                               self.generated.printed, self.cache, inline=bool(self.serve))
        self._add_booklet(files, config, last)
        if self.serve:  # what the next build compares with (built_now)
            self.serve.pages = [f for f in files if isinstance(f, Page)]
        return files

    @staticmethod
    def _refuse_clashes(files, site: Site) -> None:
        for path in [*site.pages, *site.assets, *site.files]:
            if files.get_file_from_path(path):
                raise PluginError(f"docs/{path} ha lo stesso nome di una pagina generata: "
                                  "rinominalo o toglilo da docs/")

    def _add_booklet(self, files, config, last: dict) -> None:
        """The booklet's page, made of HTML already cleaned and carrying QR codes, and
        the feed."""
        try:
            printed = booklet.files(self.knowledge, bool(self.serve),
                                    Shelf(self.root / FOLDER))
        except ReteError as exc:
            raise failed(exc, "il libretto non è stato creato: ") from exc
        for path, content in printed.items():
            files.append(Asset.generated(config, path, content=content) if path.endswith(
                ".xml") else Page.made(config, path, content, last))

    # --- the pages ----------------------------------------------------------------

    def page_markdown(self, markdown: str, src_uri: str) -> str:
        # Markers belong to docs/, reviewed like code; in a librarian's page they are
        # text (expanding them there would multiply a few bytes into megabytes).
        if src_uri in self.generated.made:
            return markdown
        markdown = links.rewrite(markdown, links.short_target(
            src_uri, pages.folders(self.knowledge)))
        return markers.expand(markdown, self.knowledge)

    def page_content(self, content: str, page, config) -> str:
        src_uri = page.file.src_uri
        here = urls.page_address(config.site_url, page.url)
        if src_uri in self.generated.untrusted:  # librarians' text; docs/ is reviewed
            sanitize.clean_toc(page.toc)
            cleaned = sanitize.clean(content, here)
            content = charts.place(cleaned, self.generated.charts.get(src_uri, {}))
        printed = src_uri in self.generated.printed
        if printed or src_uri == booklet.PAGE:
            # On paper every link shows its full address, a link inside the site too.
            content = paper.link_addresses(content, here)
        if printed:  # shown only on paper, beside the title
            # made aside, put in by post_page; under serve, made here for this page
            content = (qr.on_paper(urljoin(config.site_url, page.url)) if self.serve
                       else self.jobs.qr_mark) + content
        return content

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
        if not (self.serve and (Path(config.site_dir) / "pagefind").is_dir()):
            try:
                self.index = search.Indexer()
            except Exception as exc:  # noqa: BLE001  the binary is missing or does not start
                raise PluginError(f"la ricerca (Pagefind) non si avvia: {exc}") from exc
        return env

    def post_page(self, output: str, page, config) -> str:
        """Each scheda page carries its schema.org description in <head>; Pagefind gets
        the finished page."""
        src_uri = page.file.src_uri
        scheda = self.generated.schede.get(src_uri)
        if scheda is not None:
            url = (config.site_url or "") + page.url if config.site_url else None
            data = jsonld.script(jsonld.scheda(scheda, self.knowledge.rete, url))
            output = output.replace("</head>", data + "</head>", 1)
        if src_uri in self.generated.printed and not self.serve:
            address = urljoin(config.site_url, page.url)
            output = output.replace(self.jobs.qr_mark, self.jobs.qr_code(address), 1)
        if self.index is not None:
            self.index.add(output, "/" + page.url)
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
                index.write(str(Path(config.site_dir) / "pagefind"))
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

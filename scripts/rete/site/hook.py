"""The MkDocs adapter: hands the pages rendered by the core to MkDocs.

Declared in mkdocs.yml under ``hooks:``. Every event only calls the core;
nothing generated is written into docs/.
"""

from __future__ import annotations

import gc
import html
import logging
import secrets
from pathlib import Path
from urllib.parse import urljoin

from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from rete import aside, formatters, links, memo, sitemap, urls
from rete.booklet import site as booklet
from rete.site import linklog, search
from rete.site import serve as preview
from rete.intake import docx_form
from rete.render import charts, jsonld, markers, opendata, pages, paper, qr, sanitize
from rete.loader import FOLDERS, REGISTRY
from rete.problems import ReteError
from rete.validate import check
from rete.writer import write_atomic

log = logging.getLogger("mkdocs.hooks.rete")
_state: dict = {}


class _Asset(File):
    """A bundle's file, published as is even when it is Markdown (bundles.py decides
    which files a bundle may publish: never HTML, SVG or XML)."""

    def is_documentation_page(self) -> bool:
        return False

    def is_static_page(self) -> bool:
        return False


class _Later(_Asset):
    """A file whose content comes after the pages (the PDF booklet): MkDocs does not
    copy it, ``on_post_build`` writes it. Announced like any other file, so that the
    pages' links to it are checked."""

    def copy_file(self, dirty: bool = False) -> None:
        pass


class _Page(File):
    """A generated page that, under `mkdocs serve --dirty`, is built again only when its
    Markdown changed since the last build: one edited scheda, one page (plus the
    indexes that list it) instead of the whole site."""

    def is_modified(self) -> bool:
        return _built.get(self.src_uri) != self.content_string


# src_uri -> the Markdown each generated page had at the last build (only `serve` uses it)
_built: dict[str, str] = {}


def _made_once(name: str, make):
    """Under `mkdocs serve`, what no single edit needs at once (the open data, the Word
    form) is made at the first build and kept: a rebuild stays quick."""
    if not _state.get("preview"):
        return make()
    kept = _state.setdefault("kept", {})
    if name not in kept:
        kept[name] = make()
    return kept[name]


def _root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


class _OneLine(logging.Filter):
    """Every record of the build log on one line, control characters shown as codes:
    MkDocs logs names and links from librarians' pages, and a CI log obeys a line
    that starts with "::" (``::add-mask::``, ``::warning file=…::``)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.getMessage().startswith(_DIRTY):
            return False  # said in Italian by on_config (and not counted by --strict)
        record.msg = formatters.visible(record.getMessage())
        record.args = None
        return True


_ONE_LINE = _OneLine()
# MkDocs' English warning on every `serve --dirty` build, which --strict would count.
_DIRTY = "A 'dirty' build is being performed"
_DIRTY_NOTE = ("anteprima veloce: si ricostruiscono solo le pagine cambiate; il menu, "
               "la ricerca e i collegamenti delle altre pagine si aggiornano con «make sito»")


def on_startup(command, dirty):
    if command is not None:  # None: called again by on_config, the command is unchanged
        _state["preview"] = command == "serve"
        _state["dirty"] = bool(dirty)
        if command == "serve":  # the tree is checked again after every edit
            memo.keep()
            # What is loaded by now (MkDocs, the theme, rete) lives as long as the
            # server: the cycle collector need not walk it again after every edit.
            gc.collect()
            gc.freeze()
    for handler in [*logging.getLogger("mkdocs").handlers, *logging.getLogger().handlers]:
        if _ONE_LINE not in handler.filters:
            handler.addFilter(_ONE_LINE)


def _log_lines(level: int, text: str) -> None:
    for line in text.rstrip("\n").split("\n"):
        log.log(level, line)


def _source(page: str) -> tuple[str, Path | None]:
    """The file a page of the docs tree comes from: (its name in the content tree,
    its path on disk or None for a page made from rete.yml)."""
    root = _state["root"]
    hand = root / sitemap.DOCS / page
    if hand.is_file():
        return f"{sitemap.DOCS}/{page}", hand
    return (page, root / page) if page in _state.get("printed", ()) else (page, None)


def _italian_link_warnings() -> None:
    """MkDocs' warnings about links, said as `rete valida` says them (linklog)."""
    pages_log = logging.getLogger(linklog.LOGGER)
    for old in [f for f in pages_log.filters if type(f).__name__ == "Italian"]:
        pages_log.removeFilter(old)  # a hook loaded by an earlier build in this process
    pages_log.addFilter(linklog.Italian(_source, log))


def on_config(config):
    on_startup(None, None)  # the filter again, for a build started from Python
    _state["root"] = _root(config)
    _italian_link_warnings()
    if _state.get("preview") and "served" in _state:
        preview.pause_collector()  # a rebuild under serve: it runs after (collect_later)
    if _state.get("preview") and _state.get("dirty"):
        log.info(_DIRTY_NOTE)
    result = check(_root(config))
    if result.errors or result.knowledge is None:
        _log_lines(logging.ERROR, formatters.testo(result.problems, result.counts))
        raise PluginError("i contenuti hanno errori, il sito non è stato costruito "
                          "(i problemi sono elencati sopra)")
    if result.problems:  # warnings only: shown, but they do not stop a strict build
        log.info("avvisi sui contenuti:")
        _log_lines(logging.INFO, formatters.testo(result.problems, result.counts))
    _state["knowledge"] = result.knowledge
    _state["problems"] = result.problems
    # The theme prints the site's name without escaping it; it comes from rete.yml.
    config.site_name = Markup(html.escape(result.knowledge.rete.nome))
    config.site_url = result.knowledge.rete.sito
    licence = result.knowledge.rete.licenza
    config.extra["licenza"] = {"nome": licence.nome, "url": licence.url,
                               "pagina": pages.OPEN_DATA_PAGE.removesuffix(".md") + "/"}
    return config


def on_files(files, config):
    site = pages.render(_state["knowledge"], config.repo_url, problems=_state["problems"])
    _state["charts"] = site.charts
    for path in [*site.pages, *site.assets, *site.files]:
        if files.get_file_from_path(path):
            raise PluginError(f"docs/{path} ha lo stesso nome di una pagina generata: "
                              "rinominalo o toglilo da docs/")
    _state["made"] = set(site.pages)
    _state["generated"] = set(site.pages) - site.trusted
    for path, text in [*site.pages.items(), *site.files.items()]:
        files.append(_Page.generated(config, path, content=text))
    for path, source in site.assets.items():
        files.append(_Asset.generated(config, path, abs_src_path=str(source)))
    k = _state["knowledge"]
    _state["schede"] = {pages.scheda_path(s): s for s in k.pubblicate}
    _state["printed"] = {pages.scheda_path(s) for s in k.pubblicate} | {
        pages.polo_path(p) for p in k.poli}
    _set_aside(files, config, k)
    # The booklet's page is made of HTML already cleaned, and carries QR codes.
    try:
        printed = booklet.files(k, _state.get("preview"))
    except ReteError as exc:
        raise _failed(exc, "il libretto non è stato creato: ") from exc
    for path, content in printed.items():
        files.append(_Asset.generated(config, path, content=content) if path.endswith(
            ".xml") else _Page.generated(config, path, content=content))
    if _state.get("preview"):  # what the next build compares with (on_post_build)
        _state["pages"] = [f for f in files if isinstance(f, _Page)]
    return files


def _set_aside(files, config, k) -> None:
    """Start what no page waits for on the other core (the QR codes, the Word forms,
    the open data, the PDF booklet). The pages get their QR code in ``on_post_page``;
    the forms and the open data get their content in ``on_env``, before MkDocs copies
    them; the PDF is written by ``on_post_build``. Under serve the QR codes are made
    page by page, only for the pages an edit rebuilds."""
    in_preview = bool(_state.get("preview"))
    addresses = [] if in_preview else [
        urljoin(config.site_url, f.url) for f in files if f.src_uri in _state["printed"]]
    root = _root(config)
    # In this order: the pages wait for the QR codes, the static files (copied before
    # the pages are built) for the Word forms and the open data; the PDF is written
    # after the pages, so it is laid out while they are built.
    _state["aside"] = aside.Aside({
        "qr": lambda: {address: qr.on_paper(address) for address in addresses},
        "docx": lambda: _made_once("docx", lambda: docx_form.site_files(k)),
        "opendata": lambda: _made_once("opendata", lambda: opendata.files(k)),
        "libretto": lambda: booklet.booklet_pdf(k, root, in_preview),
    }, inline=in_preview)
    files.append(_Later.generated(config, booklet.PDF, content=b""))
    later = {}
    for name in docx_form.site_names():
        files.append(_Asset.generated(config, name, content=b""))
        later[name] = ("docx", name)
    for name in opendata.names():
        path = f"{pages.OPEN_DATA}/{name}"
        files.append(File.generated(config, path, content=b""))
        later[path] = ("opendata", name)
    _state["later"] = later
    _state["qr_mark"] = f"<!--rete:qr:{secrets.token_hex(8)}-->"


def _failed(exc: ReteError, what: str = "") -> PluginError:
    """A failure of the core as MkDocs reports it: on one line, as the build log
    shows every record (``_OneLine``)."""
    return PluginError(f"{what}{exc.message} — suggerimento: {exc.hint}")


def _fill_aside(files) -> None:
    """The files ``_set_aside`` announced, with their content."""
    made = _state["aside"]
    for path, (job, name) in _state.pop("later").items():
        try:
            content = made.result(job)[name]
        except ReteError as exc:
            raise _failed(exc) from exc
        files.get_file_from_path(path).content_bytes = content


def _write_booklet(config) -> None:
    """The PDF booklet, laid out on the other core while the pages were built."""
    try:
        content = _state["aside"].result("libretto")
    except ReteError as exc:
        raise _failed(exc, "il libretto non è stato creato: ") from exc
    write_atomic(Path(config.site_dir) / booklet.PDF, content)


def on_page_markdown(markdown, page, config, files):
    # Markers belong to docs/, reviewed like code; in a librarian's page they are
    # text (expanding them there would multiply a few bytes into megabytes).
    if page.file.src_uri not in _state["made"]:
        markdown = links.rewrite(markdown, links.short_target(
            page.file.src_uri, pages.folders(_state["knowledge"])))
        return markers.expand(markdown, _state["knowledge"])
    return markdown


def on_page_content(content, page, config, files):
    # Generated pages carry librarians' text; docs/ is reviewed like code.
    here = urls.page_address(config.site_url, page.url)
    if page.file.src_uri in _state["generated"]:
        sanitize.clean_toc(page.toc)
        cleaned = sanitize.clean(content, here)
        content = charts.place(cleaned, _state["charts"].get(page.file.src_uri, {}))
    if page.file.src_uri in _state["printed"] or page.file.src_uri == booklet.PAGE:
        # On paper every link shows its full address, a link inside the site too.
        content = paper.link_addresses(content, here)
    if page.file.src_uri in _state["printed"]:  # shown only on paper, beside the title
        # made aside, put in by on_post_page; in a preview, made here for this page
        content = (qr.on_paper(urljoin(config.site_url, page.url)) if _state.get("preview")
                   else _state["qr_mark"]) + content
    return content


def on_env(env, config, files):
    """Start Pagefind, which indexes each page as it is written (``on_post_page``).

    Under `mkdocs serve --dirty` the site's folder is kept between builds, and so is
    the index of the first one: searching a preview finds what was there at the start.
    """
    _close_index()
    if _state.get("preview"):
        preview.rebuild_env(env, config, files, _state)
    _fill_aside(files)
    if not (_state.get("preview") and (Path(config.site_dir) / "pagefind").is_dir()):
        try:
            _state["index"] = search.Indexer()
        except Exception as exc:  # noqa: BLE001  the binary is missing or does not start
            raise PluginError(f"la ricerca (Pagefind) non si avvia: {exc}") from exc
    return env


def _close_index() -> None:
    index = _state.pop("index", None)
    if index is not None:
        index.close()


def _close_aside() -> None:
    made = _state.pop("aside", None)
    if made is not None:
        made.close()


def on_post_page(output, page, config):
    """Each scheda page carries its schema.org description in <head>; Pagefind gets
    the finished page."""
    scheda = _state["schede"].get(page.file.src_uri)
    if scheda is not None:
        url = (config.site_url or "") + page.url if config.site_url else None
        data = jsonld.script(jsonld.scheda(scheda, _state["knowledge"].rete, url))
        output = output.replace("</head>", data + "</head>", 1)
    if page.file.src_uri in _state["printed"] and not _state.get("preview"):
        address = urljoin(config.site_url, page.url)
        output = output.replace(_state["qr_mark"], _state["aside"].result("qr")[address], 1)
    if "index" in _state:
        _state["index"].add(output, "/" + page.url)
    return output


def on_post_build(config):
    """Write the search index (stemmed in Italian from <html lang="it">) and the PDF
    booklet."""
    if _state.get("preview"):
        preview.collect_later()
        _built.clear()
        _built.update((f.src_uri, f.content_string) for f in _state["pages"])
    index = _state.pop("index", None)
    if index is not None:
        try:
            index.write(str(Path(config.site_dir) / "pagefind"))
        except Exception as exc:  # noqa: BLE001  Pagefind says why, in English
            raise PluginError(
                f"l'indice di ricerca (Pagefind) non è stato creato: {exc}") from exc
    _write_booklet(config)
    _close_aside()


def on_build_error(error):
    if _state.get("preview"):
        preview.collect_later()
    _close_index()
    _close_aside()


def on_serve(server, config, builder):
    root = _root(config)
    for name in (*FOLDERS.values(), REGISTRY):
        if (root / name).exists():
            server.watch(str(root / name))
    return server

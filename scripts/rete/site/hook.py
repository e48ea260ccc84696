"""The MkDocs adapter: hands the pages rendered by the core to MkDocs.

Declared in mkdocs.yml under ``hooks:``. Every event only calls the core;
nothing generated is written into docs/.
"""

from __future__ import annotations

import html
import logging
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from rete import formatters
from rete.booklet import site as booklet
from rete.render import markers, pages, qr, sanitize
from rete.loader import FOLDERS, REGISTRY
from rete.problems import ReteError
from rete.validate import check

log = logging.getLogger("mkdocs.hooks.rete")
_state: dict = {}


class _Asset(File):
    """A bundle's file, published as is even when it is Markdown or HTML."""

    def is_documentation_page(self) -> bool:
        return False

    def is_static_page(self) -> bool:
        return False


def _root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_startup(command, dirty):
    _state["preview"] = command == "serve"


def on_config(config):
    result = check(_root(config))
    if result.errors or result.knowledge is None:
        raise PluginError("i contenuti hanno errori, il sito non è stato costruito:\n"
                          + formatters.testo(result.problems, result.counts))
    if result.problems:  # warnings only: shown, but they do not stop a strict build
        log.info("avvisi sui contenuti:\n%s", formatters.testo(result.problems, result.counts))
    _state["knowledge"] = result.knowledge
    # The theme prints the site's name without escaping it; it comes from rete.yml.
    config.site_name = Markup(html.escape(result.knowledge.rete.nome))
    config.site_url = result.knowledge.rete.sito
    return config


def on_files(files, config):
    site = pages.render(_state["knowledge"], config.repo_url)
    for path in [*site.pages, *site.assets, *site.files]:
        if files.get_file_from_path(path):
            raise PluginError(f"docs/{path} ha lo stesso nome di una pagina generata: "
                              "rinominalo o toglilo da docs/")
    _state["generated"] = set(site.pages) - site.trusted
    for path, text in [*site.pages.items(), *site.files.items()]:
        files.append(File.generated(config, path, content=text))
    for path, source in site.assets.items():
        files.append(_Asset.generated(config, path, abs_src_path=str(source)))
    k = _state["knowledge"]
    _state["printed"] = {pages.scheda_path(s) for s in k.pubblicate} | {
        pages.polo_path(p) for p in k.poli}
    # The booklet's page is made of HTML already cleaned, and carries QR codes.
    try:
        printed = booklet.files(k, _root(config), _state.get("preview"))
    except ReteError as exc:
        raise PluginError(f"il libretto non è stato creato: {exc.message}\n"
                          f"suggerimento: {exc.hint}") from exc
    for path, content in printed.items():
        files.append(_Asset.generated(config, path, content=content) if path.endswith(
            (".pdf", ".xml")) else File.generated(config, path, content=content))
    return files


def on_page_markdown(markdown, page, config, files):
    return markers.expand(markdown, _state["knowledge"])


def on_page_content(content, page, config, files):
    # Generated pages carry librarians' text; docs/ is reviewed like code.
    if page.file.src_uri in _state["generated"]:
        sanitize.clean_toc(page.toc)
        content = sanitize.clean(content)
    if page.file.src_uri in _state["printed"]:  # shown only on paper, beside the title
        content = qr.on_paper(urljoin(config.site_url, page.url)) + content
    return content


def on_post_build(config):
    """Index the built site with Pagefind, which stems Italian from <html lang="it">."""
    command = [sys.executable, "-m", "pagefind", "--site", config.site_dir, "--silent",
               "--exclude-selectors", ".headerlink",
               "--exclude-selectors", ".rete-libretto"]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode:
        raise PluginError("l'indice di ricerca (Pagefind) non è stato creato:\n"
                          + (done.stderr or done.stdout))


def on_serve(server, config, builder):
    root = _root(config)
    for name in (*FOLDERS.values(), REGISTRY):
        if (root / name).exists():
            server.watch(str(root / name))
    return server

"""The MkDocs and ProperDocs adapter: hands the docs tree made by the core
(``publish.tree``, the one `rete genera` writes) to the engine in memory, plus what
only a hook can do: the Italian log, the live reload, the search index filled as
pages are written.

Declared in mkdocs.yml under ``hooks:``. Each event is one call to the build's
``SiteBuild``; nothing generated is written into docs/.
"""

from __future__ import annotations

from rete.site import buildlog
from rete.site.buildlog import ONE_LINE as _ONE_LINE  # noqa: F401  (tests read it here)
from rete.site.sitebuild import SiteBuild

_site = SiteBuild()  # a build started from Python, without on_startup: `mkdocs build`


def on_startup(command, dirty):
    global _site
    if command is not None:  # None: called again by on_config, the command is unchanged
        _site = SiteBuild.started(command, dirty)
    buildlog.one_line()


def on_config(config):
    on_startup(None, None)  # the log's filter again, for a build started from Python
    return _site.configure(config)


def on_files(files, config):
    return _site.add_files(files, config)


def on_page_markdown(markdown, page, config, files):
    return _site.page_markdown(markdown, page.file.src_uri)


def on_env(env, config, files):
    return _site.env(env, config, files)


def on_post_page(output, page, config):
    return _site.post_page(output, page, config)


def on_post_build(config):
    _site.post_build(config)


def on_build_error(error):
    _site.failed()


def on_serve(server, config, builder):
    _site.watch(server)
    return server

"""The MkDocs hook's state is one typed SiteBuild: `mkdocs build` keeps nothing between
builds, `mkdocs serve` one ServeSession for the whole session."""

from __future__ import annotations

import ast
import gc
from pathlib import Path

from rete.runtime.cache import NO_CACHE, Cache
from rete.site import hook
from rete.site.sitebuild import SiteBuild

HOOK = Path(hook.__file__)


def test_a_build_keeps_nothing_and_serve_keeps_one_session():
    built = SiteBuild.started("build", dirty=False)
    assert built.serve is None and built.cache is NO_CACHE
    try:
        served = SiteBuild.started("serve", dirty=True)
        assert served.serve.dirty and isinstance(served.cache, Cache)
        assert served.cache is served.cache and not served.serve.rebuilding()
    finally:
        gc.unfreeze()  # what serve's start-up froze, for the rest of this test process


def test_on_startup_starts_a_new_build_and_on_config_keeps_it():
    try:
        hook.on_startup(command="serve", dirty=False)
        session = hook._site
        assert session.serve is not None
        hook.on_startup(None, None)  # as on_config calls it: the command is unchanged
        assert hook._site is session
    finally:
        hook.on_startup(command="build", dirty=False)
        gc.unfreeze()
    assert hook._site.serve is None


def test_each_event_handler_is_one_call():
    """The hook holds no logic: each handler's body is a call (and a return)."""
    handlers = [node for node in ast.parse(HOOK.read_text("utf-8")).body
                if isinstance(node, ast.FunctionDef) and node.name.startswith("on_")]
    assert len(handlers) == 9  # on_page_content left: the tree comes finished (publish.tree)
    long = {h.name: len(h.body) for h in handlers if len(h.body) > 2}
    assert long == {"on_startup": 3}  # its global, the new build, the log's filter

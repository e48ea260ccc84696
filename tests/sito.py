"""Build a real site from a content tree, for the end-to-end and browser tests."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOOK = ROOT / "scripts" / "rete" / "site" / "hook.py"


def prepare(tree: Path, extra: str = "") -> Path:
    """Give a content tree the repository's site files, with ``extra`` lines added to
    mkdocs.yml; return its mkdocs.yml."""
    config = (ROOT / "mkdocs.yml").read_text("utf-8") + extra
    config = config.replace("scripts/rete/site/hook.py", HOOK.as_posix())
    (tree / "mkdocs.yml").write_text(config, encoding="utf-8")
    for folder in ("docs", "overrides"):
        if not (tree / folder).exists():
            shutil.copytree(ROOT / folder, tree / folder)
    return tree / "mkdocs.yml"


def build(tree: Path, out: Path, libretto: bool = True,
          extra: str = "") -> subprocess.CompletedProcess:
    """Run a real `mkdocs build --strict`; the caller checks the result. Without
    ``libretto`` the booklet's PDF is a one-page notice (it is tested elsewhere);
    ``extra`` adds lines to mkdocs.yml."""
    config = prepare(tree, extra)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if not libretto:
        env["RETE_SENZA_LIBRETTO"] = "1"
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f",
                           str(config), "-d", str(out)], capture_output=True, text=True,
                          env=env, timeout=600)


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def served(folder: Path):
    """Serve a built site on 127.0.0.1 (Pagefind needs http, not file://)."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()

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


# The engines that read mkdocs.yml with its hook; Zensical builds `rete genera`'s folder.
HOOKED = ("mkdocs", "properdocs")
ENGINES = (*HOOKED, "zensical")
ZENSICAL = ROOT / ".venv-zensical" / "bin" / "zensical"  # `make zensical`
RETE = Path(sys.executable).parent / "rete"


def _env(libretto: bool) -> dict:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    if not libretto:
        env["RETE_SENZA_LIBRETTO"] = "1"
    return env


def build(tree: Path, out: Path, libretto: bool = True, extra: str = "",
          engine: str = "mkdocs") -> subprocess.CompletedProcess:
    """Run a real `mkdocs build --strict` (or ``engine``: properdocs, or zensical on
    `rete genera`'s folder, then `rete indice`); the caller checks the result.
    Without ``libretto`` the booklet's PDF is a one-page notice (it is tested
    elsewhere); ``extra`` adds lines to mkdocs.yml."""
    config = prepare(tree, extra)
    if engine == "zensical":
        return build_generated(tree, out, libretto)
    return subprocess.run([sys.executable, "-m", engine, "build", "--strict", "-f",
                           str(config), "-d", str(out)], capture_output=True, text=True,
                          env=_env(libretto), timeout=600)


def build_generated(tree: Path, out: Path, libretto: bool = True,
                    command: tuple = (str(ZENSICAL), "build", "--strict")
                    ) -> subprocess.CompletedProcess:
    """`rete genera` run in ``tree``, ``command`` run in the folder it wrote (no rete
    code there), the site moved to ``out``, and `rete indice` on it."""
    generated = tree.parent / f"{tree.name}-generato"
    steps = [([str(RETE), "genera", "--out", str(generated)], tree),
             (list(command), generated), ([str(RETE), "indice", str(out)], tree)]
    log = []
    for n, (argv, where) in enumerate(steps):
        if n == 2:
            shutil.rmtree(out, ignore_errors=True)
            shutil.move(str(generated / "site"), str(out))
        done = subprocess.run(argv, cwd=where, capture_output=True, text=True,
                              env=_env(libretto), timeout=600)
        log.append(done)
        if done.returncode != 0:
            break
    return subprocess.CompletedProcess(
        [a for d in log for a in d.args], log[-1].returncode,
        "".join(d.stdout for d in log), "".join(d.stderr for d in log))


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

"""`mkdocs serve` must not loop: one edit to a scheda, one rebuild.

The pages are generated from schede/, poli/ and rete.yml, outside docs/; the
hook asks the server to watch them and writes nothing into docs/ (a file
written there, or in a watched folder, would start a rebuild after every build).
"""

from __future__ import annotations

import gc
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from ..sito import prepare

pytestmark = pytest.mark.lento

START_TIMEOUT = 120  # seconds: bounds, not expectations
REBUILD_TIMEOUT = 60
SETTLE = 8  # a loop would show further rebuilds within these seconds
SCHEDA = "memory-cafe-anziani"
ADDED = "Paragrafo aggiunto durante la prova della anteprima: la zampogna di Cusano suona alle cinque."

BUILDING = "Building documentation..."
BUILT = "Documentation built in"
DETECTED = "Detected file changes"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def docs_listing(docs: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(docs).as_posix(): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in sorted(docs.rglob("*"))}


class Server:
    """`mkdocs serve` in the background, its output collected line by line."""

    def __init__(self, config: Path, port: int, *options: str):
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
        self.lines: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-f", str(config),
             "--dev-addr", f"127.0.0.1:{port}", *options],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            encoding="utf-8", errors="replace", env=env, cwd=config.parent)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def output(self) -> str:
        return "\n".join(self.lines)

    def wait_for(self, pattern: str, start: int, timeout: float) -> re.Match:
        """The first line from index ``start`` matching ``pattern``, within ``timeout``."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in self.lines[start:]:
                found = re.search(pattern, line)
                if found:
                    return found
            if self.process.poll() is not None and not self.reader.is_alive():
                pytest.fail(f"mkdocs serve è terminato ({self.process.returncode}):\n"
                            + self.output())
            time.sleep(0.1)
        pytest.fail(f"«{pattern}» non è arrivato entro {timeout} s:\n" + self.output())

    def count(self, text: str, start: int) -> int:
        return sum(text in line for line in self.lines[start:])

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)
        self.reader.join(timeout=15)


@pytest.fixture
def tree(esempio) -> Path:
    return esempio


@pytest.mark.parametrize("options", [(), ("--dirty",)], ids=["intera", "dirty"])
def test_editing_a_scheda_rebuilds_once_and_shows_the_change(tree, options):
    config = prepare(tree)
    scheda = tree / "schede" / f"{SCHEDA}.md"
    assert scheda.is_file()
    docs_before = docs_listing(tree / "docs")
    server = Server(config, free_port(), *options)
    try:
        serving = server.wait_for(r"Serving on (http://\S+)", 0, START_TIMEOUT)
        base = serving.group(1).rstrip("/") + "/"
        assert server.count(BUILT, 0) == 1, server.output()

        edit_at = len(server.lines)
        with scheda.open("a", encoding="utf-8") as f:
            f.write(f"\n{ADDED}\n")
        server.wait_for(re.escape(DETECTED), edit_at, REBUILD_TIMEOUT)
        server.wait_for(re.escape(BUILT), edit_at, REBUILD_TIMEOUT)
        time.sleep(SETTLE)

        after = server.output().splitlines()[edit_at:]
        assert server.count(BUILDING, edit_at) == 1, (
            "dopo una sola modifica mkdocs serve ricostruisce più volte (un ciclo?):\n"
            + "\n".join(after))
        assert server.count(BUILT, edit_at) == 1, "\n".join(after)
        assert server.count(DETECTED, edit_at) == 1, "\n".join(after)
        assert server.process.poll() is None, server.output()

        with urllib.request.urlopen(f"{base}schede/{SCHEDA}/", timeout=30) as response:
            page = response.read().decode("utf-8")
        assert ADDED in page, "la pagina servita non mostra il paragrafo aggiunto"
    finally:
        server.stop()
    assert docs_listing(tree / "docs") == docs_before, "mkdocs serve ha scritto in docs/"


def _html(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*.html")}


def test_a_dirty_rebuild_in_process_remakes_the_edited_scheda_and_the_pages_that_list_it(
        tmp_path, monkeypatch):
    """The hook's events twice, as `mkdocs serve --dirty` calls them: the second build
    writes the edited scheda's page and the lists that show its new title, and leaves
    every other page (and the 404 page) as the first build wrote it."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from benchmarks.corpus import make_tree
    from rete.runtime import collector

    tree = tmp_path / "rete"
    tree.mkdir()
    make_tree(tree, 30)
    config_file, site = str(prepare(tree)), tmp_path / "sito"
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    url = "http://127.0.0.1:8000/"

    def rebuild(startup: bool = False):
        config = load_config(config_file=config_file, site_dir=str(site))
        if startup:
            config.plugins.on_startup(command="serve", dirty=True)
        config.site_url = url
        build(config, serve_url=url, dirty=True)
        return config

    config = rebuild(startup=True)
    try:
        first = _html(site)
        scheda = tree / "schede" / "scheda-00004.md"
        text = scheda.read_text("utf-8")
        old = text.split("titolo: ", 1)[1].split("\n", 1)[0]
        scheda.write_text(text.replace(f"titolo: {old}\n", "titolo: Titolo cambiato\n", 1),
                          "utf-8")
        later: list = []

        class Timer:  # the moment after the rebuild, held until the test says so
            def __init__(self, seconds, run):
                later.append((seconds, run))
                self.daemon = False

            def start(self):
                pass

            def cancel(self):
                pass

        monkeypatch.setattr(collector.threading, "Timer", Timer)
        rebuild()
        second = _html(site)
        # the collector, paused for the rebuild, runs again a moment after it is over
        assert not gc.isenabled()
        assert [seconds for seconds, _ in later] == [collector.IDLE]
        later[0][1]()
        assert gc.isenabled()
    finally:
        config.plugins.on_startup(command="build", dirty=False)  # the hook's state, as before
        gc.unfreeze()  # what serve's start-up froze, for the rest of this test process
    rewritten = {page for page, when in second.items() if first.get(page) != when}
    assert "schede/scheda-00004/index.html" in rewritten
    assert "Titolo cambiato" in (site / "schede/scheda-00004/index.html").read_text("utf-8")
    theme = re.search(r"^tema: (\S+)$", text, re.M).group(1)
    assert f"temi/{theme}/index.html" in rewritten
    assert "Titolo cambiato" in (site / f"temi/{theme}/index.html").read_text("utf-8")
    assert "schede/scheda-00005/index.html" not in rewritten
    assert "404.html" not in rewritten
    assert len(rewritten) < len(first) / 4, sorted(rewritten)


def test_a_rebuild_soon_after_another_keeps_the_collector_paused_until_it_is_over(
        monkeypatch):
    """Two edits a moment apart: the first rebuild's collection, still pending when the
    second starts, does not run in the middle of it."""
    from rete.runtime import collector

    ran: list = []
    monkeypatch.setattr(collector, "_collect", lambda: ran.append("raccolta"))
    was = gc.isenabled()
    rebuilds = collector.BetweenRebuilds()
    try:
        rebuilds.collect_later()  # the first rebuild is over
        rebuilds.pause()  # the second starts before the moment has passed
        assert not gc.isenabled()
        time.sleep(collector.IDLE + 0.5)
        assert ran == []
        rebuilds.collect_later()  # the second is over: its collection runs
        time.sleep(collector.IDLE + 0.5)
        assert ran == ["raccolta"]
    finally:
        if was:
            gc.enable()

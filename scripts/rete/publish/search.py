"""The site's search index, made by Pagefind while MkDocs writes the pages, or after
any engine has written them (``index_site``, `rete indice SITO`).

Pagefind's service (its own process, through the ``pagefind`` package's API) gets
each page as MkDocs finishes it, and indexes it on the other core while MkDocs
renders the next; at the end it only writes the index. Run after the build,
Pagefind would read back and parse every page the build had just written.

The options are the ones the command line had: Italian stemming from
``<html lang="it">``, only what is inside ``data-pagefind-body``.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import shutil
import threading
from concurrent.futures import Future
from pathlib import Path
from typing import Callable

from pagefind.service import PagefindService

from . import kept_index
from ..runtime.stored import Key, Shelf

# What is on a page but not worth finding: a heading's pilcrow, the «Libretto»
# page's copy of every scheda, the page's own address printed for paper, a
# scheda's lists of other schede (who took it up, the similar ones).
EXCLUDED = (".headerlink", ".rete-libretto", ".rete-qr", ".rete-diffusione")


EXIT_WAIT_S = 60  # how long Pagefind may take to finish writing and exit


class _Service(PagefindService):
    """Pagefind's service, its answers read as soon as they come. The package's own
    reader pauses 0.1 s before each answer: 131 s for a site of 1,312 pages, whose
    indexing takes Pagefind 5 s of work."""

    async def _wait_for_responses(self) -> None:
        try:
            while True:
                output = await self._backend.stdout.readuntil(b",")
                try:
                    answer = json.loads(base64.b64decode(output[:-1]))
                except ValueError:  # not an answer (a stray line): the next one is
                    continue
                if isinstance(answer, dict):
                    self._settle(answer)
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError) as exc:
            for future in self._responses.values():  # the service is gone: nobody waits
                if not future.done():
                    future.set_exception(RuntimeError(f"Pagefind si è interrotto ({exc})"))

    async def close(self) -> None:
        """End the service by closing its input, as a finished stream of requests, and
        let it exit by itself. The package's own ``close`` kills it as soon as it has
        answered WriteFiles, while its last file may still be being written: now and then
        ``pagefind.js`` was cut at 32 KiB and the search failed on the built site."""
        self._backend.stdin.close()
        try:
            await asyncio.wait_for(self._backend.wait(), timeout=EXIT_WAIT_S)
        except asyncio.TimeoutError:  # it does not end by itself: stop it
            self._backend.terminate()
            await self._backend.wait()
        self._poll_task.cancel()

    def _settle(self, answer: dict) -> None:
        payload = answer.get("payload") or {}
        number = answer.get("message_id")
        if number is None and payload.get("original_message"):  # a message it could not read
            try:
                number = json.loads(payload["original_message"]).get("message_id")
            except (ValueError, AttributeError):  # nothing says whose it was
                return
        future = self._responses.get(number)
        if future is None or future.done():
            return
        if payload.get("type") == "Error":
            future.set_exception(RuntimeError(payload.get("message")))
        else:
            future.set_result(payload)


class Indexer:
    """A Pagefind index filled page by page from another thread's event loop.

    With a ``shelf`` (a build's ``.cache/rete``) and the fingerprint of what the pages
    are made from (``expected``), the index written is kept for the next build; one
    with the same fingerprint takes it instead of starting Pagefind (``kept_index``)."""

    def __init__(self, hide: Callable[[str], str] = str, shelf: Shelf | None = None,
                 folder: str | None = None, expected: Key | None = None) -> None:
        """``hide``: what a page's HTML is indexed as (personal.Hider.text: the
        referenti's emails and phones left out of the index, which is bulk data);
        ``folder``: where ``write`` will write, with a ``shelf``."""
        self._hide = hide
        self._keep = (shelf, expected) if shelf and expected and folder else None
        self._pages = hashlib.sha256()
        self._written: list[tuple[str, str]] = []  # (url, file) of the pages not sent
        self._foreseen = kept_index.Foreseen.found(shelf, expected, Path(folder)) \
            if self._keep else None
        self._loop: asyncio.AbstractEventLoop | None = None
        if self._foreseen is None:
            self._start()

    def _start(self) -> None:
        from pagefind.index import IndexConfig

        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True,
                                        name="pagefind")
        self._thread.start()
        self._pending: list[Future] = []
        self._index = self._wait(self._open(IndexConfig(exclude_selectors=list(EXCLUDED))))

    @staticmethod
    async def _open(config):
        service = await _Service().launch()
        return await service.create_index(config)

    def _wait(self, work):
        return asyncio.run_coroutine_threadsafe(work, self._loop).result()

    def add(self, html: str, url: str, written: str | None = None) -> None:
        """Hand a finished page to Pagefind; ``url`` as the site serves it ("/a/b/");
        ``written``: the file the engine writes it to, read back only if Pagefind,
        not started for a build foreseen to be the same as the last, is needed."""
        for part in (url.encode("utf-8"), html.encode("utf-8")):
            self._pages.update(len(part).to_bytes(8, "big") + part)
        if self._foreseen is not None and written:
            self._written.append((url, written))
            return
        if self._foreseen is not None:  # a page with no file to read back: Pagefind now
            self._unforeseen()
        self._send(html, url)

    def _unforeseen(self) -> None:
        """Not the build foreseen: Pagefind started, and the pages held back sent from
        the files they were written to."""
        self._foreseen.drop()
        self._foreseen = None
        self._start()
        for url, written in self._written:
            self._send(Path(written).read_text(encoding="utf-8", errors="replace"), url)
        self._written = []

    def _send(self, html: str, url: str) -> None:
        self._pending.append(asyncio.run_coroutine_threadsafe(
            self._index.add_html_file(content=self._hide(html), url=url), self._loop))

    def write(self, folder: str) -> None:
        """Wait for every page, then write the index into ``folder``; close the service.
        With a shelf, the kept index when the pages are the ones it was made from."""
        pages = self._pages.hexdigest()
        if self._foreseen is not None:
            if self._foreseen.take(pages, Path(folder)):
                self._foreseen = None
                return
            self._unforeseen()  # not the same pages after all: indexed from their files
        try:
            for done in self._pending:
                done.result()  # raises what Pagefind said of that page
            self._wait(self._index.write_files(output_path=folder))
        finally:
            self.close()
        if self._keep:
            kept_index.keep(*self._keep, Path(folder), pages)

    def close(self) -> None:
        """Stop the service without writing anything (also after a failed build)."""
        if self._foreseen is not None:
            self._foreseen.drop()
        if self._loop is None or self._loop.is_closed():
            return
        try:
            self._wait(self._index.__aexit__(RuntimeError, None, None))  # no write
        except Exception:  # noqa: BLE001  the service may already be gone
            pass
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()


FOLDER = "pagefind"  # inside the built site, where docs/javascripts/cerca.js looks
NOT_FOUND = "404.html"  # a theme's page, not a page of the site (the hook never sees it)


def index_site(site: Path, hide: Callable[[str], str] = str) -> int:
    """Index every page of a site an engine has built in ``site``, with the same
    options as inside the build (``hide``: what the index leaves out, as there);
    return the pages handed over. The index of an earlier run is replaced only once
    the new one is written."""
    index = Indexer(hide)
    count = 0
    fresh, old = site / f".{FOLDER}-nuovo", site / f".{FOLDER}-vecchio"
    try:
        for page in sorted(site.rglob("*.html")):
            relative = page.relative_to(site)
            if relative.parts[0].startswith((FOLDER, ".")) or relative.as_posix() == NOT_FOUND:
                continue
            url = "/" + relative.as_posix().removesuffix("index.html")
            index.add(page.read_text(encoding="utf-8", errors="replace"), url)
            count += 1
        shutil.rmtree(fresh, ignore_errors=True)
        index.write(str(fresh))
    finally:
        index.close()
    shutil.rmtree(old, ignore_errors=True)
    if (site / FOLDER).exists():
        (site / FOLDER).rename(old)
    fresh.rename(site / FOLDER)
    shutil.rmtree(old, ignore_errors=True)
    return count

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
from pathlib import Path, PurePosixPath
from typing import Callable

from pagefind.service import PagefindService

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

    async def abandon(self) -> None:
        """Stop the service at once: nothing it would still write is wanted."""
        if self._backend.returncode is None:
            self._backend.kill()
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

    With a ``shelf`` (a build's ``.cache/rete``), the index written is kept under a
    fingerprint of every page handed over (as Pagefind got it), Pagefind's version and
    the options; when a later build hands over exactly the same pages, that index is
    copied and Pagefind is stopped without writing one (a build with nothing changed
    does not wait for it)."""

    NAME = "ricerca"

    def __init__(self, hide: Callable[[str], str] = str, shelf: Shelf | None = None,
                 folder: str | None = None) -> None:
        """``hide``: what a page's HTML is indexed as (personal.Hider.text: the
        referenti's emails and phones left out of the index, which is bulk data);
        ``folder``: where ``write`` will write, with a ``shelf``."""
        from pagefind.index import IndexConfig

        self._hide = hide
        self._shelf = shelf
        self._kept = _Kept(shelf, Path(folder)) if shelf and folder else None
        self._pages = hashlib.sha256()
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

    def add(self, html: str, url: str) -> None:
        """Hand a finished page to Pagefind; ``url`` as the site serves it ("/a/b/")."""
        content = self._hide(html)
        for part in (url.encode("utf-8"), content.encode("utf-8")):
            self._pages.update(len(part).to_bytes(8, "big") + part)
        self._pending.append(asyncio.run_coroutine_threadsafe(
            self._index.add_html_file(content=content, url=url), self._loop))

    def write(self, folder: str) -> None:
        """Wait for every page, then write the index into ``folder``; close the service.
        With a shelf, the same pages' index is the one kept, when it was."""
        key = Key(self._pages.digest(), EXCLUDED).versions("pagefind", "pagefind_bin")
        if self._kept is not None and self._kept.take(key, Path(folder)):
            self._wait(self._index._service.abandon())
            self.close()
            return
        try:
            for done in self._pending:
                done.result()  # raises what Pagefind said of that page
            self._wait(self._index.write_files(output_path=folder))
        finally:
            self.close()
        if self._shelf:
            written = Path(folder)
            self._shelf.keep(self.NAME, key, {p.relative_to(written).as_posix(): p.read_bytes()
                                              for p in written.rglob("*") if p.is_file()})

    def close(self) -> None:
        """Stop the service without writing anything (also after a failed build)."""
        if self._kept is not None:
            self._kept.drop()
        if self._loop.is_closed():
            return
        try:
            self._wait(self._index.__aexit__(RuntimeError, None, None))  # no write
        except Exception:  # noqa: BLE001  the service may already be gone
            pass
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()


def _inside(name: str) -> bool:
    """Whether a kept file's name stays inside the index's folder (the shelf is a
    cache: what it names is not trusted to point elsewhere)."""
    parts = PurePosixPath(name).parts
    return bool(parts) and not PurePosixPath(name).is_absolute() and ".." not in parts \
        and "\\" not in name


class _Kept:
    """The index the last build kept, unpacked beside the site's index folder by a
    thread of its own while the pages are built: if this build hands Pagefind the same
    pages, it is only renamed into place (writing its thousand files at the end took
    longer than anything else a build with nothing changed does)."""

    def __init__(self, shelf: Shelf, folder: Path) -> None:
        self._shelf = shelf
        # hidden: MkDocs leaves names starting with a dot alone, and never publishes them
        self._staging = folder.with_name(f".{folder.name}-ripreso")
        self._digest: str | None = None
        self._thread = threading.Thread(target=self._unpack, daemon=True,
                                        name="pagefind-ripreso")
        self._thread.start()

    def _unpack(self) -> None:
        found = self._shelf.last(Indexer.NAME)
        if found is None or not all(_inside(name) for name in found[1]):
            return
        shutil.rmtree(self._staging, ignore_errors=True)
        try:
            for parent in sorted({(self._staging / name).parent for name in found[1]}):
                parent.mkdir(parents=True, exist_ok=True)
            for name, data in found[1].items():
                (self._staging / name).write_bytes(data)
        except OSError:  # a full disk: Pagefind writes the index
            return
        self._digest = found[0]

    def take(self, key: Key, folder: Path) -> bool:
        """Whether the kept index is the one of ``key``; if so, it is now ``folder``."""
        self._thread.join()
        if self._digest is None or self._digest != key.hexdigest():
            self.drop()
            return False
        shutil.rmtree(folder, ignore_errors=True)
        self._staging.rename(folder)
        return True

    def drop(self) -> None:
        self._thread.join()
        shutil.rmtree(self._staging, ignore_errors=True)


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

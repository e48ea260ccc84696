"""The site's search index, made by Pagefind while MkDocs writes the pages.

Pagefind's service (its own process, through the ``pagefind`` package's API) gets
each page as MkDocs finishes it, and indexes it on the other core while MkDocs
renders the next; at the end it only writes the index. Run after the build,
Pagefind would read back and parse every page the build had just written.

The options are the ones the command line had: Italian stemming from
``<html lang="it">``, only what is inside ``data-pagefind-body``.
"""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import Future

# What is on a page but not worth finding: a heading's pilcrow, the «Libretto»
# page's copy of every scheda, the page's own address printed for paper.
EXCLUDED = (".headerlink", ".rete-libretto", ".rete-qr")


class Indexer:
    """A Pagefind index filled page by page from another thread's event loop."""

    def __init__(self) -> None:
        from pagefind.index import IndexConfig, PagefindIndex

        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True,
                                        name="pagefind")
        self._thread.start()
        self._pending: list[Future] = []
        config = IndexConfig(exclude_selectors=list(EXCLUDED))
        self._index = PagefindIndex(config=config)
        self._wait(self._index.__aenter__())

    def _wait(self, work):
        return asyncio.run_coroutine_threadsafe(work, self._loop).result()

    def add(self, html: str, url: str) -> None:
        """Hand a finished page to Pagefind; ``url`` as the site serves it ("/a/b/")."""
        self._pending.append(asyncio.run_coroutine_threadsafe(
            self._index.add_html_file(content=html, url=url), self._loop))

    def write(self, folder: str) -> None:
        """Wait for every page, then write the index into ``folder``; close the service."""
        try:
            for done in self._pending:
                done.result()  # raises what Pagefind said of that page
            self._wait(self._index.write_files(output_path=folder))
        finally:
            self.close()

    def close(self) -> None:
        """Stop the service without writing anything (also after a failed build)."""
        if self._loop.is_closed():
            return
        try:
            self._wait(self._index.__aexit__(RuntimeError, None, None))  # no write
        except Exception:  # noqa: BLE001  the service may already be gone
            pass
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()

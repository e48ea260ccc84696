"""What WeasyPrint may read while it lays out a document: local files in given folders,
and the PNG images written inside the document itself (the booklet's QR codes).

A scheda's body can name any address; the booklet must never reach a server
(it would tell it who prints) nor read a file outside the content's bundles.
A ``data:`` address in a body never gets here: the sanitiser drops it.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse


class Refused(ValueError):
    """An address the document may not load; WeasyPrint skips it."""


class LocalOnly(URLFetcher):
    """Reads ``file:`` addresses inside the ``allowed`` folders and inline PNG images,
    and nothing else; the addresses it refuses are kept in ``refused``."""

    INLINE = "data:image/png;base64,"

    def __init__(self, allowed: list[Path]):
        super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False)
        self.roots = [Path(folder).resolve() for folder in allowed]
        self.refused: list[str] = []

    def allows(self, url: str) -> Path | None:
        """The local file ``url`` names, when it may be read."""
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            return None
        path = Path(unquote(parts.path)).resolve()
        if not any(path.is_relative_to(root) for root in self.roots) or not path.is_file():
            return None
        return path

    def fetch(self, url, headers=None):
        if url.startswith(self.INLINE):
            return super().fetch(url, headers)
        path = self.allows(url)
        if path is None:
            self.refused.append(url)
            raise Refused(f"non caricato: {url}")
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})

"""What the site keeps on the shelf (``runtime.stored``, under .cache/rete) between
builds, made again only when what it is made from changed: here, the QR codes of
the printed pages and the frozen pages. Shared by the tree (``tree.prepare``) and
the hook's jobs."""

from __future__ import annotations

import json
from dataclasses import asdict

from ..booklet import site as booklet
from ..problems import Level, Problem
from ..render import qr
from ..runtime.cache import fingerprint
from ..runtime.stored import Key, Shelf, package_files

# The libraries the Word forms, the open data and the QR codes are made with.
LIBRARIES = ("python-docx", "openpyxl", "segno", "jinja2", "markdown")


def code() -> Key:
    """The package's code, templates and schemas, and ``LIBRARIES``."""
    return Key().files(package_files(booklet.PACKAGE)).versions(*LIBRARIES)


def qr_codes(shelf: Shelf, addresses: list[str]) -> dict[str, str]:
    """The QR code of each printed page's address, as the page shows it on paper."""
    if not addresses:
        return {}
    made = shelf.files("qr", code().value(addresses), lambda: {
        address: qr.on_paper(address).encode("utf-8") for address in addresses})
    return {address: svg.decode("utf-8") for address, svg in made.items()}


# What a frozen page is made with besides the package and ``LIBRARIES``.
FREEZING = ("pymdown-extensions", "nh3", "ada-url")


class FrozenPages:
    """The frozen pages (``frozen.freeze``) of the last build, each under a fingerprint
    of everything it is made from: its path and Markdown, its finish, every path of
    the docs tree (its links resolve against them), the site's Markdown extensions
    and their options, the package's code and the libraries' versions. A build with
    nothing changed freezes no page; an edit freezes again only the pages it
    changed. A page comes back with the broken links it had, said again."""

    NAME = "pagine"

    def __init__(self, shelf: Shelf, settings: tuple, known: set[str]) -> None:
        self._shelf = shelf
        self._base = (code().versions(*FREEZING).value(settings)
                      .value(sorted(known)).hexdigest())
        self._kept = shelf.kept(self.NAME)
        self._now: dict[str, bytes] = {}

    def key(self, path: str, markdown: str, finish) -> str:
        return Key(self._base, path, markdown, fingerprint(finish)).hexdigest()

    def get(self, key: str) -> tuple[str, list] | None:
        """The page and its broken links kept under ``key``, if any."""
        data = self._kept.get(key)
        if data is None:
            return None
        self._now[key] = data
        found = json.loads(data)
        return found["testo"], [tuple(b) for b in found["rotti"]]

    def put(self, key: str, text: str, broken: list) -> None:
        self._now[key] = json.dumps({"testo": text, "rotti": broken},
                                    ensure_ascii=False).encode("utf-8")

    def keep(self) -> None:
        """This build's pages, for the next one (in place of the last build's)."""
        now = self._now
        self._shelf.files(self.NAME, Key(sorted(now)), lambda: now)


class WholeTrees:
    """The last build's whole generated tree (``tree.prepare``), under a fingerprint of
    everything it is made from (``parts``: the model, the site's settings, the
    warnings, the last commits' days, docs/'s files, today's date) besides the
    package and the libraries. A build with nothing changed takes it as it is and
    renders, freezes and ranks nothing. A frozen page is not kept twice: the entry
    names it by its key among ``FrozenPages``' and is whole only while they hold it."""

    NAME = "albero"
    PAGES = "albero.json"

    def __init__(self, shelf: Shelf, parts: tuple) -> None:
        self._shelf = shelf
        self._key = code().versions(*FREEZING).value(parts)

    @property
    def digest(self) -> str:
        return self._key.hexdigest()

    def get(self) -> tuple[dict[str, str], dict[str, str], list[Problem]] | None:
        """The kept tree's pages (the frozen ones with their text), data files and
        problems, or None when there is none for this key or a page it names is gone."""
        found = self._shelf.find(self.NAME, self._key)
        if found is None:
            return None
        kept = json.loads(found[self.PAGES])
        frozen = self._shelf.kept(FrozenPages.NAME)
        pages = kept["pagine"]
        for path, name in kept["congelate"].items():
            if name not in frozen:
                return None
            pages[path] = json.loads(frozen[name])["testo"]
        return pages, kept["file"], [Problem(**{**p, "level": Level(p["level"])})
                                     for p in kept["problemi"]]

    def put(self, pages: dict[str, str], files: dict[str, str], problems: list[Problem],
            frozen: dict[str, str]) -> None:
        """A tree kept, except the pages named in ``frozen`` (path -> ``FrozenPages``
        key), which are kept there."""
        kept = {"pagine": {path: text for path, text in pages.items() if path not in frozen},
                "congelate": frozen, "file": files, "problemi": [asdict(p) for p in problems]}
        self._shelf.keep(self.NAME, self._key,
                         {self.PAGES: json.dumps(kept, ensure_ascii=False).encode("utf-8")})

"""What no page waits for, made on the other core while the pages are made: the
Word forms, the open data and the PDF booklet."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from .files import Asset, Later
from ..runtime import aside
from ..booklet import site as booklet
from ..intake import docx_form
from ..content.model import Knowledge
from ..problems import ReteError
from ..render import opendata, pages
from ..runtime.cache import Cache
from ..runtime.stored import FOLDER, Shelf
from ..content.writer import write_atomic
from ..publish.shelved import code as _code


def _poli(k: Knowledge) -> list[tuple[str, str]]:
    return [(p.slug, p.nome) for p in k.poli]  # what the Word form of a scheda lists


def failed(exc: ReteError, what: str = "") -> PluginError:
    """A failure of the core as MkDocs reports it: on one line, as the build log
    shows every record (``buildlog.OneLine``)."""
    return PluginError(f"{what}{exc.message} — suggerimento: {exc.hint}")


class Background:
    """The jobs of one build, started as soon as the content is checked (``on_config``),
    so that the PDF is laid out on the other core while this one renders, freezes and
    builds the pages. The forms and the open data, announced to MkDocs in
    ``on_files``, get their content in ``on_env``, before MkDocs copies them; the PDF
    is written by ``on_post_build``. Under serve (``inline``) the jobs are done at
    once. (The QR codes are in the frozen pages already: ``tree.prepare``.)"""

    def __init__(self, k: Knowledge, root: Path, cache: Cache, inline: bool) -> None:
        # Each made only when what it is made from changed since the last build
        # (``stored``); the fingerprints are computed aside too.
        shelf = Shelf(root / FOLDER)
        self._made = aside.Aside({
            "docx": lambda: cache.once("docx", lambda: shelf.files(
                "moduli", _code().value((k.rete, _poli(k))),
                lambda: docx_form.site_files(k))),
            "opendata": lambda: cache.once("opendata", lambda: shelf.files(
                "dati", _code().value(k), lambda: opendata.files(k))),
            "libretto": lambda: booklet.booklet_pdf(k, root, inline, shelf),
        }, inline=inline)
        self._later: dict[str, tuple[str, str]] = {}

    def announce(self, files, config) -> None:
        """The files made aside, added to MkDocs' files with no content yet."""
        files.append(Later.generated(config, booklet.PDF, content=b""))
        for name in docx_form.site_names():
            files.append(Asset.generated(config, name, content=b""))
            self._later[name] = ("docx", name)
        for name in opendata.names():
            path = f"{pages.OPEN_DATA}/{name}"
            files.append(File.generated(config, path, content=b""))
            self._later[path] = ("opendata", name)

    def fill(self, files) -> None:
        """The files announced at the start, with their content."""
        later, self._later = self._later, {}
        for path, (job, name) in later.items():
            try:
                content = self._made.result(job)[name]
            except ReteError as exc:
                raise failed(exc) from exc
            files.get_file_from_path(path).content_bytes = content

    def write_booklet(self, config) -> None:
        """The PDF booklet, laid out on the other core while the pages were built."""
        try:
            content = self._made.result("libretto")
        except ReteError as exc:
            raise failed(exc, "il libretto non è stato creato: ") from exc
        write_atomic(Path(config.site_dir) / booklet.PDF, content)

    def close(self) -> None:
        self._made.close()

"""The kinds of file the site adapter hands to MkDocs besides docs/'s own."""

from __future__ import annotations

from mkdocs.structure.files import File


class Asset(File):
    """A bundle's file, published as is even when it is Markdown (bundles.py decides
    which files a bundle may publish: never HTML, SVG or XML)."""

    def is_documentation_page(self) -> bool:
        return False

    def is_static_page(self) -> bool:
        return False


class Later(Asset):
    """A file whose content comes after the pages (the PDF booklet): MkDocs does not
    copy it, ``on_post_build`` writes it. Announced like any other file, so that the
    pages' links to it are checked."""

    def copy_file(self, dirty: bool = False) -> None:
        pass


class Page(File):
    """A generated page that, under `mkdocs serve --dirty`, is built again only when its
    Markdown changed since the last build: one edited scheda, one page (plus the
    indexes that list it) instead of the whole site."""

    # src_uri -> the Markdown each generated page had at the last build (ServeSession)
    last: dict[str, str] = {}

    @classmethod
    def made(cls, config, path: str, content, last: dict[str, str]) -> "Page":
        page = cls.generated(config, path, content=content)
        page.last = last
        return page

    def is_modified(self) -> bool:
        return self.last.get(self.src_uri) != self.content_string

"""What the site keeps on the shelf (``runtime.stored``, under .cache/rete) between
builds, made again only when what it is made from changed: here, the QR codes of
the printed pages. Shared by the tree (``tree.prepare``) and the hook's jobs."""

from __future__ import annotations

from ..booklet import site as booklet
from ..render import qr
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

"""What a bundle scheda may publish beside its page, and the names a file may have.

A bundle publishes only the files its materials name and the images, audio and
video its body shows from the folder, each of an allowed kind (no HTML, SVG or
XML: they run script on the site's origin), within limits of size and number.
Names must be ones a Windows checkout can hold, and compare in Unicode NFC.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator
from posixpath import normpath
from urllib.parse import unquote

import ada_url

from ..text import human_size
from .urls import LOADS, page_address

MAX_FILE = 20 * 1024 * 1024  # one material: a long PDF or a short video
MAX_TOTAL = 60 * 1024 * 1024  # all that one scheda publishes
MAX_FILES = 100  # files in a bundle folder, published or not

DOCUMENTS = {"pdf", "doc", "docx", "odt", "rtf", "txt", "md", "ppt", "pptx", "odp", "epub"}
SPREADSHEETS = {"xls", "xlsx", "ods", "csv"}
IMAGES = {"png", "jpg", "jpeg", "gif", "webp", "avif"}
AUDIO = {"mp3", "ogg", "oga", "opus", "m4a", "wav", "flac"}
VIDEO = {"mp4", "webm", "ogv", "m4v"}
ALLOWED = DOCUMENTS | SPREADSHEETS | IMAGES | AUDIO | VIDEO
SHOWN = IMAGES | AUDIO | VIDEO  # what a body may show from its folder

_DEVICES = {"con", "prn", "aux", "nul", "conin$", "conout$", "clock$",
            *(f"com{n}" for n in "123456789¹²³"), *(f"lpt{n}" for n in "123456789¹²³")}
_NOT_ON_WINDOWS = re.compile(r'[<>:"|?*\x00-\x1f]')


def nfc(name: str) -> str:
    """A name in Unicode NFC: "è" typed or saved decomposed compares equal."""
    return unicodedata.normalize("NFC", name)


def extension(name: str) -> str:
    tail = name.rsplit("/", 1)[-1]
    return tail.rsplit(".", 1)[-1].lower() if "." in tail else ""


def windows_problem(name: str) -> str | None:
    """Why Windows cannot hold a file or folder named ``name`` (one part of a path),
    in Italian; None when it can."""
    if _NOT_ON_WINDOWS.search(name):
        bad = sorted({c if c.isprintable() else repr(c)[1:-1]
                      for c in _NOT_ON_WINDOWS.findall(name)})
        return f"contiene caratteri che Windows non ammette nei nomi dei file ({' '.join(bad)})"
    if name.endswith((".", " ")):
        return "finisce con un punto o uno spazio, che Windows toglie dai nomi dei file"
    if name.split(".", 1)[0].rstrip(" ").lower() in _DEVICES:
        return f"«{name.split('.', 1)[0]}» è un nome riservato da Windows"
    return None


def path_problem(path: str) -> str | None:
    """``windows_problem`` for every part of a relative path written with "/"."""
    for part in path.split("/"):
        found = windows_problem(part)
        if found:
            return found
    return None


def kind_problem(name: str) -> str | None:
    """Why a file of this kind is not published; None when it is."""
    ext = extension(name)
    if ext in ALLOWED:
        return None
    if ext in {"svg", "svgz", "html", "htm", "xhtml", "xht", "xml", "xsl", "js", "mjs",
               "css", "swf", "pdfx"}:
        return (f"i file .{ext} non si pubblicano: il browser eseguirebbe il loro codice "
                "sul sito")
    return f"i file {'.' + ext if ext else 'senza estensione'} non si pubblicano"


KIND_HINT = ("allega documenti (PDF, Word, testo), fogli di calcolo, immagini PNG, JPEG o "
             "WebP, audio o video; un disegno SVG va salvato come PNG")


def size_problem(size: int) -> str | None:
    if size > MAX_FILE:
        return f"il file è troppo grande: {human_size(size)}, il limite è {human_size(MAX_FILE)}"
    return None


# Linear patterns (see checks.py): what a body shows, in Markdown and in HTML.
IMG_MD = re.compile(r"!\[(?P<alt>[^\[\]\n]*)\]\((?P<src>(?:[^()\n]|\([^()\n]*\))*)\)")
TAG = re.compile(r"<(?P<name>img|video|audio|source)\b(?P<attrs>[^<>]*)>", re.IGNORECASE)
_ATTR = re.compile(r"(?P<name>[^\s\"'<>/=]+)"
                   r"(?:\s*=\s*(?P<value>\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?")


def attributes(text: str) -> dict[str, str]:
    """The attributes of one HTML start tag's inside, the first of each name."""
    found = {}
    for match in _ATTR.finditer(text):
        value = match["value"] or ""
        if value[:1] in ("'", '"'):
            value = value[1:-1]
        found.setdefault(match["name"].lower(), html.unescape(value))
    return found


def shown(body: str) -> Iterator[tuple[int, str, str | None, list[str]]]:
    """(line offset, "md" or "html", alternative text or None, addresses) for every
    image, video or audio the body shows; a Markdown image gives its address read
    both ways (with and without a title after a space)."""
    line, last = 0, 0
    for match in IMG_MD.finditer(body):  # a pass over the whole text, not one per line
        line, last = line + body.count("\n", last, match.start()), match.start()
        src = match["src"].strip()
        yield line, "md", match["alt"], [src, (src.split() or [""])[0]]
    line, last = 0, 0
    for tag in TAG.finditer(body):
        line, last = line + body.count("\n", last, tag.start()), tag.start()
        name, attrs = tag["name"].lower(), attributes(tag["attrs"])
        alt = attrs.get("alt", "") if name == "img" else None
        yield line, "html", alt, [v for a, v in attrs.items() if (name, a) in LOADS]


def body_files(slug: str, body: str) -> set[str]:
    """The bundle-relative names (NFC) of the files the body shows from its folder,
    whatever their kind (``published`` keeps those of a kind a page may show)."""
    page = page_address(None, f"schede/{slug}/")
    prefix = f"/schede/{slug}/"
    found = set()
    for _, _, _, addresses in shown(body):
        for address in addresses:
            try:
                url = ada_url.URL(address.strip("<>"), base=page)
            except ValueError:
                continue
            path = unquote(url.pathname)
            if url.host == "rete.invalid" and path.startswith(prefix):
                found.add(nfc(normpath(path[len(prefix):])))
    return found


def named(data: dict) -> list[str]:
    """The names the materials give, as written (NFC), in order."""
    items = data.get("materiali")
    return [nfc(m["file"]) for m in (items if isinstance(items, list) else [])
            if isinstance(m, dict) and isinstance(m.get("file"), str)]


def published(doc) -> list[str]:
    """The files of a bundle document that its page publishes: those its materials
    name and the images, audio and video its body shows, of an allowed kind."""
    if doc.bundle is None:
        return []
    wanted = set(named(doc.data)) | {n for n in body_files(doc.slug, doc.body)
                                     if extension(n) in SHOWN}
    return [n for n in doc.files if n in wanted and kind_problem(n) is None]

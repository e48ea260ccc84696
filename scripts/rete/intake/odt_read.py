"""An OpenDocument text (.odt) seen through the few parts of python-docx that
``docx_read`` uses: body paragraphs and tables, cells, runs with bold and
italics, style names, the document's subject.

So a form saved by LibreOffice Writer as .odt is read by the very code that
reads a .docx, and gives the same Candidate. Writer names a heading's style
``Heading_20_2`` (ODF's escape for a space) and lists are ``text:list``
elements, whatever their paragraphs' style: both are turned into the names
Word would give (``Heading 2``, ``List Paragraph``).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from io import BytesIO

from lxml import etree

_NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
}
_TEXT, _TABLE, _STYLE, _FO = (f"{{{_NS[k]}}}" for k in ("text", "table", "style", "fo"))
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
# Inside a paragraph: what is never part of its text (notes, comments, tracked deletions).
_SKIPPED = {f"{_TEXT}note", f"{{{_NS['office']}}}annotation", f"{_TEXT}tracked-changes",
            f"{_TEXT}bookmark-ref"}


class NotOdt(Exception):
    """The archive is not an OpenDocument text."""


@dataclass
class Style:
    name: str


@dataclass
class Run:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class Paragraph:
    style: Style
    runs: list[Run] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass
class Cell:
    paragraphs: list[Paragraph]

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)


@dataclass
class Row:
    cells: list[Cell]


@dataclass
class Table:
    rows: list[Row]


@dataclass
class Properties:
    subject: str | None


@dataclass
class Document:
    paragraphs: list[Paragraph]
    tables: list[Table]
    core_properties: Properties


def _decoded(name: str) -> str:
    return re.sub(r"_([0-9A-Fa-f]{2})_", lambda m: chr(int(m.group(1), 16)), name)


class _Styles:
    """The styles a paragraph or a span names: what each derives from, and whether its
    text is bold or italic."""

    def __init__(self, styles, content):
        self.parent: dict[str, str] = {}
        self.bold: dict[str, bool] = {}
        self.italic: dict[str, bool] = {}
        common = styles.iterfind("office:styles/style:style", _NS) if styles is not None else []
        automatic = list(content.iterfind("office:automatic-styles/style:style", _NS))
        # styles.xml's own automatic styles serve its headers and footers, never the body
        self.automatic = {node.get(f"{_STYLE}name") for node in automatic}
        for nodes in (common, automatic):
            for node in nodes:
                self._add(node)

    def _add(self, node) -> None:
        name = node.get(f"{_STYLE}name")
        parent = node.get(f"{_STYLE}parent-style-name")
        if parent:
            self.parent[name] = parent
        props = node.find(f"{_STYLE}text-properties")
        if props is not None:
            weight = props.get(f"{_FO}font-weight")
            if weight:
                self.bold[name] = weight in ("bold", "600", "700", "800", "900")
            posture = props.get(f"{_FO}font-style")
            if posture:
                self.italic[name] = posture in ("italic", "oblique")

    def named(self, name: str | None) -> str:
        seen = set()
        while name in self.automatic and name in self.parent and name not in seen:
            seen.add(name)  # an automatic style stands for the style it derives from
            name = self.parent[name]
        return _decoded(name or "")

    def flag(self, table: dict[str, bool], name: str | None) -> bool | None:
        seen = set()
        while name and name not in seen:
            seen.add(name)
            if name in table:
                return table[name]
            name = self.parent.get(name)
        return None


def document(archive: BytesIO) -> Document:
    """The document held by the (already checked) archive; NotOdt when it is not one."""
    try:
        with zipfile.ZipFile(archive) as package:
            names = set(package.namelist())
            if "content.xml" not in names:
                raise NotOdt()
            mimetype = package.read("mimetype") if "mimetype" in names else b""
            content = etree.fromstring(package.read("content.xml"), _PARSER)
            styles = etree.fromstring(package.read("styles.xml"), _PARSER) \
                if "styles.xml" in names else None
            meta = etree.fromstring(package.read("meta.xml"), _PARSER) \
                if "meta.xml" in names else None
    except (zipfile.BadZipFile, etree.XMLSyntaxError, KeyError, ValueError):
        raise NotOdt() from None
    if mimetype and not mimetype.startswith(b"application/vnd.oasis.opendocument.text"):
        raise NotOdt()
    body = content.find("office:body/office:text", _NS)
    if body is None:
        raise NotOdt()
    reader = _Reader(_Styles(styles, content))
    paragraphs, tables = reader.blocks(body)
    subject = meta.findtext(".//dc:subject", namespaces=_NS) if meta is not None else None
    return Document(paragraphs, tables, Properties(subject))


class _Reader:
    def __init__(self, styles: _Styles):
        self.styles = styles

    def blocks(self, parent, in_list: bool = False) -> tuple[list[Paragraph], list[Table]]:
        """The paragraphs and tables directly in ``parent``, sections and lists flattened."""
        paragraphs, tables = [], []
        for node in parent:
            tag = node.tag
            if tag == f"{_TEXT}h":
                level = node.get(f"{_TEXT}outline-level", "1")
                paragraphs.append(self.paragraph(node, f"Heading {level}"))
            elif tag == f"{_TEXT}p":
                name = self.styles.named(node.get(f"{_TEXT}style-name"))
                if in_list and "List" not in name:
                    name = "List Paragraph"
                paragraphs.append(self.paragraph(node, name))
            elif tag in (f"{_TEXT}list", f"{_TEXT}list-item", f"{_TEXT}list-header"):
                more, nested = self.blocks(node, in_list=True)
                paragraphs += more
                tables += nested
            elif tag == f"{_TEXT}section":
                more, nested = self.blocks(node, in_list)
                paragraphs += more
                tables += nested
            elif tag == f"{_TABLE}table":
                tables.append(self.table(node))
        return paragraphs, tables

    def table(self, node) -> Table:
        rows = []
        for row in node.iter(f"{_TABLE}table-row"):
            if row.getparent() is not node and row.getparent().getparent() is not node:
                continue  # a row of a table nested in a cell
            cells: list[Cell] = []
            spanned = 0  # grid columns still covered by the last cell's span
            for cell in row:
                repeat = max(1, min(int(cell.get(f"{_TABLE}number-columns-repeated", "1")), 64))
                if cell.tag == f"{_TABLE}table-cell":
                    made = Cell(self.blocks(cell)[0])
                    span = max(1, min(int(cell.get(f"{_TABLE}number-columns-spanned", "1")), 64))
                    # python-docx gives a merged cell once per grid column it covers
                    cells += [made] * span * repeat
                    spanned = span - 1
                elif cell.tag == f"{_TABLE}covered-table-cell":
                    for _ in range(repeat):
                        if spanned:
                            spanned -= 1
                        else:  # covered from the row above: its place is kept, empty
                            cells.append(Cell([]))
            rows.append(Row(cells))
        return Table(rows)

    def paragraph(self, node, style: str) -> Paragraph:
        paragraph = Paragraph(Style(style))
        base = node.get(f"{_TEXT}style-name")
        self._runs(node, paragraph.runs, self._flags(base, (False, False)))
        return paragraph

    def _flags(self, style: str | None, inherited: tuple[bool, bool]) -> tuple[bool, bool]:
        bold = self.styles.flag(self.styles.bold, style)
        italic = self.styles.flag(self.styles.italic, style)
        return (inherited[0] if bold is None else bold,
                inherited[1] if italic is None else italic)

    def _runs(self, node, runs: list[Run], flags: tuple[bool, bool]) -> None:
        if node.text:
            runs.append(Run(node.text, *flags))
        for child in node:
            tag = child.tag
            if tag in _SKIPPED:
                pass
            elif tag == f"{_TEXT}s":
                runs.append(Run(" " * min(int(child.get(f"{_TEXT}c", "1")), 1000), *flags))
            elif tag == f"{_TEXT}tab":
                runs.append(Run("\t", *flags))
            elif tag == f"{_TEXT}line-break":
                runs.append(Run("\n", *flags))
            elif tag == f"{_TEXT}span":
                self._runs(child, runs, self._flags(child.get(f"{_TEXT}style-name"), flags))
            elif isinstance(tag, str):  # links, fields, bookmarks: their text, as it reads
                self._runs(child, runs, flags)
            if child.tail:
                runs.append(Run(child.tail, *flags))

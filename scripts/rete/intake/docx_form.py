"""The Word form of a scheda or polo, made from the schema and rete.yml (python-docx).

Librarians draft offline: the form is a two-column table "Campo | Risposta",
then headed sections for the text. ``docx_read`` reads a filled form back with
the same ``spec``, so a label is written in one place only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from io import BytesIO

from docx import Document
from docx.enum.text import WD_BREAK
from docx.shared import Pt, RGBColor

from ..content import fields
from ..content.collections import KINDS, PUBLIC
from ..content.refs import Catalog, registry_lists
from ..content.schema import schema
from . import values

BOX, TICKED = "☐", "☒"
FIELDS_HEADER = ("Campo", "Risposta")
FREE_TEXT = "Testo"  # the heading of the body when the schema names no sections
LIBRARIES = "Biblioteche della rete"
SUBJECT = "rete:{kind}"  # in the document's properties: which form this is
GROUP_ROWS = 4
_GREY = RGBColor(0x59, 0x59, 0x59)


@dataclass(frozen=True)
class FormField:
    path: str  # dotted: "referente.email"; inside a group, the item's key
    label: str
    help: str
    required: bool
    options: tuple[str, ...] = ()  # names offered with a box to tick
    many: bool = False  # an array: several answers


@dataclass(frozen=True)
class Group:
    """A list of items (servizi, attività, materiali): a table with one item per row."""

    path: str
    label: str
    help: str
    columns: tuple[FormField, ...] = field(default_factory=tuple)


def _options(f: fields.Field, catalog: Catalog) -> tuple[str, ...]:
    ref = f.reference
    if ref and ref != "biblioteche":  # the libraries are many: named, and listed at the end
        return tuple(e.nome for e in catalog.entries.get(ref, []))
    enum = f.node.get("enum") or f.item.get("enum")
    return tuple(str(v) for v in enum) if enum else ()


def _description(f: fields.Field) -> str:
    """The schema's description, less what only applies to writing the file by hand."""
    if f.reference:
        return ""
    text = re.sub(r",? nella forma AAAA-MM-GG", "", f.description)
    return text.replace(", tra virgolette", "").rstrip(".")


def _help(f: fields.Field, options: tuple) -> str:
    words = [_description(f)]
    node = f.item if f.node.get("type") == "array" else f.node
    if node.get("format") == "date":
        words.append("scrivi la data come 15/03/2026")
    elif f.reference == "biblioteche":
        words.append("scrivi il nome della biblioteca o il comune (l'elenco è in fondo al "
                     "modulo)" + ("; una per riga" if f.node.get("type") == "array" else ""))
    elif options:
        words.append("metti una X al posto di ☐ accanto "
                     + ("alle voci giuste" if f.node.get("type") == "array"
                        else "alla voce giusta (una sola)"))
    elif f.node.get("type") == "array":
        words.append("uno per riga")
    elif node.get("type") in ("number", "integer") and "solo il numero" not in words[0]:
        words.append("solo il numero, per esempio " + ("12" if node["type"] == "integer"
                                                        else "1.200,50"))
    rules = f.rules(choices=False)
    if rules:
        words.append("; ".join(rules))
    text = ". ".join(w[:1].upper() + w[1:] for w in words if w)
    return text + ("." if text else "")


def spec(kind: str, catalog: Catalog) -> tuple[list[FormField], list[Group]]:
    """The form's fields and groups, in the schema's order."""
    rows: list[FormField] = []
    groups: dict[str, Group] = {}
    for f in fields.walk(kind):
        if not f.by_librarian or f.widget == "group":
            continue
        if "[]." in f.path:
            owner = f.path.split("[].")[0]
            if owner in groups and "." not in f.path.split("[].", 1)[1]:
                g = groups[owner]
                column = FormField(f.key, f.label, _help(f, ()), f.required)
                groups[owner] = Group(g.path, g.label, g.help, g.columns + (column,))
            continue
        if f.widget == "items":
            groups[f.path] = Group(f.path, f.label, f.description)
            continue
        options = _options(f, catalog)
        label = values.label(kind, f.path)
        required = f.required and all(
            s.required for s in fields.walk(kind) if f.path.startswith(s.path + "."))
        rows.append(FormField(f.path, label, _help(f, options), required, options,
                              f.widget in ("choices", "list")))
    return rows, list(groups.values())


def sections(kind: str) -> list[str]:
    return list(schema(kind).get("x-sezioni", [])) or [FREE_TEXT]


def _small(paragraph, text: str) -> None:
    run = paragraph.add_run(text)
    run.font.size = Pt(9)
    run.font.color.rgb = _GREY


def _field_row(table, f: FormField) -> None:
    left, right = table.add_row().cells
    head = left.paragraphs[0]
    head.add_run(f.label).bold = True
    head.add_run(" (obbligatorio)" if f.required else " (facoltativo)")
    if f.help:
        _small(left.add_paragraph(), f.help)
    if f.options:
        right.paragraphs[0].text = f"{BOX} {f.options[0]}"
        for option in f.options[1:]:
            right.add_paragraph(f"{BOX} {option}")


def render(kind: str, registry: dict, poli: dict[str, str] | None = None) -> bytes:
    """The .docx file of the form for ``kind`` ("scheda" or "polo"), from rete.yml's data;
    ``poli`` maps each polo's id to its name."""
    catalog = Catalog.from_registry(registry, poli or {})
    network = str(registry.get("nome", ""))
    doc = Document()
    doc.core_properties.subject = SUBJECT.format(kind=kind)
    doc.core_properties.title = f"{schema(kind)['title']} – {network}"
    doc.core_properties.language = "it-IT"
    doc.add_heading(schema(kind)["title"], level=0)
    doc.add_paragraph(network)
    for line in (
        "Compila la colonna «Risposta»: la colonna «Campo» non va cambiata.",
        f"Per scegliere, sostituisci {BOX} con una X accanto alla voce (oppure scrivi X "
        "dopo la voce). Le date si scrivono come 15/03/2026, gli importi come 1.200,50.",
        f"Poi {'racconta la pratica' if kind == 'scheda' else 'descrivi il polo'} sotto "
        f"{'i titoli' if len(sections(kind)) > 1 else 'il titolo'} in fondo: puoi scrivere più "
        "paragrafi e usare il grassetto e il corsivo.",
        "Quando hai finito, salva il file (.docx) e mettilo nella cartella condivisa della rete, "
        "oppure mandalo a chi coordina la rete. Se qualcosa non va, riceverai un file con "
        "l'elenco delle correzioni.",
    ):
        doc.add_paragraph(line, style="List Bullet")
    rows, groups = spec(kind, catalog)
    table = doc.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, FIELDS_HEADER):
        cell.paragraphs[0].add_run(text).bold = True
    for f in rows:
        _field_row(table, f)
    for g in groups:
        doc.add_heading(f"{g.label} (facoltativo)", level=2)
        if g.help:
            _small(doc.add_paragraph(), g.help.rstrip(".") + ". Una riga per voce.")
        grid = doc.add_table(rows=1 + GROUP_ROWS, cols=len(g.columns))
        grid.style = "Table Grid"
        for cell, column in zip(grid.rows[0].cells, g.columns):
            cell.paragraphs[0].add_run(column.label).bold = True
    for title in sections(kind):
        doc.add_heading(title, level=2)
        doc.add_paragraph()
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_heading(LIBRARIES, level=2)
    grid = doc.add_table(rows=1, cols=2)
    grid.style = "Table Grid"
    for cell, text in zip(grid.rows[0].cells, ("Nome", "Comune")):
        cell.paragraphs[0].add_run(text).bold = True
    for item in registry.get("biblioteche") or []:
        if isinstance(item, dict):
            name, comune = grid.add_row().cells
            name.text = str(item.get("nome", item.get("id", "")))
            comune.text = str(item.get("comune", ""))
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


SITE_KINDS = PUBLIC  # a request is asked by the site's own form, sent by email


def site_names() -> list[str]:
    """The names of the Word forms the site publishes, known before they are made."""
    return [f"{kind}.docx" for kind in SITE_KINDS]


def site_files(knowledge) -> dict[str, bytes]:
    """scheda.docx and polo.docx for the site, from the validated model."""
    net = knowledge.rete
    registry = {"nome": net.nome, **registry_lists(net)}
    poli = {p.slug: p.nome for p in knowledge.poli}
    return dict(zip(site_names(), (render(kind, registry, poli) for kind in SITE_KINDS),
                    strict=True))

"""GitHub issue forms for a scheda or a polo, made from the schema and rete.yml.

Each element's ``id`` is the field's dotted path with "." written "__"; its
label is what the issue body shows as a ``### Label`` heading, so
``intake/issue.py`` reads the body back with the same ``elements`` list.
Repeated groups (materiali, servizi, attività) are one textarea, one item a
line with its fields separated by " | ".
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from ...content import fields
from ...content.refs import Catalog
from ...content.schema import schema
from ...text import slugify
from ..mdtext import SDG

CHECKBOXES_UP_TO = 12  # longer lists of names are a dropdown with several choices
SEPARATOR = " | "
NAMES = {"scheda": ("Proponi una scheda", "Racconta una buona pratica della tua biblioteca "
                    "perché altre biblioteche della rete possano ripeterla."),
         "polo": ("Proponi un polo", "Proponi la tua biblioteca come polo di servizio della "
                  "rete, o aggiorna i dati di un polo."),
         "richiesta": ("Richiedi un servizio", "Chiedi a un polo della rete uno dei suoi servizi "
                       "per la tua biblioteca.")}
# What a form says before its questions, besides how the check answers.
WARNINGS = {"richiesta": "Attenzione: una issue è visibile a chi può vedere il repository. Se "
                         "non vuoi che nome ed email del referente si leggano qui, usa il "
                         "modulo sul sito e invia la richiesta per email al polo."}


@dataclass(frozen=True)
class Element:
    """One question of the form: where its answer goes and how it is asked."""

    path: str  # "referente.email"; "corpo.Descrizione" for a section of the body
    label: str
    type: str  # input, textarea, dropdown, checkboxes
    required: bool = False
    description: str = ""
    options: tuple[str, ...] = ()
    multiple: bool = False
    keys: tuple[str, ...] = ()  # the fields of each line of a repeated group

    @property
    def id(self) -> str:
        if self.path.startswith("corpo."):
            return "corpo__" + slugify(self.path[6:]).replace("-", "_")
        return self.path.replace(".", "__")


def _options(f: fields.Field, catalog: Catalog) -> tuple[str, ...] | None:
    if f.reference:
        return tuple(e.nome for e in catalog.entries.get(f.reference, []))
    if f.sdg:
        return tuple(f"{n} – {SDG[n]}" for n in f.values({}))
    if f.widget == "flag":
        return ("sì", "no")
    values = f.values({})
    return None if values is None else tuple(values)


def _label(f: fields.Field, parents: dict[str, str]) -> str:
    parent = f.path.rsplit(".", 1)[0] if "." in f.path else ""
    return f"{parents[parent]} › {f.label}" if parent in parents else f.label


def groups(kind: str) -> dict[str, str]:
    """The form's groups of questions (``referente``, ``periodo``…) by path, with the
    label that begins each of their questions' labels ("Referente")."""
    parents: dict[str, str] = {}
    for f in fields.walk(kind):
        if "[]" not in f.path and f.node.get("type") == "object":
            parents[f.path] = _label(f, parents)
    return parents


def elements(kind: str, catalog: Catalog) -> list[Element]:
    """The questions of the form, in the schema's order, then the body's sections."""
    out: list[Element] = []
    parents = groups(kind)
    walked = [f for f in fields.walk(kind) if f.by_librarian]
    for f in walked:
        if "[]" in f.path or f.path in parents:
            continue  # asked as lines of the group's textarea; a group is not asked
        label = _label(f, parents)
        words = f.description
        if f.widget == "items":
            inside = [c for c in walked if c.path.startswith(f.path + "[].")
                      and "." not in c.path[len(f.path) + 3:]]
            keys = tuple(c.key for c in inside)
            titles = [c.label for c in inside]
            words = (f"{words} Una voce per riga, con i campi separati da «{SEPARATOR.strip()}»: "
                     f"{SEPARATOR.join(titles)}.").strip()
            out.append(Element(f.path, label, "textarea", False, words, keys=keys))
            continue
        options = _options(f, catalog)
        many = f.widget in ("choices", "list")
        if options and many and len(options) <= CHECKBOXES_UP_TO:
            out.append(Element(f.path, label, "checkboxes", False, words, options, True))
        elif options:
            out.append(Element(f.path, label, "dropdown", f.required, words, options, many))
        elif many:
            out.append(Element(f.path, label, "input", f.required,
                               f"{words} Separale con una virgola.".strip()))
        elif f.widget == "date":
            out.append(Element(f.path, label, "input", f.required,
                               f"{words} Per esempio 15/03/2026.".strip()))
        else:
            out.append(Element(f.path, label, "textarea" if f.widget == "text" else "input",
                               f.required,
                               words))
    for title in schema(kind).get("x-sezioni", []):
        out.append(Element(f"corpo.{title}", title, "textarea"))
    out.append(Element("corpo", "Altro testo" if schema(kind).get("x-sezioni") else "Testo",
                       "textarea", description="Il racconto libero; una riga «## Titolo» "
                       "comincia una sezione."))
    labels = [e.label for e in out]
    assert len(labels) == len(set(labels)), f"etichette ripetute nel modulo: {labels}"
    return out


def _element(e: Element) -> dict:
    attributes: dict = {"label": e.label}
    if e.description:
        attributes["description"] = e.description
    if e.type == "checkboxes":
        attributes["options"] = [{"label": o} for o in e.options]
    elif e.type == "dropdown":
        attributes["options"] = list(e.options)
        if e.multiple:
            attributes["multiple"] = True
    item: dict = {"type": e.type, "id": e.id, "attributes": attributes}
    if e.required and e.type != "checkboxes":
        item["validations"] = {"required": True}
    return item


def form(kind: str, catalog: Catalog) -> dict:
    """The issue form as GitHub reads it from .github/ISSUE_TEMPLATE/KIND.yml."""
    name, about = NAMES[kind]
    intro = ("Compila i campi e invia: un controllo automatico risponde nei commenti con gli "
             "eventuali problemi; se non ce ne sono, prepara la proposta per i coordinatori. "
             "Puoi modificare la issue per correggere: il controllo riparte.")
    if kind in WARNINGS:
        intro += " " + WARNINGS[kind]
    return {"name": name, "description": about, "title": f"[{kind}] ", "labels": [kind],
            "body": [{"type": "markdown", "attributes": {"value": intro}},
                     *(_element(e) for e in elements(kind, catalog))]}


def render(kind: str, catalog: Catalog) -> str:
    """The form's YAML file, with a first line that says it is generated."""
    text = yaml.safe_dump(form(kind, catalog), allow_unicode=True, sort_keys=False, width=100)
    return ("# Generato da «rete moduli» dallo schema e da rete.yml: non modificarlo a mano.\n"
            + text)

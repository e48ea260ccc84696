"""The field guide: a Markdown page per collection, made from its schema."""

from __future__ import annotations

from .. import fields
from ..schema import schema


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render(kind: str) -> str:
    """The guide to one collection's fields, as a Markdown table."""
    root = schema(kind)
    lines = [f"### {root['title']}", "", " ".join(root.get("description", "").split()), "",
             "| Campo | Obbligatorio | Tipo | Che cosa scrivere |",
             "| --- | --- | --- | --- |"]
    for f in fields.walk(kind):
        explain = " ".join(filter(None, [f.description, "; ".join(f.rules()).capitalize()
                                         + "." if f.rules() else ""]))
        lines.append(f"| `{f.path}` | {'sì' if f.required else 'no'} | {f.kind} "
                     f"| {_cell(explain)} |")
    for rule in fields.conditional_rules(kind):
        lines += ["", rule]
    sections = root.get("x-sezioni")
    if sections:
        lines += ["", "Dopo l'intestazione scrivi il testo, con le sezioni: "
                  + ", ".join(f"«{s}»" for s in sections) + "."]
    return "\n".join(lines) + "\n"


def render_all() -> str:
    return "\n".join(render(kind) for kind in ("scheda", "polo", "rete"))

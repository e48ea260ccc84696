"""The site's own form for a scheda or a polo, made at build time from the schema.

Every control comes from ``fields.walk``: its label is the field's title, its
hint the field's description, its constraint attributes (``required``,
``minlength``, ``pattern``, ``min``…) the schema's keywords, and its ``name``
the field's dotted path. The choices of libraries, themes and audiences come
from rete.yml. The scripts ``docs/javascripts/compila/*.js`` read these
attributes to explain mistakes, and the schema embedded in the page to write
the file in the order ``writer.dump`` uses.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from html import escape

from . import request
from ...content import fields
from ...checks import invisible
from ...content.collections import COLLECTIONS, FOLDERS
from ...content.rules import DATE_ORDER
from ...content.model import Knowledge
from ...content.fields import without_form_keywords
from ...content.schema import schema
from ..mdtext import SDG
from . import takeup

ALSO = {"biblioteche": "Bibliotecari della rete"}  # words a list of ids also takes (x-anche)
OTHER_TEXT = "corpo"  # the textarea for text outside the schema's sections
_REGISTRY = re.compile(r"\s*\((vedi|identificativi da) rete\.yml\)")
_FILE_DATE = re.compile(r",? nella forma AAAA-MM-GG")  # how a file writes it, not the form


def _attrs(**values) -> str:
    out = []
    for key, value in values.items():
        if value is None or value is False:
            continue
        key = key.rstrip("_").replace("_", "-")
        out.append(f" {key}" if value is True else f' {key}="{escape(str(value))}"')
    return "".join(out)


def _choices(k: Knowledge, f: fields.Field) -> list[tuple[str, str]] | None:
    """(value, shown name) of a field that picks from a list; None for free fields."""
    net = k.rete
    ref = f.reference
    if ref == "biblioteche":
        libraries = sorted(net.biblioteche.values(), key=lambda b: (b.comune.casefold(),
                                                                    b.nome.casefold()))
        return [(b.id, f"{b.comune} – {b.nome}") for b in libraries]
    if ref == "temi":
        return [(t.id, t.nome) for t in net.temi.values()]
    if ref == "destinatari":  # per_chi may also say the service is for librarians
        return [(d.id, d.nome) for d in net.destinatari.values()] + [
            (word, ALSO.get(word, word)) for word in f.value.get("x-anche", ())]
    if ref == "poli":
        return [(p.slug, p.nome) for p in k.poli]
    if f.sdg:
        return [(str(n), f"{n} – {SDG[n]}") for n in f.values({})]
    values = f.values({})
    return None if values is None else [(v, v.replace("-", " ")) for v in values]


class _Form:
    def __init__(self, kind: str, k: Knowledge):
        self.kind = kind
        self.k = k
        self.children: dict[str, list[fields.Field]] = defaultdict(list)
        for f in fields.walk(kind):
            if not request.asks(kind, f):
                continue
            parent = f.path.rsplit(".", 1)[0].removesuffix("[]") if "." in f.path else ""
            self.children[parent].append(f)
        self.later = {".".join(then): ".".join(first)
                      for first, then in DATE_ORDER.get(kind, [])}
        self.boxes: dict[tuple, str] = {}  # a list of boxes the form shows: its fieldset's id

    def label(self, f: fields.Field, fid: str, tag: str = "label") -> str:
        optional = "" if f.required else ' <span class="rete-facoltativo">(facoltativo)</span>'
        target = _attrs(for_=fid) if tag == "label" else ""
        return f"<{tag}{target}>{escape(f.label)}{optional}</{tag}>"

    def hint(self, f: fields.Field, fid: str) -> tuple[str, str]:
        """The hint paragraph and the error slot, and the ids to describe the control by."""
        parts, ids = [], []
        # The form shows names where files want ids: rete.yml is not the reader's business.
        words = _REGISTRY.sub("", f.description) if f.reference else f.description
        if f.node.get("format") == "date":  # the control shows the browser's own order
            words = _FILE_DATE.sub("", words)
        if words:
            parts.append(f'<p class="rete-aiuto" id="{fid}-aiuto">{escape(words)}</p>')
            ids.append(f"{fid}-aiuto")
        parts.append(f'<p class="rete-errore" id="{fid}-errore" hidden></p>')
        return "".join(parts), " ".join(ids) or None

    def field(self, f: fields.Field, name: str) -> str:
        fid = "f-" + name.replace(".", "-")
        node, widget = f.node, f.widget
        if request.fixed(self.kind, f) is not None:
            return request.hidden(name, request.fixed(self.kind, f))
        if self.kind == request.KIND and name == request.SERVICE:
            return request.service_choice(self.k, self.label(f, fid))
        if widget == "group":
            return self.group(f, name, fid)
        if widget == "items":
            return self.repeated(f, name, fid)
        hint, described = self.hint(f, fid)
        choices = _choices(self.k, f)
        if widget == "choices":
            # Implicit labels, and an id only on the first box (the error summary's
            # link), no class (the stylesheet finds them in their fieldset): a network of
            # 60 libraries lists them on a polo's form as partners and in each activity.
            shown_at = self.boxes.get(tuple(choices)) if "__N__" in name else None
            if shown_at:  # an item's boxes the form already shows: the script copies them
                boxes, copied = "", _attrs(data_caselle=shown_at, data_nome=name)
            else:
                boxes, copied = "".join(
                    f'<label><input type="checkbox"'
                    f'{_attrs(id=None if n else f"{fid}-0", name=name, value=value)}>'
                    f"{escape(shown)}</label>"
                    for n, (value, shown) in enumerate(choices)), ""
                if "__N__" not in name:
                    self.boxes.setdefault(tuple(choices), fid)
            return (f'<fieldset class="rete-campo rete-caselle"{_attrs(id=fid)}'
                    f'{_attrs(data_min=node.get("minItems"), aria_describedby=described)}'
                    f'{copied}>{self.label(f, fid, "legend")}{hint}{boxes}</fieldset>')
        common = dict(id=fid, name=name, required=f.required, aria_describedby=described)
        if widget == "list":
            # Each line is one value: the script checks each against the item's pattern.
            item = f.item
            lines = dict(data_pattern=item.get("pattern"), data_max=node.get("maxItems"),
                         data_messaggio=item.get("x-messaggi", {}).get("pattern"))
            control = (f"<textarea{_attrs(**common, rows=3, data_tipo='righe', **lines)}>"
                       "</textarea>")
            hint = hint.replace("</p>", " Una per riga.</p>", 1) if f.description else hint
        elif widget in ("choice", "flag"):
            if widget == "flag":
                choices = [("true", "Sì"), ("false", "No")]
            options = "".join(f"<option{_attrs(value=v)}>{escape(s)}</option>"
                              for v, s in choices)
            control = (f"<select{_attrs(**common, data_tipo=node.get('type'))}>"
                       f'<option value="">Scegli…</option>{options}</select>')
        elif widget in ("number", "euro"):
            control = (f"<input{_attrs(**common, type='number', inputmode='decimal')}"
                       f"{_attrs(min=node.get('minimum'), max=node.get('maximum'))}"
                       f"{_attrs(step='1' if node['type'] == 'integer' else 'any')}"
                       f"{_attrs(data_tipo=node['type'])}>")
        elif widget == "date":
            control = (f"<input{_attrs(**common, type='date')}"
                       f"{_attrs(data_dopo=self.later.get(name))}>")
        else:
            size = dict(minlength=node.get("minLength"), maxlength=node.get("maxLength"),
                        data_pattern=node.get("pattern"),
                        data_messaggio=node.get("x-messaggi", {}).get("pattern"))
            if widget == "text":
                control = f"<textarea{_attrs(**common, **size, rows=4)}></textarea>"
            else:
                kind = "email" if f.key == "email" else (
                    "url" if str(node.get("pattern", "")).startswith("^https?") else "text")
                control = f"<input{_attrs(**common, **size, type=kind)}>"
        return f'<div class="rete-campo">{self.label(f, fid)}{hint}{control}</div>'

    def inner(self, path: str, name: str) -> str:
        return "".join(self.field(c, f"{name}.{c.key}") for c in self.children[path])

    def group(self, f: fields.Field, name: str, fid: str) -> str:
        hint, described = self.hint(f, fid)
        return (f'<fieldset class="rete-gruppo"{_attrs(id=fid, aria_describedby=described)}>'
                f'{self.label(f, fid, "legend")}{hint}{self.inner(f.path, name)}</fieldset>')

    def repeated(self, f: fields.Field, name: str, fid: str) -> str:
        hint, described = self.hint(f, fid)
        label = escape(f.label)
        item = (f'<fieldset class="rete-voce" data-voce="{escape(name)}.__N__">'
                f'<legend>{label} <span class="rete-numero">__M__</span></legend>'
                f'{self.inner(f.path, name + ".__N__")}'
                f'<button type="button" class="md-button rete-togli">Togli «{label} '
                f'<span class="rete-numero">__M__</span>»</button></fieldset>')
        return (f'<fieldset class="rete-gruppo rete-ripetuto"'
                f'{_attrs(id=fid, aria_describedby=described, data_ripetuto=name)}>'
                f'{self.label(f, fid, "legend")}{hint}<div class="rete-voci"></div>'
                f"<template>{item}</template>"
                f'<button type="button" class="md-button rete-aggiungi">Aggiungi a '
                f"«{label}»</button></fieldset>")

    def body(self) -> str:
        sections = schema(self.kind).get("x-sezioni", [])
        parts = []
        for n, title in enumerate(sections, start=1):
            fid = f"f-corpo-{n}"
            parts.append(f'<div class="rete-campo"><label for="{fid}">{escape(title)} '
                         f'<span class="rete-facoltativo">(facoltativo)</span></label>'
                         f'<p class="rete-errore" id="{fid}-errore" hidden></p>'
                         f'<textarea{_attrs(id=fid, name=f"corpo.{title}", rows=8)}>'
                         "</textarea></div>")
        label = "Altro testo" if sections else "Testo"
        hint = ("Quello che non rientra nelle sezioni qui sopra. Per aggiungere una sezione "
                "scrivi su una riga «## » seguito dal suo titolo." if sections else
                "Il racconto libero. Per dividerlo in sezioni scrivi su una riga «## » "
                "seguito dal titolo.")
        parts.append(f'<div class="rete-campo"><label for="f-corpo">{label} '
                     f'<span class="rete-facoltativo">(facoltativo)</span></label>'
                     f'<p class="rete-aiuto" id="f-corpo-aiuto">{escape(hint)}</p>'
                     f'<p class="rete-errore" id="f-corpo-errore" hidden></p>'
                     f'<textarea{_attrs(id="f-corpo", name=OTHER_TEXT, rows=8)}'
                     f' aria-describedby="f-corpo-aiuto"></textarea></div>')
        legend = "Il racconto" if sections else "Il testo"
        return f'<fieldset class="rete-gruppo"><legend>{legend}</legend>{"".join(parts)}</fieldset>'

    def html(self) -> str:
        return "".join(self.field(f, f.key) for f in self.children[""]) + self.body()


# The messages of the rules the script checks from the schema; the controls' attributes
# carry the others (data-messaggio for a pattern, max for a maximum).
_SCRIPT_MESSAGES = ("required", "minItems", "oneOf")


def _lean(node):
    """The schema without the words the page already shows (titles, descriptions, examples) or
    never shows (the messages of the rules the controls' attributes state)."""
    if isinstance(node, dict):
        lean = {key: _lean(v) for key, v in node.items()
                if key not in ("title", "description", "examples", "$schema", "x-messaggi")}
        said = {k: m for k, m in node.get("x-messaggi", {}).items() if k in _SCRIPT_MESSAGES}
        return lean | ({"x-messaggi": said} if said else {})
    if isinstance(node, list):
        return [_lean(v) for v in node]
    return node


def config(kind: str, k: Knowledge, repo_url: str | None,
           preview: dict | None = None) -> dict:
    """What the script needs that the controls do not say: the schema (for the order
    and the types of the keys), the sections, where files go, how to send them, the
    names the preview shows, and the rule on invisible characters."""
    extra = {"richiesta": request.config(k)} if kind == request.KIND else {}
    return extra | {"anteprima": preview, "tipo": kind, "cartella": FOLDERS[kind], "schema": _lean(without_form_keywords(schema(kind))),
            "sezioni": schema(kind).get("x-sezioni", []), "altro": OTHER_TEXT,
            "repo": repo_url.rstrip("/") if repo_url else None,
            "contatto": k.rete.contatto, "invisibili": invisible.for_script(),
            "riprendi": takeup.config(kind)}


def script_json(value) -> str:
    """JSON to place inside <script>: nothing in it can close the element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def render(kind: str, k: Knowledge, repo_url: str | None = None,
           preview: tuple[str, dict] | None = None) -> str:
    """The form's HTML: error summary, controls, buttons, and the script's data.
    ``preview`` is the page's skeleton and its names (``anteprima``), when the
    preview can show the page as the site does."""
    skeleton, names = preview or ("", None)
    what = COLLECTIONS[kind].what
    buttons = ['<button type="submit" class="md-button md-button--primary" '
               'data-azione="scarica">Scarica il file</button>',
               '<button type="submit" class="md-button" data-azione="anteprima">'
               "Anteprima</button>" if preview else "",
               '<button type="submit" class="md-button" data-azione="email">'
               "Invia per email</button>" if k.rete.contatto or kind == request.KIND else "",
               '<button type="submit" class="md-button" data-azione="github">'
               "Proponi su GitHub</button>" if repo_url else "",
               '<button type="button" class="md-button rete-ricomincia">Ricomincia</button>']
    return (
        f'<div class="rete-compila" data-pagefind-ignore>'
        f'<div class="rete-riepilogo" id="rete-riepilogo" tabindex="-1" role="alert" hidden>'
        "<h2>C'è un problema</h2><ul></ul></div>"
        f'<p class="rete-stato" id="rete-stato" role="status" hidden></p>'
        f'<form id="rete-modulo" novalidate data-tipo="{kind}">'
        f"{_Form(kind, k).html()}"
        f'<div class="rete-azioni">{"".join(buttons)}</div></form>'
        f'<section class="rete-anteprima" id="rete-anteprima" hidden aria-labelledby='
        f'"rete-anteprima-titolo"><h2 id="rete-anteprima-titolo">Anteprima di {what}</h2>'
        f'<div class="rete-anteprima-pagina"></div>'
        f'<template id="rete-anteprima-modello">{skeleton}</template></section>'
        f'<script type="application/json" id="rete-modulo-dati">'
        f"{script_json(config(kind, k, repo_url, names))}</script></div>")

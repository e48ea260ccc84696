"""What the request form («Richiedi un servizio») adds to the generated form.

A request names a polo and one of its services: the service is a choice whose
values depend on the polo, so its control lists every service grouped by polo
(each option says its polo) and the script keeps only the chosen polo's. The
script also needs, for each polo, where the email goes and each service's notice
(``anticipo_giorni``), and, for «Proponi su GitHub», the issue form's questions.
The fields only the polo fills in (its answer) are not asked, and the state is
its default, «nuova»: a library asks, the polo answers.
"""

from __future__ import annotations

from html import escape

from . import issueform
from ...content import fields
from ...content.model import Knowledge
from ...content.refs import Catalog

KIND = "richiesta"
SERVICE = "servizio"  # the field whose choices are the chosen polo's services
FILE_NAME = ("richiesta_il", "biblioteca", "servizio")  # NOME.md: these values, joined


def asks(kind: str, f) -> bool:
    """Whether the form of ``kind`` has a control for the field ``f`` (a request's
    answer is the polo's: only what the library writes, and the defaults)."""
    return kind != KIND or f.by_librarian or "default" in f.node


def fixed(kind: str, f) -> str | None:
    """The value the form writes by itself for ``f``: a coordinator's field's default
    (a request's ``stato: nuova``)."""
    if kind != KIND or f.by_librarian or "default" not in f.node:
        return None
    return str(f.node["default"])


def hidden(name: str, value: str) -> str:
    return f'<input type="hidden" name="{escape(name)}" value="{escape(value)}">'


def service_choice(k: Knowledge, label: str) -> str:
    """The service's select: an optgroup per polo with services, each option
    carrying its polo; the notice paragraph under it is the script's to fill. Its
    hint speaks of the polo chosen above, not of the file's ids."""
    hint = ('<p class="rete-aiuto" id="f-servizio-aiuto">Scegli prima il polo: qui compaiono '
            'i suoi servizi.</p><p class="rete-errore" id="f-servizio-errore" hidden></p>')
    described = "f-servizio-aiuto"
    groups = []
    for p in k.poli:
        if not p.servizi:
            continue
        options = "".join(f'<option value="{escape(s.id)}" data-polo="{escape(p.slug)}">'
                          f"{escape(s.nome)}</option>" for s in p.servizi)
        groups.append(f'<optgroup label="{escape(p.nome)}">{options}</optgroup>')
    ids = " ".join(filter(None, [described, "f-servizio-anticipo"]))
    return (f'<div class="rete-campo">{label}{hint}'
            f'<select id="f-servizio" name="servizio" required aria-describedby="{ids}">'
            f'<option value="">Scegli…</option>{"".join(groups)}</select>'
            f'<p class="rete-aiuto" id="f-servizio-anticipo" aria-live="polite"></p></div>')


def config(k: Knowledge) -> dict:
    """The script's data: each polo's services and email, the issue form's questions
    with the names its dropdowns show."""
    # As `rete moduli` makes it (cli/moduli.py): the same options, the same names.
    catalog = Catalog.from_network(k.rete, [p.slug for p in k.poli])
    poli = {p.slug: {"nome": p.nome, "email": p.referente.email,
                     "servizi": {s.id: {"nome": s.nome, "anticipo": s.anticipo_giorni}
                                 for s in p.servizi}}
            for p in k.poli}
    names = {ref: {e.id: e.nome for e in entries} for ref, entries in catalog.entries.items()}
    refs = {f.path: f.reference for f in fields.walk(KIND) if f.reference}
    questions = [{"id": e.id, "campo": e.path, "rif": refs.get(e.path)}
                 for e in issueform.elements(KIND, catalog)]
    return {"poli": poli, "nomi": names, "domande": questions, "nome_file": list(FILE_NAME),
            "modulo_issue": f"{KIND}.yml"}

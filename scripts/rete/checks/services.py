"""The rules of a polo's services and of the requests for them (issue «Servizi per la
rete»): a service's id, the fields a request's state allows, and what a request must
agree on with its polo (the service, its availability, the polo's state and seat)."""

from __future__ import annotations

from datetime import date

from ..content.loader import Document
from ..content.rules import DONE_ONLY, REQUEST_DONE
from ..content.schema import dotted
from ..problems import Problem, error, warning
from ..text import did_you_mean, format_date, human_list, is_iso_date, slugify


def _items(doc: Document, key: str):
    value = doc.data.get(key)
    for i, item in enumerate(value if isinstance(value, list) else []):
        if isinstance(item, dict):
            yield i, item


def _guess(value: str, known: list[str], what: str) -> str:
    guess = did_you_mean(value, known)
    if guess:
        return f"forse intendevi «{guess}»?"
    return f"{what}: {human_list(known)}" if known else "il polo non ha ancora servizi con un id"


def service_ids(doc: Document) -> list[str]:
    return [s["id"] for _, s in _items(doc, "servizi") if isinstance(s.get("id"), str)]


def check_own(doc: Document) -> list[Problem]:
    """The rules a polo or a request follows on its own."""
    if doc.kind == "polo":
        return _polo(doc)
    if doc.kind == "richiesta":
        return _request(doc)
    return []


def _polo(doc: Document) -> list[Problem]:
    problems, seen = [], {}
    for i, s in _items(doc, "servizi"):
        path = ["servizi", i, "id"]
        ident = s.get("id")
        if "id" not in s:
            name = s.get("nome")
            made = slugify(name) if isinstance(name, str) else ""
            problems.append(error(
                doc.rel, "il servizio non ha un identificativo (id)", field=dotted(path),
                line=doc.line_of(["servizi", i, "nome"]),
                hint=f"aggiungi la riga «id: {made}»" if made else
                     "aggiungi la riga «id: …» con un nome breve del servizio, per esempio "
                     "prestito-kit"))
        elif isinstance(ident, str) and ident in seen:
            problems.append(error(doc.rel, f"identificativo ripetuto: «{ident}» è già usato "
                                           f"dal servizio {seen[ident] + 1}",
                                  line=doc.line_of(path), field=dotted(path),
                                  hint="ogni servizio del polo deve avere un id diverso"))
        elif isinstance(ident, str):
            seen[ident] = i
        when = s.get("disponibile")
        if isinstance(when, dict) and is_iso_date(when.get("dal")) and \
                is_iso_date(when.get("al")) and when["al"] < when["dal"]:
            at = ["servizi", i, "disponibile", "al"]
            problems.append(error(doc.rel, f"la data {when['al']} viene prima di "
                                           f"disponibile.dal ({when['dal']})",
                                  line=doc.line_of(at), field=dotted(at),
                                  hint="controlla l'anno e l'ordine delle date"))
    known = list(seen)
    for i, a in _items(doc, "attivita"):
        value = a.get("servizio")
        if isinstance(value, str) and value and value not in seen:
            at = ["attivita", i, "servizio"]
            problems.append(error(doc.rel, f"servizio sconosciuto: «{value}» non è tra i "
                                           "servizi di questo polo",
                                  line=doc.line_of(at), field=dotted(at),
                                  hint=_guess(value, known, "i servizi sono")))
    return problems


def _request(doc: Document) -> list[Problem]:
    state = doc.data.get("stato")
    if state == REQUEST_DONE or not isinstance(state, str):
        return []
    return [error(doc.rel, f"«{key}» si scrive solo quando la richiesta è svolta "
                           f"(ora è «{state}»)",
                  line=doc.line_of([key]), field=key,
                  hint=f"togli la riga «{key}», oppure segna la richiesta come svolta "
                       "(stato: svolta)")
            for key in DONE_ONLY if key in doc.data]


def _day(value) -> date | None:
    return date.fromisoformat(value) if is_iso_date(value) else None


def _wanted(doc: Document) -> tuple[date | None, date | None, str]:
    """The days the library wants the service, and the field that says so."""
    periodo = doc.data.get("periodo")
    if isinstance(periodo, dict) and _day(periodo.get("dal")):
        first = _day(periodo["dal"])
        return first, _day(periodo.get("al")) or first, "periodo"
    day = _day(doc.data.get("richiesta_il"))
    return day, day, "richiesta_il"


def _outside(service: dict, first: date, last: date) -> str | None:
    """How the service's ``disponibile`` excludes the days, in words; None if it does not."""
    when = service.get("disponibile")
    if not isinstance(when, dict):
        return None
    dal, al = _day(when.get("dal")), _day(when.get("al"))
    if (dal and first < dal) or (al and last > al):
        return (f"dal {format_date(dal)}" if dal else "") + \
            (" " if dal and al else "") + (f"fino al {format_date(al)}" if al else "")
    return None


def _against_polo(doc: Document, polo: Document) -> list[Problem]:
    problems = []
    d = doc.data
    services = {s["id"]: s for _, s in _items(polo, "servizi") if isinstance(s.get("id"), str)}
    value = d.get("servizio")
    if isinstance(value, str) and value and value not in services:
        problems.append(error(doc.rel, f"servizio sconosciuto: «{value}» non è tra i servizi "
                                       f"di {polo.slug}", line=doc.line_of(["servizio"]),
                              field="servizio",
                              hint=_guess(value, list(services), "i servizi del polo sono")))
    state = polo.data.get("stato")
    if isinstance(state, str) and state != "attivo":
        problems.append(warning(doc.rel, f"il polo {polo.slug} non è attivo (stato: {state})",
                                line=doc.line_of(["polo"]), field="polo",
                                hint="chiedi al polo se il servizio è comunque disponibile, "
                                     "o scegli un polo attivo"))
    first, last, field = _wanted(doc)
    outside = _outside(services.get(value, {}), first, last) if first else None
    if outside:
        problems.append(warning(doc.rel, f"il servizio «{value}» è disponibile solo {outside}",
                                line=doc.line_of([field]), field=field,
                                hint="scegli un periodo in cui il polo offre il servizio"))
    if isinstance(d.get("biblioteca"), str) and d["biblioteca"] == polo.data.get("biblioteca"):
        problems.append(warning(doc.rel, f"la biblioteca {d['biblioteca']} è la sede del polo: "
                                         "chiede il servizio a sé stessa",
                                line=doc.line_of(["biblioteca"]), field="biblioteca",
                                hint="le richieste servono alle altre biblioteche; un servizio "
                                     "della sede si scrive tra le attività del polo"))
    return problems


def check_across(requests: list[Document], poli: list[Document],
                 request_names: list[str]) -> list[Problem]:
    """What requests and poli must agree on: each request's service, and each activity's
    request. ``request_names`` are the names of every request file, readable or not."""
    by_slug = {p.slug: p for p in poli}
    problems = []
    polo_of, state_of = {}, {}
    for doc in requests:
        polo_of[doc.slug] = doc.data.get("polo")
        state_of[doc.slug] = doc.data.get("stato")
        polo = by_slug.get(doc.data.get("polo"))
        if polo is not None:
            problems += _against_polo(doc, polo)
    known = set(request_names)
    for polo in poli:
        seen: dict[str, int] = {}
        for i, a in _items(polo, "attivita"):
            name = a.get("richiesta")
            if not isinstance(name, str) or not name:
                continue
            at = ["attivita", i, "richiesta"]
            where = dict(line=polo.line_of(at), field=dotted(at))
            if name not in known:
                guess = did_you_mean(name, sorted(known))
                problems.append(error(polo.rel, f"richiesta sconosciuta: «{name}» non è nella "
                                                "cartella richieste/", **where,
                                      hint=f"forse intendevi «{guess}»?" if guess else
                                      "scrivi il nome del file della richiesta, senza .md"))
            elif name in seen:
                problems.append(error(polo.rel, f"la richiesta «{name}» è già indicata "
                                                f"all'attività {seen[name] + 1}", **where,
                                      hint="una richiesta corrisponde a una sola attività"))
            elif name in polo_of and polo_of[name] != polo.slug:
                problems.append(error(polo.rel, f"la richiesta «{name}» è rivolta a un altro "
                                                f"polo ({polo_of[name]})", **where,
                                      hint="indica una richiesta fatta a questo polo"))
            elif isinstance(state_of.get(name), str) and state_of[name] != REQUEST_DONE:
                problems.append(warning(polo.rel, f"la richiesta «{name}» non è segnata come "
                                                  f"svolta (stato: {state_of[name]})", **where,
                                        hint=f"se il servizio è stato reso: rete richieste "
                                             f"segna {name} --stato svolta"))
            seen.setdefault(name, i)
    return problems

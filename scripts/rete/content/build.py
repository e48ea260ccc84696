"""From validated documents to the typed model. Documents with errors are left out."""

from __future__ import annotations

import dataclasses
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from . import bundles
from .schema import schema
from .model import (DEFAULT_LICENCE, AccessibilityStatement, Activity, Audience, Availability,
                    Contact, Costs, Knowledge, Library, Licence, Material, Network,
                    OpenDataPolicy, Polo, Privacy, PublicBody, Request, Resources, Scheda,
                    Service, SetupCosts, Source, Theme, Wanted, Workshop)

if TYPE_CHECKING:  # the loader reads the collections, which name these builders
    from .loader import Document, Tree


def _date(value) -> date | None:
    return date.fromisoformat(value) if value else None


def _contact(data: dict) -> Contact:
    return Contact(data["nome"], data["email"], data.get("telefono"))


def network(doc: Document) -> Network:
    d = doc.data
    ws = d.get("workshop")
    return Network(
        nome=d["nome"], sito=d["sito"],
        biblioteche={b["id"]: Library(b["id"], b["nome"], b["comune"], b.get("isil"),
                                      b.get("lat"), b.get("lon"))
                     for b in d["biblioteche"]},
        temi={t["id"]: Theme(t["id"], t["nome"], t.get("descrizione")) for t in d["temi"]},
        destinatari={a["id"]: Audience(a["id"], a["nome"]) for a in d["destinatari"]},
        workshop=Workshop(ws["titolo"], _date(ws["data"]), ws["luogo"],
                          SetupCosts(**ws["costi"]) if ws.get("costi") else None,
                          tuple(ws.get("anni", ())), tuple(ws.get("temi", ())))
        if ws else None,
        contatto=d.get("contatto"),
        licenza=Licence(**d["licenza"]) if d.get("licenza") else DEFAULT_LICENCE,
        **_public_body(d),
    )


def _public_body(d: dict) -> dict:
    """What rete.yml says of the body that publishes the site (all optional)."""
    def group(cls, key):
        return cls(**d[key]) if isinstance(d.get(key), dict) and d[key] else None

    return {"ente": group(PublicBody, "ente"), "privacy": group(Privacy, "privacy"),
            "accessibilita": group(AccessibilityStatement, "accessibilita"),
            "segnalazioni": d.get("segnalazioni"),
            "dati_aperti": group(OpenDataPolicy, "dati_aperti") or OpenDataPolicy()}


def _material(doc: Document, item: dict) -> Material:
    if "file" in item:
        name = bundles.nfc(item["file"])
        path = doc.sources[name]
        return Material(item["titolo"], file=name, path=path, size=path.stat().st_size)
    return Material(item["titolo"], url=item["url"])


def _as_written(doc: Document, cls: type, given: dict) -> dict:
    """The fields of ``cls`` that ``given`` leaves out, as the front-matter has them (dates
    read as dates): a new optional field of text, numbers, a date or a list of those
    reaches the model with no line here."""
    written, dates = _written(doc.kind, cls)
    out = {}
    for key in (written - given.keys()) & doc.data.keys():
        value = doc.data[key]
        if key in dates:
            value = _date(value)
        elif isinstance(value, list):
            value = list(value)
        out[key] = value
    return out


@lru_cache(maxsize=None)
def _written(kind: str, cls: type) -> tuple[frozenset, frozenset]:
    """The fields of ``cls`` the schema of ``kind`` has, and those of them that are dates:
    the same for every document of a kind, worked out once."""
    props = schema(kind)["properties"]
    written = frozenset(f.name for f in dataclasses.fields(cls)) & props.keys()
    return written, frozenset(k for k in written if props[k].get("format") == "date")


def _made(cls: type, doc: Document, **given):
    return cls(**given, **_as_written(doc, cls, given))


def scheda(doc: Document, net: Network) -> Scheda:
    d = doc.data
    libs = net.biblioteche
    risorse = d.get("risorse")
    return _made(
        Scheda, doc, slug=doc.slug, rel=doc.rel, bundle=doc.bundle,
        files={n: doc.sources[n] for n in bundles.published(doc)},
        titolo=d["titolo"], biblioteca=libs[d["biblioteca"]], tema=net.temi[d["tema"]],
        destinatari=[net.destinatari[a] for a in d["destinatari"]],
        sintesi=d["sintesi"], referente=_contact(d["referente"]),
        inizio=_date(d["periodo"]["inizio"]), fine=_date(d["periodo"].get("fine")),
        body=doc.body, partner=[libs[p] for p in d.get("partner", [])],
        risorse=Resources(**risorse) if risorse else None, sdg=sorted(d.get("sdg", [])),
        materiali=[_material(doc, m) for m in d.get("materiali", [])],
        bozza=bool(d.get("bozza", False)), dati=d,
        ripresa_da=[Source(v, url=v if v.startswith(("https://", "http://")) else None)
                    for v in d.get("ripresa_da", [])],
    )


def _resolve_sources(schede: list[Scheda]) -> None:
    """Point each ``ripresa_da`` slug at its scheda, once every scheda is built; a slug
    whose scheda has errors (left out of the model) stays unresolved and is not shown."""
    by_slug = {s.slug: s for s in schede}
    for s in schede:
        s.ripresa_da = [src if src.url else Source(src.valore, scheda=by_slug.get(src.valore))
                        for src in s.ripresa_da]


def polo(doc: Document, net: Network) -> Polo:
    d = doc.data
    libs = net.biblioteche
    costi = d.get("costi")
    return _made(
        Polo, doc, slug=doc.slug, rel=doc.rel, tema=net.temi[d["tema"]],
        biblioteca=libs[d["biblioteca"]], referente=_contact(d["referente"]),
        body=doc.body, partner=[libs[p] for p in d.get("partner", [])],
        servizi=[_service(s) for s in d.get("servizi", [])],
        costi=Costs(**costi) if costi else None,
        attivita=sorted((Activity(_date(a["data"]), a["titolo"],
                                  tuple(libs[b] for b in a.get("biblioteche", [])),
                                  a.get("partecipanti"), a.get("ore"), a.get("costo"),
                                  a.get("servizio"), a.get("richiesta"))
                         for a in d.get("attivita", [])), key=lambda a: a.data),
        dati=d,
    )


def _service(s: dict) -> Service:
    when = s.get("disponibile")
    return Service(**{**s, "per_chi": tuple(s.get("per_chi", ())),
                      "modalita": tuple(s.get("modalita", ())),
                      "disponibile": Availability(_date(when.get("dal")), _date(when.get("al")))
                      if when else None})


def richiesta(doc: Document, net: Network) -> Request:
    d = doc.data
    periodo = d.get("periodo")
    return _made(
        Request, doc, slug=doc.slug, rel=doc.rel, biblioteca=net.biblioteche[d["biblioteca"]],
        referente=_contact(d["referente"]), body=doc.body,
        periodo=Wanted(_date(periodo["dal"]), _date(periodo.get("al"))) if periodo else None,
        dati=d,
    )


def knowledge(tree: Tree, invalid: set[str]) -> Knowledge | None:
    """The model of every document without errors; None if the registry has errors."""
    if tree.registry is None or tree.registry.rel in invalid:
        return None
    net = network(tree.registry)
    schede = [scheda(d, net) for d in tree.of_kind("scheda") if d.rel not in invalid]
    poli = [polo(d, net) for d in tree.of_kind("polo") if d.rel not in invalid]
    _resolve_sources(schede)
    schede.sort(key=lambda s: (s.tema.nome.casefold(), s.titolo.casefold()))
    poli.sort(key=lambda p: (p.tema.nome.casefold(), p.nome.casefold()))
    richieste = [richiesta(d, net) for d in tree.of_kind("richiesta") if d.rel not in invalid]
    richieste.sort(key=lambda r: (r.richiesta_il, r.slug))
    return Knowledge(net, schede, poli, richieste)

"""From validated documents to the typed model. Documents with errors are left out."""

from __future__ import annotations

from datetime import date

from . import bundles
from .loader import Document, Tree
from .model import (DEFAULT_LICENCE, Activity, Audience, Contact, Costs, Knowledge, Library,
                    Licence, Material, Network, Polo, Resources, Scheda, Service, SetupCosts,
                    Theme, Workshop)


def _date(value) -> date | None:
    return date.fromisoformat(value) if value else None


def _contact(data: dict) -> Contact:
    return Contact(data["nome"], data["email"], data.get("telefono"))


def network(doc: Document) -> Network:
    d = doc.data
    ws = d.get("workshop")
    return Network(
        nome=d["nome"], sito=d["sito"],
        biblioteche={b["id"]: Library(b["id"], b["nome"], b["comune"], b.get("isil"))
                     for b in d["biblioteche"]},
        temi={t["id"]: Theme(t["id"], t["nome"], t.get("descrizione")) for t in d["temi"]},
        destinatari={a["id"]: Audience(a["id"], a["nome"]) for a in d["destinatari"]},
        workshop=Workshop(ws["titolo"], _date(ws["data"]), ws["luogo"],
                          SetupCosts(**ws["costi"]) if ws.get("costi") else None)
        if ws else None,
        contatto=d.get("contatto"),
        licenza=Licence(**d["licenza"]) if d.get("licenza") else DEFAULT_LICENCE,
    )


def _material(doc: Document, item: dict) -> Material:
    if "file" in item:
        name = bundles.nfc(item["file"])
        path = doc.sources[name]
        return Material(item["titolo"], file=name, path=path, size=path.stat().st_size)
    return Material(item["titolo"], url=item["url"])


def scheda(doc: Document, net: Network) -> Scheda:
    d = doc.data
    libs = net.biblioteche
    risorse = d.get("risorse")
    return Scheda(
        slug=doc.slug, rel=doc.rel, bundle=doc.bundle,
        files={n: doc.sources[n] for n in bundles.published(doc)},
        titolo=d["titolo"], biblioteca=libs[d["biblioteca"]], tema=net.temi[d["tema"]],
        destinatari=[net.destinatari[a] for a in d["destinatari"]],
        sintesi=d["sintesi"], referente=_contact(d["referente"]),
        inizio=_date(d["periodo"]["inizio"]), fine=_date(d["periodo"].get("fine")),
        body=doc.body, partner=[libs[p] for p in d.get("partner", [])],
        stato=d.get("stato"), risorse=Resources(**risorse) if risorse else None,
        risultati=d.get("risultati"), trasferibilita=d.get("trasferibilita"),
        parole_chiave=list(d.get("parole_chiave", [])), sdg=sorted(d.get("sdg", [])),
        polo=d.get("polo"), materiali=[_material(doc, m) for m in d.get("materiali", [])],
        compilata_il=_date(d.get("compilata_il")), bozza=bool(d.get("bozza", False)),
        dati=d,
    )


def polo(doc: Document, net: Network) -> Polo:
    d = doc.data
    libs = net.biblioteche
    costi = d.get("costi")
    return Polo(
        slug=doc.slug, rel=doc.rel, nome=d["nome"], tema=net.temi[d["tema"]],
        biblioteca=libs[d["biblioteca"]], sintesi=d["sintesi"], referente=_contact(d["referente"]),
        stato=d["stato"], body=doc.body, partner=[libs[p] for p in d.get("partner", [])],
        proposto_il=_date(d.get("proposto_il")), attivo_dal=_date(d.get("attivo_dal")),
        servizi=[Service(**s) for s in d.get("servizi", [])],
        costi=Costs(**costi) if costi else None,
        attivita=sorted((Activity(_date(a["data"]), a["titolo"],
                                  tuple(libs[b] for b in a.get("biblioteche", [])),
                                  a.get("partecipanti"), a.get("ore"), a.get("costo"))
                         for a in d.get("attivita", [])), key=lambda a: a.data),
        dati=d,
    )


def knowledge(tree: Tree, invalid: set[str]) -> Knowledge | None:
    """The model of every document without errors; None if the registry has errors."""
    if tree.registry is None or tree.registry.rel in invalid:
        return None
    net = network(tree.registry)
    schede = [scheda(d, net) for d in tree.of_kind("scheda") if d.rel not in invalid]
    poli = [polo(d, net) for d in tree.of_kind("polo") if d.rel not in invalid]
    schede.sort(key=lambda s: (s.tema.nome.casefold(), s.titolo.casefold()))
    poli.sort(key=lambda p: (p.tema.nome.casefold(), p.nome.casefold()))
    return Knowledge(net, schede, poli)

"""The portal's open data catalogue in DCAT-AP_IT: one catalogue that lists every
network's datasets, as each network describes them in its own ``catalogo.jsonld``.

The networks' graphs are merged as published (their nodes have addresses under each
network's site, so they do not clash) and the portal's catalogue names each network's
catalogue as a part and each of its datasets. A network without a readable catalogue
(an export older than the catalogue, or a broken one) is listed in the portal but
adds no dataset; ``notes`` says so. A catalogue asking for a remote ``@context`` is not
read: the build reads nothing but the listed files.
"""

from __future__ import annotations

import json

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS as DCT, FOAF, RDF

from ..render.catalogue import DCATAPIT, EU, PREFIXES, jsonld, turtle
from .config import Federation
from .exports import Network

NAMES = ("catalogo.jsonld", "catalogo.ttl")


def _remote_context(node) -> bool:
    """Whether a JSON-LD document names a context by address (rdflib would fetch it)."""
    if isinstance(node, list):
        return any(_remote_context(v) for v in node)
    if not isinstance(node, dict):
        return False
    for key, value in node.items():
        contexts = value if isinstance(value, list) else [value]
        if key == "@context" and any(not isinstance(c, dict) for c in contexts):
            return True
        if _remote_context(value):
            return True
    return False


def network_graph(net: Network) -> tuple[Graph | None, str | None]:
    """A network's catalogue, or None and why it is left out (in Italian)."""
    if net.catalogo is None:
        return None, "non pubblica catalogo.jsonld"
    try:
        data = json.loads(net.catalogo.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None, "il suo catalogo.jsonld non è un JSON leggibile"
    if not isinstance(data, dict) or _remote_context(data):
        return None, "il suo catalogo.jsonld chiede un contesto su un altro sito"
    try:
        g = Graph().parse(data=json.dumps(data), format="json-ld")
    except Exception:  # rdflib raises many kinds on a malformed graph
        return None, "il suo catalogo.jsonld non è un catalogo leggibile"
    if not any(g.subjects(RDF.type, DCAT.Catalog)):
        return None, "il suo catalogo.jsonld non descrive un catalogo DCAT"
    return g, None


def graph(fed: Federation, networks: list[Network]) -> tuple[Graph, list[str]]:
    """The merged catalogue and a note for each network whose datasets it lacks."""
    g = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        g.bind(prefix, namespace)
    base = fed.sito.rstrip("/") + "/dati/"
    catalogue, publisher = URIRef(base + "#catalogo"), URIRef(base + "#editore")
    for t in (DCAT.Catalog, DCATAPIT.Catalog):
        g.add((catalogue, RDF.type, t))
    for t in (FOAF.Agent, FOAF.Organization, DCATAPIT.Agent):
        g.add((publisher, RDF.type, t))
    g.add((publisher, FOAF.name, Literal(fed.ente or fed.nome, lang="it")))
    italian = URIRef(f"{EU}language/ITA")
    g.add((italian, RDF.type, DCT.LinguisticSystem))
    home = URIRef(fed.sito)
    g.add((home, RDF.type, FOAF.Document))
    g.add((catalogue, DCT.title, Literal(f"Dati aperti di {fed.nome}", lang="it")))
    g.add((catalogue, DCT.description, Literal(
        f"I cataloghi dei dati aperti delle reti di biblioteche riunite in {fed.nome}: "
        "ogni dataset resta pubblicato, con la sua licenza, dalla rete che lo cura.",
        lang="it")))
    for p, o in ((DCT.publisher, publisher), (DCT.language, italian), (FOAF.homepage, home)):
        g.add((catalogue, p, o))
    notes, modified = [], []
    for net in networks:
        found, why = network_graph(net)
        if found is None:
            notes.append(f"{net.member.nome}: {why}, quindi i suoi dataset non sono nel "
                         "catalogo del portale")
            continue
        g += found
        for part in found.subjects(RDF.type, DCAT.Catalog):
            g.add((catalogue, DCT.hasPart, part))
            modified += [m.toPython() for m in found.objects(part, DCT.modified)]
            for dataset in found.objects(part, DCAT.dataset):
                g.add((catalogue, DCAT.dataset, dataset))
    dates = [m for m in modified if hasattr(m, "isoformat")]
    if dates:
        g.add((catalogue, DCT.modified, Literal(max(dates))))
    return g, notes


def files(fed: Federation, networks: list[Network]) -> tuple[dict[str, bytes], list[str]]:
    g, notes = graph(fed, networks)
    return {"catalogo.jsonld": jsonld(g), "catalogo.ttl": turtle(g)}, notes

"""The open data's catalogue in DCAT-AP_IT, the Italian profile of DCAT-AP that the
national catalogue dati.gov.it harvests: ``catalogo.jsonld`` and ``catalogo.ttl``.

The graph is built with rdflib and written by its serialisers, never by a template.
Every node has an address under the site's «Dati aperti» page (no blank node), so the
same content gives the same bytes and several networks' catalogues merge without
clashing; ``modified`` comes from the records' own dates, never from the clock.
A node that the DCAT-AP shapes constrain by class (a language, a theme, a format…)
carries its type here, so the catalogue validates on its own, offline.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Callable

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS as DCT, FOAF, RDF, SKOS, XSD

from . import pages
from .html import page_url
from ..content.model import Knowledge
from ..content.urls import page_address

DCATAPIT = Namespace("http://dati.gov.it/onto/dcatapit#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
# DCAT-AP_IT 1.x reads a period's bounds here; DCAT-AP 3 reads dcat:startDate.
SCHEMA = Namespace("http://schema.org/")
EU = "http://publications.europa.eu/resource/authority/"
IANA = "https://www.iana.org/assignments/media-types/"
PREFIXES = {"dcat": DCAT, "dct": DCT, "foaf": FOAF, "vcard": VCARD, "skos": SKOS,
            "xsd": XSD, "dcatapit": DCATAPIT, "schema": SCHEMA}
NAMES = ("catalogo.jsonld", "catalogo.ttl")

# The EU data-theme vocabulary, with its Italian labels. Libraries' practices and
# service hubs are culture («Istruzione, cultura e sport», where dati.gov.it lists
# library data); the practices also address groups of people (families, the
# elderly, newcomers): «Popolazione e società».
THEMES = {"EDUC": "Istruzione, cultura e sport", "SOCI": "Popolazione e società"}
# format -> (EU file type, IANA media type, how a title names it)
FORMATS = {
    "csv": ("CSV", "text/csv", "CSV"),
    "json": ("JSON", "application/json", "JSON"),
    "xlsx": ("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
             "foglio di calcolo XLSX"),
}
# Licences of the Italian controlled vocabulary, by the start of their address.
LICENCE_TYPES = {
    "https://creativecommons.org/licenses/by/4.0": (
        "https://w3id.org/italia/controlled-vocabulary/licences/A21_CCBY40",
        "Creative Commons Attribuzione 4.0 Internazionale (CC BY 4.0)"),
}
FREQUENCY = "IRREG"  # the files change whenever a scheda or a polo does, not on a calendar


def _scheda_dates(k: Knowledge) -> tuple[list[date], list[date]]:
    schede = k.pubblicate
    return ([s.pubblicata_il for s in schede],
            [d for s in schede for d in (s.inizio, s.fine) if d])


def _polo_dates(k: Knowledge) -> tuple[list[date], list[date]]:
    dates = [d for p in k.poli for d in (p.proposto_il, p.attivo_dal) if d]
    dates += [a.data for p in k.poli for a in p.attivita]
    return dates, dates


def _themes_of(objects) -> list[str]:
    return sorted({o.tema.nome for o in objects})


@dataclass(frozen=True)
class DatasetInfo:
    """What the catalogue says of one collection's open data."""

    titolo: str
    descrizione: str
    temi: tuple[str, ...]  # codes of the EU data-theme vocabulary
    parole: tuple[str, ...]
    # Knowledge -> (the days its records were written or changed, the days they cover)
    dates: Callable[[Knowledge], tuple[list[date], list[date]]]
    # Knowledge -> more keywords: the network's themes its records are about
    keywords: Callable[[Knowledge], list[str]]


# One entry per collection of open data; a new one (the requests' counts) adds its own.
DATASETS: dict[str, DatasetInfo] = {
    "schede": DatasetInfo(
        "Buone pratiche delle biblioteche",
        "Le buone pratiche (schede) pubblicate dalle biblioteche della rete: che cosa si fa, "
        "per chi, con quali risorse e risultati, con il testo completo di ogni scheda.",
        ("EDUC", "SOCI"), ("biblioteche", "buone pratiche", "servizi bibliotecari"),
        _scheda_dates, lambda k: _themes_of(k.pubblicate)),
    "poli": DatasetInfo(
        "Poli di servizio delle biblioteche",
        "I poli di servizio della rete: le biblioteche che offrono un servizio alle altre, "
        "con i servizi, i costi e il registro delle attività svolte.",
        ("EDUC",), ("biblioteche", "poli di servizio", "servizi bibliotecari"),
        _polo_dates, lambda k: _themes_of(k.poli)),
}


def _it(text: str) -> Literal:
    return Literal(text, lang="it")


def _formats(downloads: dict[str, dict[str, str]]) -> str:
    """«CSV, JSON e XLSX»: the formats the catalogue lists, in FORMATS' order."""
    names = [FORMATS[f][0] for f in FORMATS if any(f in files for files in downloads.values())]
    return " e ".join(filter(None, [", ".join(names[:-1]), names[-1]])) if names else "nessun formato"


def _latest(days: list[date]) -> Literal | None:
    return Literal(max(days)) if days else None


class _Builder:
    """The graph of one network's catalogue."""

    def __init__(self, k: Knowledge) -> None:
        self.k = k
        self.g = Graph(bind_namespaces="none")
        for prefix, namespace in PREFIXES.items():
            self.g.bind(prefix, namespace)
        self.page = page_address(k.rete.sito, page_url(pages.OPEN_DATA_PAGE))

    def node(self, name: str, *types: URIRef) -> URIRef:
        """A node of this catalogue, at an address under the «Dati aperti» page."""
        return self.typed(URIRef(f"{self.page}#{name}"), *types)

    def typed(self, ref: URIRef, *types: URIRef) -> URIRef:
        for t in types:
            self.g.add((ref, RDF.type, t))
        return ref

    def add(self, subject: URIRef, **values) -> None:
        """``values``: a predicate as prefix_name (``dct_title``) -> a value or a list."""
        for key, value in values.items():
            prefix, _, name = key.partition("_")
            for v in value if isinstance(value, list) else [value]:
                if v is not None:
                    self.g.add((subject, PREFIXES[prefix][name], v))

    def eu(self, vocabulary: str, code: str, *types: URIRef) -> URIRef:
        return self.typed(URIRef(f"{EU}{vocabulary}/{code}"), *types)

    def publisher(self) -> URIRef:
        ente, net = self.k.rete.ente, self.k.rete
        agent = self.node("editore", FOAF.Agent, FOAF.Organization, DCATAPIT.Agent)
        self.add(agent, foaf_name=_it(ente.nome if ente else net.nome),
                 dct_identifier=Literal(ente.codice_ipa) if ente and ente.codice_ipa else None)
        return agent

    def contact(self) -> URIRef:
        """The body's (or the network's) own addresses: never a librarian's."""
        ente, net = self.k.rete.ente, self.k.rete
        reports = net.segnalazioni or ""  # an email, or the address of a page
        email = ((ente and (ente.email or ente.pec)) or net.contatto
                 or (reports if "@" in reports and "://" not in reports else None))
        card = self.node("contatti", VCARD.Kind, VCARD.Organization, DCATAPIT.Organization)
        self.add(card, vcard_fn=Literal(ente.nome if ente else net.nome),
                 vcard_hasEmail=URIRef(f"mailto:{email}") if email else None,
                 vcard_hasURL=URIRef(net.sito))
        return card

    def licence(self) -> URIRef:
        licenza = self.k.rete.licenza
        ref = self.typed(URIRef(licenza.url), DCT.LicenseDocument)
        self.add(ref, foaf_name=Literal(licenza.nome))
        for start, (kind, label) in LICENCE_TYPES.items():
            if licenza.url.startswith(start):
                self.add(ref, dct_type=self.typed(URIRef(kind), SKOS.Concept))
                self.add(URIRef(kind), skos_prefLabel=_it(label))
        return ref

    def catalogue(self, downloads: dict[str, dict[str, str]]) -> None:
        net = self.k.rete
        publisher, contact, licence = self.publisher(), self.contact(), self.licence()
        italian = self.eu("language", "ITA", DCT.LinguisticSystem)
        taxonomy = self.typed(URIRef(f"{EU}data-theme"), SKOS.ConceptScheme)
        self.add(taxonomy, dct_title=_it("Temi dei dati (vocabolario dell'Unione europea)"))
        datasets = [self.dataset(name, files, publisher, contact, licence, italian, taxonomy)
                    for name, files in downloads.items()]
        catalogue = self.node("catalogo", DCAT.Catalog, DCATAPIT.Catalog)
        self.add(catalogue, dct_title=_it(f"Dati aperti di {net.nome}"),
                 dct_description=_it(f"Le buone pratiche e i poli di servizio di {net.nome} "
                                     f"come dati aperti, in {_formats(downloads)}."),
                 dct_publisher=publisher, dct_language=italian, dct_license=licence,
                 foaf_homepage=self.typed(URIRef(net.sito), FOAF.Document),
                 dcat_themeTaxonomy=taxonomy, dcat_dataset=[ref for ref, _ in datasets],
                 dct_modified=_latest([d for _, d in datasets if d]))

    def dataset(self, name, files, publisher, contact, licence, italian, taxonomy):
        """A collection's dataset and its distributions; its address and last change."""
        info, ente = DATASETS[name], self.k.rete.ente
        ref = self.node(name, DCAT.Dataset, DCATAPIT.Dataset)
        changed, covered = info.dates(self.k)
        themes = [self.eu("data-theme", code, SKOS.Concept) for code in info.temi]
        for code, theme in zip(info.temi, themes):
            self.add(theme, skos_prefLabel=_it(THEMES[code]), skos_inScheme=taxonomy)
        ipa = ente.codice_ipa if ente else None
        self.add(ref, dct_title=_it(info.titolo), dct_description=_it(info.descrizione),
                 dct_identifier=Literal(f"{ipa}:{name}" if ipa else str(ref)),
                 dcat_theme=themes, dct_publisher=publisher, dct_rightsHolder=publisher,
                 dcat_contactPoint=contact, dct_language=italian,
                 dcat_keyword=[_it(w) for w in (*info.parole, *info.keywords(self.k))],
                 dct_accrualPeriodicity=self.eu("frequency", FREQUENCY, DCT.Frequency),
                 dcat_landingPage=self.typed(URIRef(self.page), FOAF.Document),
                 dct_modified=_latest(changed))
        if covered:
            period = self.node(f"{name}-periodo", DCT.PeriodOfTime)
            first, last = Literal(min(covered)), Literal(max(covered))
            self.add(period, dcat_startDate=first, dcat_endDate=last,
                     schema_startDate=first, schema_endDate=last)
            self.add(ref, dct_temporal=period)
        for fmt, file in files.items():
            self.add(ref, dcat_distribution=self.distribution(name, fmt, file, licence))
        return ref, max(changed, default=None)

    def distribution(self, name: str, fmt: str, file: str, licence: URIRef) -> URIRef:
        filetype, media, label = FORMATS[fmt]
        ref = self.node(f"{name}-{fmt}", DCAT.Distribution, DCATAPIT.Distribution)
        address = URIRef(page_address(self.k.rete.sito, f"{pages.OPEN_DATA}/{file}"))
        sheet = f", foglio «{name}»" if fmt == "xlsx" else ""
        self.add(ref, dct_title=_it(f"{DATASETS[name].titolo} ({label}{sheet})"),
                 dcat_accessURL=address, dcat_downloadURL=address, dct_license=licence,
                 dct_format=self.eu("file-type", filetype, DCT.MediaTypeOrExtent),
                 dcat_mediaType=self.typed(URIRef(IANA + media), DCT.MediaType))
        return ref


def graph(k: Knowledge, downloads: dict[str, dict[str, str]]) -> Graph:
    """The catalogue; ``downloads``: each collection's files by format (``{"schede":
    {"csv": "schede.csv", …}}``), the names of the open data files beside it."""
    builder = _Builder(k)
    builder.catalogue(downloads)
    return builder.g


def jsonld(g: Graph) -> bytes:
    """JSON-LD with its ``@context`` inline, so it reads offline; nodes and values sorted."""
    context = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
    data = json.loads(g.serialize(format="json-ld", context=context, auto_compact=True))
    nodes = data.get("@graph", [data])
    for node in nodes:
        for key, value in node.items():
            if isinstance(value, list):
                node[key] = sorted(value, key=lambda v: json.dumps(v, sort_keys=True))
    out = {"@context": context, "@graph": sorted(nodes, key=lambda n: n["@id"])}
    return (json.dumps(out, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def turtle(g: Graph) -> bytes:
    return g.serialize(format="turtle", encoding="utf-8")


def files(k: Knowledge, downloads: dict[str, dict[str, str]]) -> dict[str, bytes]:
    g = graph(k, downloads)
    return {"catalogo.jsonld": jsonld(g), "catalogo.ttl": turtle(g)}

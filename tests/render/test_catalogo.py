"""The open data's DCAT-AP_IT catalogue and Frictionless Data Package, judged by third
parties' rules: the official DCAT-AP 3.0.0 SHACL shapes (pyshacl, copies in
tests/dati/dcat-ap/) and `frictionless validate`; on the sample content and on the
test networks, with and without the publishing body (``ente``) in rete.yml."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib import namespace as ns  # its names, imported one by one, upset pytest's collection

from rete import cli
from rete.checks.validate import check
from rete.content.schema import schema
from rete.render import catalogue, datapackage, opendata

from ..conftest import copy_sample, copy_tree

SHAPES = Path(__file__).resolve().parents[1] / "dati" / "dcat-ap"
IANA = "https://www.iana.org/assignments/media-types/"
VCARD = catalogue.VCARD


@pytest.fixture(scope="module")
def shapes() -> Graph:
    g = Graph()
    for name in ("dcat-ap-3.0.0-shapes.ttl", "dcat-ap-3.0.0-range.ttl"):
        g.parse(SHAPES / name, format="turtle")
    return g


def without_body(tree: Path) -> Path:
    """rete.yml without its ``ente`` block, everything else as written."""
    lines, out, skipping = (tree / "rete.yml").read_text("utf-8").splitlines(), [], False
    for line in lines:
        if line and not line[0].isspace():
            skipping = line.startswith("ente:")
        if not skipping:
            out.append(line)
    (tree / "rete.yml").write_text("\n".join(out) + "\n", "utf-8")
    return tree


TREES = ["esempio", "piccolo", "anno"]


@pytest.fixture(params=[(t, e) for t in TREES for e in (True, False)],
                ids=lambda p: f"{p[0]}-{'con' if p[1] else 'senza'}-ente")
def network(request, tmp_path):
    """A network's tree (the sample or one of tests/alberi) and its open data files."""
    name, body = request.param
    tree = copy_sample(tmp_path / name) if name == "esempio" else copy_tree(name, tmp_path)
    if not body:
        without_body(tree)
    k = check(tree).knowledge
    assert (k.rete.ente is not None) == body
    out = tmp_path / "dati"
    out.mkdir()
    for file, data in opendata.files(k).items():
        (out / file).write_bytes(data)
    return k, out


def violations(g: Graph, shapes: Graph) -> tuple[bool, str]:
    conforms, _, text = validate(g, shacl_graph=shapes)
    return conforms, text


def test_catalogue_conforms_to_the_dcat_ap_shapes(network, shapes):
    k, out = network
    ld = Graph().parse(out / "catalogo.jsonld", format="json-ld")
    ttl = Graph().parse(out / "catalogo.ttl", format="turtle")
    assert isomorphic(ld, ttl)
    conforms, report = violations(ld, shapes)
    assert conforms, report
    datasets = set(ld.subjects(ns.RDF.type, ns.DCAT.Dataset))
    assert len(datasets) == len(opendata.COLLECTIONS)
    assert len(set(ld.subjects(ns.RDF.type, ns.DCAT.Distribution))) == 3 * len(datasets)


def test_the_shapes_catch_a_dataset_without_title(network, shapes):
    """The check above could fail: the same catalogue less one mandatory property does."""
    _, out = network
    g = Graph().parse(out / "catalogo.ttl", format="turtle")
    dataset = next(g.subjects(ns.RDF.type, ns.DCAT.Dataset))
    g.remove((dataset, ns.DCTERMS.title, None))
    conforms, report = violations(g, shapes)
    assert not conforms and "dct:title" in report.replace(str(ns.DCTERMS), "dct:")


def test_publisher_is_the_body_with_its_ipa_code_or_the_network(network):
    k, out = network
    g = Graph().parse(out / "catalogo.jsonld", format="json-ld")
    (cat,) = g.subjects(ns.RDF.type, ns.DCAT.Catalog)
    publisher = g.value(cat, ns.DCTERMS.publisher)
    assert (publisher, ns.RDF.type, ns.FOAF.Agent) in g
    ente = k.rete.ente
    assert g.value(publisher, ns.FOAF.name) == Literal(ente.nome if ente else k.rete.nome, lang="it")
    ipa = ente.codice_ipa if ente else None
    assert g.value(publisher, ns.DCTERMS.identifier) == (Literal(ipa) if ipa else None)
    for dataset in g.objects(cat, ns.DCAT.dataset):
        assert g.value(dataset, ns.DCTERMS.rightsHolder) == publisher
        local = str(dataset).rsplit("#", 1)[1]
        assert str(g.value(dataset, ns.DCTERMS.identifier)) == (f"{ipa}:{local}" if ipa else str(dataset))
    assert g.value(cat, ns.FOAF.homepage) == URIRef(k.rete.sito)
    assert g.value(cat, ns.DCTERMS.language) == URIRef(
        "http://publications.europa.eu/resource/authority/language/ITA")
    assert g.value(cat, ns.DCTERMS.license) == URIRef(k.rete.licenza.url)


def test_contact_point_is_an_address_of_the_body_or_the_network(network):
    k, out = network
    g = Graph().parse(out / "catalogo.ttl", format="turtle")
    (card,) = set(g.objects(None, ns.DCAT.contactPoint))
    ente = k.rete.ente
    own = {a for a in (ente and ente.email, ente and ente.pec, k.rete.contatto,
                       k.rete.segnalazioni) if a and "://" not in a}
    emails = {str(e).removeprefix("mailto:") for e in g.objects(card, VCARD.hasEmail)}
    assert emails <= own and len(emails) == (1 if own else 0)
    if ente and ente.email:
        assert emails == {ente.email}
    assert g.value(card, VCARD.fn) == Literal(ente.nome if ente else k.rete.nome)


def test_distributions_download_every_file_from_the_site(network):
    k, out = network
    g = Graph().parse(out / "catalogo.ttl", format="turtle")
    seen = set()
    for dist in g.subjects(ns.RDF.type, ns.DCAT.Distribution):
        url = str(g.value(dist, ns.DCAT.downloadURL))
        assert url.startswith(k.rete.sito + "dati/"), url
        name = url.rsplit("/", 1)[1]
        assert (out / name).is_file(), name
        seen.add(name)
        media = str(g.value(dist, ns.DCAT.mediaType))
        assert media.startswith(IANA)
        assert str(g.value(dist, ns.DCTERMS.format)).rsplit("/", 1)[1].lower() == name.rsplit(".")[1]
        assert g.value(dist, ns.DCTERMS.license) == URIRef(k.rete.licenza.url)
    assert seen == {"schede.csv", "schede.json", "poli.csv", "poli.json", "rete.xlsx"}


def test_dates_come_from_the_content(network):
    k, out = network
    g = Graph().parse(out / "catalogo.ttl", format="turtle")
    (cat,) = g.subjects(ns.RDF.type, ns.DCAT.Catalog)
    schede = URIRef(str(cat).replace("#catalogo", "#schede"))
    newest = max(s.pubblicata_il for s in k.pubblicate)
    assert g.value(schede, ns.DCTERMS.modified).toPython() == newest
    assert g.value(cat, ns.DCTERMS.modified).toPython() >= newest
    period = g.value(schede, ns.DCTERMS.temporal)
    assert g.value(period, ns.DCAT.startDate).toPython() == min(s.inizio for s in k.pubblicate)


def test_no_referente_contact_is_in_the_descriptors(network):
    k, out = network
    contacts = {c for o in (*k.pubblicate, *k.poli)
                for c in (o.referente.email, o.referente.telefono) if c} - {k.rete.contatto}
    assert contacts
    for name in (*catalogue.NAMES, datapackage.NAME):
        text = (out / name).read_text("utf-8")
        assert not [c for c in contacts if c in text], name


def test_data_package_is_valid_for_frictionless(network):
    _, out = network
    done = subprocess.run([sys.executable, "-m", "frictionless", "validate", "--json",
                           "datapackage.json"], cwd=out, capture_output=True, text=True)
    report = json.loads(done.stdout)
    assert done.returncode == 0 and report["valid"], done.stdout[:3000]
    assert [t["place"] for t in report["tasks"]] == ["schede.csv", "poli.csv"]


def test_data_package_follows_the_csv_when_rete_yml_publishes_contacts(minimo):
    (minimo / "rete.yml").write_text((minimo / "rete.yml").read_text("utf-8")
                                     + "dati_aperti:\n  contatti: true\n", "utf-8")
    out = minimo.parent / "dati"
    assert cli.main(["esporta", "--radice", str(minimo), "--out", str(out)]) == 0
    package = json.loads((out / datapackage.NAME).read_text("utf-8"))
    assert "referente.email" in [f["name"] for f in package["resources"][0]["schema"]["fields"]]
    from frictionless import validate as frictionless_validate
    report = frictionless_validate(out / datapackage.NAME)
    assert report.valid, report.flatten(["type", "note"])


def test_frictionless_catches_a_value_of_the_wrong_type(minimo, tmp_path):
    """The check above could fail: a date column holding no date does."""
    out = tmp_path / "dati"
    assert cli.main(["esporta", "--radice", str(minimo), "--out", str(out)]) == 0
    table = (out / "schede.csv").read_text("utf-8-sig").replace("2026-03-01", "1 marzo 2026")
    (out / "schede.csv").write_text(table, "utf-8-sig")
    from frictionless import validate as frictionless_validate
    report = frictionless_validate(out / "datapackage.json")
    assert not report.valid
    assert {e.type for t in report.tasks for e in t.errors} == {"type-error"}


def test_table_schemas_follow_the_collection_schemas(esempio):
    k = check(esempio).knowledge
    package = json.loads(opendata.files(k, formats=("csv",))[datapackage.NAME])
    assert "profile" not in package and "$schema" not in package
    for resource in package["resources"]:
        kind = opendata.COLLECTIONS[resource["name"]]
        fields = resource["schema"]["fields"]
        assert [f["name"] for f in fields] == opendata.columns(kind, with_contacts=False)
        assert not resource["path"].startswith(("/", "http"))
        props = schema(kind)["properties"]
        for f in fields:
            key, _, sub = f["name"].partition(".")
            node = props.get(key, {})
            node = node.get("properties", {}).get(sub, {}) if sub else node
            if node.get("format") == "date":
                assert f["type"] == "date", f["name"]
            elif node.get("type") in ("integer", "number", "boolean"):
                assert f["type"] == node["type"], f["name"]
            if "enum" in node:
                assert f["constraints"]["enum"] == node["enum"]


def test_same_content_same_bytes_whatever_the_hash_seed(minimo):
    script = ("import sys, hashlib; from pathlib import Path; "
              "from rete.checks.validate import check; from rete.render import opendata; "
              "f = opendata.files(check(Path(sys.argv[1])).knowledge); "
              "print([hashlib.sha256(f[n]).hexdigest() for n in "
              "('catalogo.jsonld', 'catalogo.ttl', 'datapackage.json')])")
    outputs = {subprocess.run([sys.executable, "-c", script, str(minimo)], check=True,
                              capture_output=True, text=True,
                              env={**os.environ, "PYTHONHASHSEED": seed}).stdout
               for seed in ("1", "2")}
    assert len(outputs) == 1


def test_jsonld_context_is_inline_and_every_collection_has_a_dataset(minimo):
    data = json.loads(opendata.files(check(minimo).knowledge)["catalogo.jsonld"])
    assert isinstance(data["@context"], dict)
    assert all(str(v).startswith("http") for v in data["@context"].values())
    assert set(opendata.COLLECTIONS) <= set(catalogue.DATASETS)


def test_site_publishes_and_links_the_catalogue(sito_esempio):
    page = (sito_esempio / "dati-aperti" / "index.html").read_text("utf-8")
    assert "dati.gov.it" in page and "DCAT-AP_IT" in page
    for name in (*catalogue.NAMES, datapackage.NAME):
        assert f'href="/dati/{name}"' in page, name  # from the root (publish/frozen.py)
        assert (sito_esempio / "dati" / name).is_file(), name
    g = Graph().parse(sito_esempio / "dati" / "catalogo.jsonld", format="json-ld")
    assert (None, ns.RDF.type, ns.DCAT.Catalog) in g

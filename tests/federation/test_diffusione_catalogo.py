"""Across networks: who took up which practice from which network (the JSON of `rete
diffusione` with ``rete`` for each side, and the portal's «Diffusione» page), and the
portal's merged DCAT-AP_IT catalogue, validated with pyshacl against the official
DCAT-AP 3.0.0 shapes as tests/render/test_catalogo.py does."""

from __future__ import annotations

import json
from pathlib import Path

from pyshacl import validate
from rdflib import Graph, URIRef
from rdflib import namespace as ns

from rete import cli

from ..render.test_catalogo import shapes  # noqa: F401  (the official shapes, once)
from .reti import SITES

def build(federation: Path, capsys) -> tuple[Path, str]:
    out = federation.parent / "portale"
    assert cli.main(["federa", str(federation), "--out", str(out)]) == 0
    return out, capsys.readouterr().out


def schede(export: Path) -> list[dict]:
    return json.loads((export / "schede.json").read_text("utf-8"))["schede"]


def test_spread_across_networks_names_the_network_of_each_side(federation, export, capsys):
    out, _ = build(federation, capsys)
    data = json.loads((out / "dati" / "diffusione.json").read_text("utf-8"))
    first = schede(export)
    assert set(data) == {"adozioni", "piu_riprese", "biblioteche", "per_tema"}
    taken = {(a["rete"], a["scheda"]): a for a in data["adozioni"]}
    a = taken[("beta", first[0]["id"])]
    assert a == {"scheda": first[0]["id"], "rete": "beta", "biblioteca": first[0]["biblioteca"],
                 "ripresa_da": f"{SITES['alfa']}schede/{first[1]['id']}/", "da_rete": "alfa",
                 "da_scheda": first[1]["id"], "da_biblioteca": first[1]["biblioteca"],
                 "anno": int(first[0]["periodo"]["inizio"][:4])}
    assert taken[("gamma", first[2]["id"])]["da_rete"] == "beta"
    assert len(data["adozioni"]) == 2  # the sample's addresses name no listed network
    assert {"scheda": first[1]["id"], "rete": "alfa", "biblioteche": 1} in data["piu_riprese"]
    libraries = {(b["rete"], b["id"]): b for b in data["biblioteche"]}
    assert libraries[("alfa", first[1]["biblioteca"])]["e_stata_ripresa"] == 1
    assert libraries[("beta", first[0]["biblioteca"])]["ha_ripreso"] == 1
    # beta's themes are «b-…»: the adopting scheda counts under its regional theme only
    # when federazione.yml maps it, else under its own id
    assert sum(data["per_tema"].values()) == 2
    page = (out / "diffusione" / "index.html").read_text("utf-8")
    assert f'href="{SITES["alfa"]}schede/{first[1]["id"]}/"' in page
    assert "(Rete Alfa)" in page and "(Rete Beta)" in page


def test_the_merged_catalogue_lists_every_network_dataset_and_conforms(federation, capsys,
                                                                       shapes):
    out, _ = build(federation, capsys)
    g = Graph().parse(out / "dati" / "catalogo.jsonld", format="json-ld")
    assert len(g) == len(Graph().parse(out / "dati" / "catalogo.ttl", format="turtle"))
    conforms, _, report = validate(g, shacl_graph=shapes)
    assert conforms, report
    portal = URIRef("https://portale.example.it/dati/#catalogo")
    parts = set(g.objects(portal, ns.DCTERMS.hasPart))
    assert parts == {URIRef(f"{site}dati-aperti/#catalogo") for site in SITES.values()}
    datasets = set(g.objects(portal, ns.DCAT.dataset))
    assert len(datasets) == 2 * len(SITES)  # schede and poli of each network
    assert {str(d).split("dati-aperti/")[0] for d in datasets} == set(SITES.values())
    publisher = g.value(portal, ns.DCTERMS.publisher)
    assert str(g.value(publisher, ns.FOAF.name)) == "Rete delle Reti di prova"
    g.remove((portal, ns.DCTERMS.title, None))  # the check above could fail
    assert not validate(g, shacl_graph=shapes)[0]


def test_a_network_without_a_readable_catalogue_adds_no_dataset_and_is_named(federation,
                                                                           capsys, shapes):
    (federation.parent / "beta" / "catalogo.jsonld").unlink()
    path = federation.parent / "gamma" / "catalogo.jsonld"
    data = json.loads(path.read_text("utf-8"))
    data["@context"] = "https://esempio.invalid/contesto.jsonld"  # never fetched
    path.write_text(json.dumps(data), "utf-8")
    out, report = build(federation, capsys)
    assert "Nota: Rete Beta: non pubblica catalogo.jsonld" in report
    assert "Rete Gamma: il suo catalogo.jsonld chiede un contesto su un altro sito" in report
    g = Graph().parse(out / "dati" / "catalogo.ttl", format="turtle")
    portal = URIRef("https://portale.example.it/dati/#catalogo")
    assert len(set(g.objects(portal, ns.DCAT.dataset))) == 2
    assert validate(g, shacl_graph=shapes)[0]
    page = (out / "dati" / "index.html").read_text("utf-8")
    assert "Il catalogo non comprende tutto" in page and "Rete Beta: non pubblica" in page

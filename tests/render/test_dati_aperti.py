"""Open data: `rete esporta`, the files on the site, the licence, each scheda's JSON-LD."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil

import pytest
from openpyxl import load_workbook

from rete import cli
from rete.content import writer
from rete.render import jsonld, opendata
from rete.content.fields import without_form_keywords
from rete.content.schema import schema
from rete.checks.validate import check

from ..conftest import copy_tree


def published(k):
    return {"schede": k.pubblicate, "poli": k.poli}


def comparable(obj) -> dict:
    """A scheda or polo without what depends on where the tree lies on disk."""
    data = dict(vars(obj))
    data.pop("bundle", None)
    data["materiali"] = [(m.titolo, m.file, m.url, m.size) for m in data.get("materiali", [])]
    # A practice taken up names another scheda: compared by its name, not as an object.
    data["ripresa_da"] = [(src.valore, src.scheda.slug if src.scheda else None, src.url)
                          for src in data.get("ripresa_da", [])]
    return data


def test_json_rereads_into_the_same_model(esempio):
    """With the referenti's contacts, which rete.yml must ask for (test_dati_personali)."""
    registry = esempio / "rete.yml"
    registry.write_text(registry.read_text("utf-8") + "dati_aperti:\n  contatti: true\n",
                        "utf-8")
    before = check(esempio).knowledge
    files = opendata.files(before, formats=("json",))
    for name, kind in opendata.COLLECTIONS.items():
        data = json.loads(files[f"{name}.json"])
        assert data["licenza"] == {"nome": "CC BY 4.0", "url":
                                   "https://creativecommons.org/licenses/by/4.0/deed.it"}
        assert json.loads(files[f"{kind}.schema.json"]) == without_form_keywords(schema(kind))
        for obj, record in zip(published(before)[name], data[name], strict=True):
            assert record["id"] == obj.slug
            fields = {k: v for k, v in record.items() if k not in ("id", "testo")}
            writer.write_atomic(esempio / obj.rel, writer.dump(kind, fields, record["testo"]))
    after = check(esempio)
    assert not after.errors
    for name in opendata.COLLECTIONS:
        assert [comparable(o) for o in published(after.knowledge)[name]] == \
            [comparable(o) for o in published(before)[name]]


def test_csv_has_every_field_with_a_bom_and_lists_joined(esempio):
    k = check(esempio).knowledge
    raw = opendata.files(k, formats=("csv",))["schede.csv"]
    assert raw.startswith(b"\xef\xbb\xbf")
    table = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    header = list(table[0])
    for key, node in schema("scheda")["properties"].items():
        if key == "bozza":
            continue
        if node.get("type") == "object":
            subs = [sub for sub in node["properties"]
                    if key != "referente" or sub not in ("email", "telefono")]
            assert all(f"{key}.{sub}" in header for sub in subs), key
        else:
            assert key in header, key
    assert len(table) == len(k.pubblicate)
    row = next(r for r in table if r["id"] == "archivio-fotografico-paderno")
    s = next(s for s in k.pubblicate if s.slug == "archivio-fotografico-paderno")
    assert row["titolo"] == s.titolo and row["biblioteca"] == s.biblioteca.id
    assert row["destinatari"] == "; ".join(d.id for d in s.destinatari)
    assert row["parole_chiave"] == "; ".join(s.parole_chiave)
    assert row["periodo.inizio"] == s.inizio.isoformat()
    assert row["referente.nome"] == s.referente.nome and "referente.email" not in row
    assert row["testo"].strip() == s.body.strip()
    assert row["materiali"].startswith(f"titolo: {s.materiali[0].titolo}, ")


def test_xlsx_has_a_sheet_per_collection_with_every_field(esempio):
    k = check(esempio).knowledge
    book = load_workbook(io.BytesIO(opendata.files(k, formats=("xlsx",))["rete.xlsx"]))
    assert book.sheetnames == ["schede", "poli", "licenza"]
    for name, kind in opendata.COLLECTIONS.items():
        rows = list(book[name].iter_rows(values_only=True))
        assert list(rows[0]) == opendata.columns(kind, with_contacts=False)
        assert [r[0] for r in rows[1:]] == [o.slug for o in published(k)[name]]
    polo = next(r for r in book["poli"].iter_rows(values_only=True) if r[0] == "polo-giochi")
    assert polo[opendata.columns("polo").index("tema")] == k.polo("polo-giochi").tema.id
    licence = [list(r) for r in book["licenza"].iter_rows(values_only=True)]
    assert ["licenza", "CC BY 4.0"] in licence


@pytest.mark.parametrize("title", ["=HYPERLINK(\"http://x\";\"y\")", "+39 02 1234", "-10+20",
                                   "@SUM(A1)"])
def test_formulas_stay_inert_text(minimo, title):
    path = minimo / "schede" / "letture-al-nido.md"
    path.write_text(path.read_text("utf-8").replace("titolo: Letture ad alta voce al nido",
                                                    f"titolo: '{title}'"), "utf-8")
    k = check(minimo).knowledge
    files = opendata.files(k)
    row = list(csv.DictReader(io.StringIO(files["schede.csv"].decode("utf-8-sig"))))[0]
    assert row["titolo"] == "'" + title
    cell = load_workbook(io.BytesIO(files["rete.xlsx"]))["schede"]["B2"]
    assert cell.value == title and cell.data_type == "s"
    assert json.loads(files["schede.json"])["schede"][0]["titolo"] == title


def test_licence_comes_from_rete_yml(minimo):
    registry = minimo / "rete.yml"
    registry.write_text(registry.read_text("utf-8") + "licenza:\n  nome: CC BY-SA 4.0\n"
                        "  url: https://creativecommons.org/licenses/by-sa/4.0/deed.it\n",
                        "utf-8")
    k = check(minimo).knowledge
    assert json.loads(opendata.files(k)["poli.json"])["licenza"]["nome"] == "CC BY-SA 4.0"
    assert "CC BY-SA 4.0" in [c.value for row in load_workbook(
        io.BytesIO(opendata.files(k)["rete.xlsx"]))["licenza"] for c in row]


def test_rete_esporta_writes_the_files(minimo, tmp_path, capsys):
    out = tmp_path / "dati"
    assert cli.main(["esporta", "--radice", str(minimo), "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "catalogo.jsonld", "catalogo.ttl", "datapackage.json",
        "poli.csv", "poli.json", "polo.schema.json", "rete.xlsx", "scheda.schema.json",
        "schede.csv", "schede.json"]
    assert capsys.readouterr().out == (
        f"Esportati 1 scheda e 1 polo in {out}: schede.json, scheda.schema.json, schede.csv, "
        "poli.json, polo.schema.json, poli.csv, rete.xlsx, catalogo.jsonld, catalogo.ttl, "
        "datapackage.json. Licenza: CC BY 4.0.\n")
    only = tmp_path / "solo-csv"
    assert cli.main(["esporta", "--radice", str(minimo), "--formato", "csv",
                     "--out", str(only)]) == 0
    assert sorted(p.name for p in only.iterdir()) == [
        "catalogo.jsonld", "catalogo.ttl", "datapackage.json", "poli.csv", "schede.csv"]


def test_rete_esporta_refuses_the_content_folders(minimo, capsys):
    assert cli.main(["esporta", "--radice", str(minimo), "--out",
                     str(minimo / "schede")]) == 2
    assert "non scrivo in" in capsys.readouterr().err
    assert sorted(p.name for p in (minimo / "schede").iterdir()) == ["letture-al-nido.md"]


# --- JSON-LD ------------------------------------------------------------------------

LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def test_jsonld_cannot_break_out_of_its_script(minimo):
    k = check(minimo).knowledge
    s = k.pubblicate[0]
    s.titolo = 'Letture</script><script>alert(1)</script> & <!-- \u2028'
    element = jsonld.script(jsonld.scheda(s, k.rete, "https://rete.example.it/schede/x/"))
    inner = element.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "<" not in inner and ">" not in inner
    assert json.loads(inner)["name"] == s.titolo


# --- on the site -------------------------------------------------------------------

def html(site, path: str) -> str:
    return (site / path / "index.html").read_text("utf-8")


def test_scheda_page_has_jsonld_naming_its_library(sito_esempio):
    page = html(sito_esempio, "schede/archivio-fotografico-paderno")
    found = LD.findall(page)
    assert len(found) == 1 and page.index(found[0]) < page.index("</head>")
    data = json.loads(found[0])
    assert data["@type"] == "CreativeWork" and data["@context"] == "https://schema.org"
    assert data["author"]["@type"] == "Organization"
    assert data["author"]["name"] == "Tilane – Biblioteca di Paderno Dugnano"
    assert data["author"]["identifier"]["value"] == "IT-MI0712"
    assert data["license"] == "https://creativecommons.org/licenses/by/4.0/deed.it"
    assert data["url"].endswith("/schede/archivio-fotografico-paderno/")
    assert {"about", "audience", "dateCreated"} <= set(data)
    assert not LD.findall(html(sito_esempio, "poli/polo-lettura-0-6"))


def test_footer_shows_the_licence_and_links_open_data(sito_esempio):
    for path in ("", "schede/serate-giochi-da-tavolo"):
        page = html(sito_esempio, path)
        assert re.search(r'Contenuti pubblicati con licenza\s*<a href="https://creativecommons'
                         r'.org/licenses/by/4.0/deed.it" rel="license">CC BY 4.0</a>', page)
        assert re.search(r'<a href="(\.\./)*dati-aperti/">Dati aperti</a>', page)


def test_open_data_page_links_files_built_into_the_site(sito_esempio):
    page = html(sito_esempio, "dati-aperti")
    assert "CC BY 4.0" in page
    for name in ("schede.json", "schede.csv", "poli.json", "poli.csv", "rete.xlsx",
                 "scheda.schema.json", "polo.schema.json"):
        assert f'href="/dati/{name}"' in page, name
        assert (sito_esempio / "dati" / name).is_file(), name
    data = json.loads((sito_esempio / "dati" / "schede.json").read_text("utf-8"))
    assert any(r["id"] == "archivio-fotografico-paderno" for r in data["schede"])

"""Personal data stay out of bulk data: the built site's open data (CSV, JSON, XLSX and
whatever else dati/ holds), feed, JSON-LD and search index carry no referente's email or
phone; the pages themselves still show them. rete.yml's ``dati_aperti.contatti: true``
puts the referenti's back in the open data, and nobody else's."""

from __future__ import annotations

import gzip
import io
import json
import re
import zipfile

import pytest

from rete.checks.validate import check
from rete.render import feed, opendata
from rete.render.personal import HIDDEN, hider

from ..conftest import ROOT, copy_tree


def _referenti(tree) -> tuple[set[str], set[str]]:
    k = check(tree).knowledge
    people = [o.referente for o in (*k.schede, *k.poli)]
    return ({c.email.lower() for c in people},
            {c.telefono for c in people if c.telefono})


def _phone_pattern(number: str) -> re.Pattern:
    """The number's digits, however spaced or dotted (this test's own reading)."""
    return re.compile(r"[\s./-]*".join(re.sub(r"\D", "", number)))


def _texts(path) -> list[str]:
    """What a bulk file says, readable: XLSX unzipped, Pagefind's files gunzipped."""
    raw = path.read_bytes()
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(io.BytesIO(raw)) as book:
            return [book.read(n).decode("utf-8") for n in book.namelist()]
    if path.suffix.startswith(".pf_"):
        raw = gzip.decompress(raw)
    return [raw.decode("utf-8", "replace")]


def _json_ld(site) -> list[str]:
    found = []
    for page in site.rglob("*.html"):
        found += re.findall(r'<script type="application/ld\+json">(.*?)</script>',
                            page.read_text("utf-8"))
    return found


def _found(texts: dict[str, list[str]], emails: set[str], phones: set[str]) -> list[str]:
    hits = []
    for name, parts in texts.items():
        for text in parts:
            hits += [f"{name}: {e}" for e in emails if e in text.lower()]
            hits += [f"{name}: {p}" for p in phones if _phone_pattern(p).search(text)]
    return hits


def test_no_bulk_file_carries_a_referentes_email_or_phone(sito_esempio):
    emails, phones = _referenti(ROOT)
    assert len(emails) > 5 and len(phones) > 3
    bulk = [p for p in (sito_esempio / "dati").rglob("*") if p.is_file()]
    bulk += [p for p in (sito_esempio / "pagefind").rglob("*") if p.is_file()]
    bulk += [sito_esempio / "feed.xml"]
    assert {p.suffix for p in bulk} >= {".csv", ".json", ".xlsx", ".xml", ".pf_fragment"}
    texts = {str(p.relative_to(sito_esempio)): _texts(p) for p in bulk}
    texts["JSON-LD"] = _json_ld(sito_esempio)
    assert texts["JSON-LD"]
    assert _found(texts, emails, phones) == []
    # The same search finds them where they belong: the pages, to reach a colleague.
    pages = {str(p): [p.read_text("utf-8")] for p in (sito_esempio / "schede").rglob("*.html")}
    assert len(_found(pages, emails, phones)) >= len(emails)


def test_a_referentes_address_in_a_text_is_hidden_too(sito_esempio):
    """poli/polo-lettura-0-6.md asks to write to its referente's address."""
    poli = json.loads((sito_esempio / "dati" / "poli.json").read_text("utf-8"))["poli"]
    polo = next(p for p in poli if p["id"] == "polo-lettura-0-6")
    assert HIDDEN in json.dumps(polo, ensure_ascii=False)
    assert polo["referente"] == {"nome": polo["referente"]["nome"]}


def _with_contacts(tmp_path):
    tree = copy_tree("piccolo", tmp_path)
    registry = tree / "rete.yml"
    registry.write_text(registry.read_text("utf-8") + "dati_aperti:\n  contatti: true\n",
                        "utf-8")
    return tree, check(tree).knowledge


def test_contatti_true_puts_back_the_referentes_and_nobody_elses(tmp_path):
    tree, k = _with_contacts(tmp_path)
    assert not hider(k).pattern
    files = opendata.files(k)
    schede = json.loads(files["schede.json"])["schede"]
    assert {s["referente"]["email"] for s in schede} == {
        s.referente.email for s in k.pubblicate}
    assert "referente.email" in files["schede.csv"].decode("utf-8-sig").splitlines()[0]
    # The DCAT-AP_IT catalogue's contact point is the body's own address, as the profile
    # requires (tests/render/test_catalogo.py checks it is never a referente's).
    everything = b"".join(v for n, v in files.items()
                          if not n.endswith(".xlsx") and not n.startswith("catalogo.")).decode()
    for other in (k.rete.contatto, k.rete.ente.email, k.rete.privacy.rpd_email,
                  k.rete.segnalazioni):
        assert other not in everything


def test_without_the_switch_the_second_network_is_clean_too(tmp_path):
    tree = copy_tree("piccolo", tmp_path)
    k = check(tree).knowledge
    emails, phones = _referenti(tree)
    files = opendata.files(k)
    texts = {name: [data.decode("utf-8-sig")] for name, data in files.items()
             if not name.endswith(".xlsx")}
    texts["feed"] = [feed.rss(k)]
    assert emails and _found(texts, emails, phones) == []
    schema = json.loads(files["scheda.schema.json"])
    assert set(schema["properties"]["referente"]["properties"]) == {"nome"}


@pytest.mark.parametrize("written", ["02 6145 5290", "02-61455290", "+39 02 6145 5290",
                                     "tel. 02.6145.5290", "SCUOLE@Bresso.example.it"])
def test_a_contact_is_hidden_however_it_is_written(written):
    from rete.content.model import Contact, Knowledge, Network, OpenDataPolicy
    from rete.render.personal import Hider

    person = Contact("Elena", "scuole@bresso.example.it", "02 6145 5290")
    scheda = type("S", (), {"referente": person})()
    k = Knowledge(Network("r", "https://r.example.it/", {}, {}, {}), [scheda], [])
    assert hider(k).text(f"chiamate {written} oggi").count(HIDDEN) == 1
    assert hider(k).text("nel 2026 erano 145 bambini") == "nel 2026 erano 145 bambini"
    k.rete.dati_aperti = OpenDataPolicy(contatti=True)
    assert hider(k) == Hider(True)

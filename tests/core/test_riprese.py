"""``ripresa_da``: the rules `rete valida` applies and what the model makes of it.

The tree is a copy of the repository's sample content, where
libri-sale-attesa-pediatri took up letture-famiglie-nati-per-leggere,
sala-studio-serale-autogestita took up serate-giochi-da-tavolo and
book-club-young-adult took up gruppo-lettura-adulti-garbagnate and a page of
another network; biblioteca-dei-semi is a draft.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rete.checks.validate import check
from rete.content.fields import walk


def _set(tree: Path, slug: str, items: list[str] | None, start: str | None = None) -> None:
    """Write ``items`` as the scheda's ripresa_da (None: take it away)."""
    path = tree / "schede" / f"{slug}.md"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"ripresa_da:\n(  - .*\n)+", "", text)
    if items is not None:
        block = "ripresa_da:\n" + "".join(f'  - "{i}"\n' for i in items)
        text = text.replace("\nsintesi:", "\n" + block + "sintesi:", 1)
    if start:
        text = re.sub(r"inizio: \S+", f"inizio: {start}", text, count=1)
    path.write_text(text, encoding="utf-8")


def _problems(tree: Path, slug: str):
    return [p for p in check(tree).problems if p.file == f"schede/{slug}.md"]


def test_the_sample_content_takes_up_practices_and_the_model_resolves_them(esempio):
    k = check(esempio).knowledge
    by = {s.slug: s for s in k.schede}
    club = by["book-club-young-adult"]
    local, other = club.ripresa_da
    assert local.scheda is by["gruppo-lettura-adulti-garbagnate"] and local.url is None
    assert other.scheda is None and other.url.startswith("https://") and other.shown
    assert k.riprese(by["serate-giochi-da-tavolo"]) == [by["sala-studio-serale-autogestita"]]
    assert k.riprese(by["memory-cafe-anziani"]) == []


def test_a_draft_may_be_cited_but_is_not_shown_and_does_not_adopt(esempio):
    _set(esempio, "memory-cafe-anziani", ["biblioteca-dei-semi"])
    _set(esempio, "biblioteca-dei-semi", ["serate-giochi-da-tavolo"])
    result = check(esempio)
    assert not result.errors
    by = {s.slug: s for s in result.knowledge.schede}
    (src,) = by["memory-cafe-anziani"].ripresa_da
    assert src.scheda is by["biblioteca-dei-semi"] and not src.shown
    # the draft's own taking-up is not counted among the adopters
    assert by["biblioteca-dei-semi"] not in result.knowledge.riprese(by["serate-giochi-da-tavolo"])


def test_an_unknown_scheda_is_an_error_with_the_name_probably_meant(esempio):
    _set(esempio, "memory-cafe-anziani", ["serate-giochi-da-tavol"])
    (p,) = _problems(esempio, "memory-cafe-anziani")
    assert p.is_error and p.field == "ripresa_da[0]" and p.line
    assert "scheda sconosciuta" in p.message and "serate-giochi-da-tavolo" in p.hint


def test_a_scheda_cannot_take_up_itself(esempio):
    _set(esempio, "memory-cafe-anziani", ["memory-cafe-anziani"])
    (p,) = _problems(esempio, "memory-cafe-anziani")
    assert p.is_error and "se stessa" in p.message


def test_a_chain_that_comes_back_is_an_error_on_each_scheda_of_the_ring(esempio):
    _set(esempio, "letture-famiglie-nati-per-leggere", ["memory-cafe-anziani"])
    _set(esempio, "memory-cafe-anziani", ["libri-sale-attesa-pediatri"])
    # libri-sale-attesa-pediatri already takes up letture-famiglie-nati-per-leggere
    ring = [p for p in check(esempio).problems if "giro" in p.message]
    assert {p.file for p in ring} == {
        "schede/letture-famiglie-nati-per-leggere.md", "schede/memory-cafe-anziani.md",
        "schede/libri-sale-attesa-pediatri.md"}
    assert all(p.is_error and p.field.startswith("ripresa_da[") for p in ring)


def test_a_plain_http_address_is_an_error(esempio):
    _set(esempio, "memory-cafe-anziani", ["http://altra.example.org/schede/caffe/"])
    (p,) = _problems(esempio, "memory-cafe-anziani")
    assert p.is_error and "https://" in p.message


def test_an_address_that_is_not_a_scheda_page_is_a_warning_and_nothing_is_fetched(esempio,
                                                                                   monkeypatch):
    import socket

    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: pytest.fail("network"))
    _set(esempio, "memory-cafe-anziani", ["https://altra.example.org/chi-siamo/"])
    (p,) = _problems(esempio, "memory-cafe-anziani")
    assert not p.is_error and "non sembra la pagina di una scheda" in p.message
    _set(esempio, "memory-cafe-anziani", ["https://altra.example.org/schede/caffe/"])
    assert _problems(esempio, "memory-cafe-anziani") == []


def test_beginning_before_the_practice_taken_up_is_a_warning(esempio):
    _set(esempio, "memory-cafe-anziani", ["serate-giochi-da-tavolo"], start="2024-01-10")
    (p,) = _problems(esempio, "memory-cafe-anziani")
    assert not p.is_error and "2024-01-10" in p.message and "2025-02-06" in p.message


def test_more_than_five_is_an_error(esempio):
    _set(esempio, "memory-cafe-anziani", [f"https://x.example.org/schede/s{i}/" for i in range(6)])
    assert any(p.is_error and "troppi" in p.message
               for p in _problems(esempio, "memory-cafe-anziani"))


def test_every_form_offers_it_as_a_list_of_schede_or_addresses():
    (field,) = [f for f in walk("scheda") if f.key == "ripresa_da"]
    assert field.sources and field.by_librarian and field.widget == "list"
    assert "https://" in field.kind and any("schede/" in r for r in field.rules())


def test_coordinates_with_three_decimals_are_not_thousands(esempio):
    text = (esempio / "rete.yml").read_text(encoding="utf-8")
    assert "lat: 45.558" in text
    k = check(esempio).knowledge
    libs = k.rete.biblioteche
    assert 4 < libs["cinisello-pertini"].km_to(libs["bollate"]) < 10
    assert libs["canegrate"].km_to(libs["bollate"]) is None  # no coordinates


def test_latitude_without_longitude_is_an_error(esempio):
    path = esempio / "rete.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("    lon: 9.215\n", "", 1),
                    encoding="utf-8")
    found = [p for p in check(esempio).problems if p.file == "rete.yml"]
    assert found and found[0].is_error and "lat e lon" in found[0].message


def test_open_data_carries_ripresa_da_as_written_but_never_a_draft(esempio):
    from rete.render import opendata

    _set(esempio, "memory-cafe-anziani", ["biblioteca-dei-semi", "serate-giochi-da-tavolo"])
    k = check(esempio).knowledge
    records = {r["id"]: r for r in opendata.records(k)["schede"]}
    assert records["book-club-young-adult"]["ripresa_da"] == [
        "gruppo-lettura-adulti-garbagnate",
        "https://biblioteche.example.org/schede/club-del-libro-ragazzi/"]
    assert records["memory-cafe-anziani"]["ripresa_da"] == ["serate-giochi-da-tavolo"]
    assert "ripresa_da" not in records["serate-giochi-da-tavolo"]
    table = opendata.rows("scheda", list(records.values()))
    column = table[0].index("ripresa_da")
    assert any(row[column] == "gruppo-lettura-adulti-garbagnate; https://biblioteche.example"
               ".org/schede/club-del-libro-ragazzi/" for row in table[1:])

"""The portal `rete federa --out` writes: a home with the networks, a list per network,
per theme (matched by id or by federazione.yml's mapping) and per audience across
networks, short cards linking to the home sites and never a body, every page within
60 KB, every string escaped."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path


from rete import cli
from rete.federation.cards import MAX_PAGE

from .reti import SITES, edit


def build(federation: Path, capsys) -> Path:
    out = federation.parent / "portale"
    assert cli.main(["federa", str(federation), "--out", str(out)]) == 0
    capsys.readouterr()
    return out


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.tags = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.links += [v for k, v in attrs if k == "href"]


def parsed(page: Path) -> Links:
    found = Links()
    found.feed(page.read_text("utf-8"))
    return found


def records(folder: Path, name: str) -> list[dict]:
    return json.loads((folder / f"{name}.json").read_text("utf-8"))[name]


def test_home_lists_every_network_with_its_figures_and_who_was_left_out(federation, capsys):
    (federation.parent / "gamma" / "poli.json").write_text("[]", "utf-8")
    out = build(federation, capsys)
    home = (out / "index.html").read_text("utf-8")
    assert '<html lang="it">' in home
    for rid in ("alfa", "beta"):
        n = len(records(federation.parent / rid, "schede"))
        assert f'<a href="reti/{rid}/index.html">Rete {rid.capitalize()}</a></th><td>{n}</td>' \
            in home
    assert "Reti non incluse" in home and "<strong>Rete Gamma</strong>: il file poli.json" in home
    assert not (out / "reti" / "gamma").exists()


def test_a_card_is_short_and_links_to_its_home_site(federation, capsys):
    out = build(federation, capsys)
    page = (out / "reti" / "beta" / "index.html").read_text("utf-8")
    for s in records(federation.parent / "beta", "schede"):
        link = f'{SITES["beta"]}schede/{s["id"]}/'
        assert page.count(f'href="{link}"') == 2  # the title and «vai alla scheda»
        assert s["testo"].strip()[:80] not in page  # never the body
    for p in records(federation.parent / "beta", "poli"):
        assert f'href="{SITES["beta"]}poli/{p["id"]}/"' in page
    assert "vai alla scheda" in page and "Rete Beta" in page


def test_themes_and_audiences_gather_every_network(federation, export, capsys):
    out = build(federation, capsys)
    schede = records(export, "schede")
    theme = schede[1]["tema"]  # beta's «b-…» is mapped onto it by federazione.yml
    page = "".join(p.read_text("utf-8") for p in (out / "temi" / theme).glob("*.html"))
    same = [s for s in schede if s["tema"] == theme]
    for site in SITES.values():
        assert f'{site}schede/{same[0]["id"]}/' in page or site == SITES["gamma"]
    assert not (out / "temi" / f"b-{theme}").exists()
    audience = schede[0]["destinatari"][0]
    page = (out / "destinatari" / audience / "index.html").read_text("utf-8")
    assert all(f"{site}schede/{schede[0]['id']}/" in page for site in SITES.values())
    index = (out / "temi" / "index.html").read_text("utf-8")
    assert f'href="{theme}/index.html"' in index


def test_long_lists_are_paginated_and_no_page_passes_60_kb(federation, capsys):
    def many(data):  # and each takes up a practice of beta: a long «Diffusione» too
        base = data["schede"]
        data["schede"] = [dict(s, id=f"{s['id']}-{i}",
                               ripresa_da=[f"{SITES['beta']}schede/{base[0]['id']}/"])
                          for i in range(40) for s in base]

    edit(federation.parent / "alfa", "schede", many)
    out = build(federation, capsys)
    pages = sorted((out / "reti" / "alfa").glob("*.html"))
    assert len(pages) > 3 and (out / "reti" / "alfa" / "pagina-2.html").exists()
    every = list(out.rglob("*.html"))
    assert max(p.stat().st_size for p in every) <= MAX_PAGE
    text = "".join(p.read_text("utf-8") for p in pages)
    ids = [s["id"] for s in records(federation.parent / "alfa", "schede")]
    assert all(text.count(f'/schede/{i}/"') == 2 for i in ids)  # each card once
    nav = parsed(pages[0]).links
    assert "pagina-2.html" in nav and f"pagina-{len(pages)}.html" in nav
    spread = sorted((out / "diffusione").glob("*.html"))
    assert len(spread) > 1
    rows = "".join(p.read_text("utf-8") for p in spread)
    assert all(rows.count(f'href="{SITES["alfa"]}schede/{i}/"') == 1 for i in ids)


def test_every_string_read_from_a_network_is_escaped(federation, capsys):
    evil = '<script>alert("x")</script>'

    def poison(data):
        s = data["schede"][0]
        s.update(titolo=evil, sintesi=evil + " & co", tema="../../fuori", id='"><img src=x>')
        s["destinatari"] = ["../su"]
        data["licenza"]["url"] = "javascript:alert(1)"
        data["nomi"]["biblioteche"][s["biblioteca"]] = evil

    edit(federation.parent / "gamma", "schede", poison)
    edit(federation.parent / "gamma", "poli", lambda d: d["licenza"].update(
        url="javascript:alert(1)"))
    out = build(federation, capsys)
    for page in out.rglob("*"):
        assert page.resolve().is_relative_to(out.resolve())
        if page.suffix == ".html":
            own = '<script type="module" src="cerca.js"></script>'  # the search page's
            text = page.read_text("utf-8").replace(own, "")
            assert "<script" not in text and "<img" not in text, page
            assert "javascript:" not in text, page
    assert not (federation.parent / "fuori").exists()
    page = (out / "reti" / "gamma" / "index.html").read_text("utf-8")
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; co" in page


def test_the_figures_are_published_as_open_data(federation, capsys):
    out = build(federation, capsys)
    data = json.loads((out / "dati" / "federazione.json").read_text("utf-8"))
    assert [r["id"] for r in data["reti"]] == list(SITES)
    assert "federazione.json" in parsed(out / "dati" / "index.html").links

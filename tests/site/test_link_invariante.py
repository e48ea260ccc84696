"""`rete valida` exits 0 ⇒ `mkdocs build --strict` succeeds; and a link `rete valida`
reports is one the build stops on or that leads nowhere on the built site.

Each example writes links of every kind (Markdown inline and by reference, HTML,
images; file names, page addresses, short forms, anchors; valid and broken) into
a scheda, a bundle scheda and a page of docs/, then builds the site with the
validator's link check switched off, so that MkDocs and the browser judge every
link: what the validator says of each must agree with what happened to it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rete.checks import validate
from rete.content.links import url_of

from ..conftest import TREES
from ..sito import prepare

pytestmark = pytest.mark.lento

BUNDLE = """---
titolo: Un laboratorio con i materiali
biblioteca: frazione
tema: storia-locale
destinatari: [adulti]
sintesi: Un laboratorio di storia locale con le fotografie e il regolamento.
referente:
  nome: Luca Bianchi
  email: luca@frazione.example.it
periodo:
  inizio: 2026-01-10
materiali:
  - titolo: Il regolamento
    file: regolamento.pdf
---

## Descrizione

Ogni mese raccogliamo in biblioteca le fotografie delle famiglie del paese, le
scansioniamo insieme ai volontari e le descriviamo con chi le ha portate.

![Il gruppo al lavoro](foto.jpg)

## Come si realizza

Servono uno scanner, due volontari e una stanza per tre ore al mese; le foto
tornano alle famiglie lo stesso giorno, con una copia digitale su chiavetta.

## Difficoltà e soluzioni

Le date sono incerte: le scriviamo come le ricordano le famiglie, con un punto
di domanda, e le correggiamo quando qualcuno le riconosce.
"""

# Addresses as each page would write them: (address, leads somewhere on the site).
PAGES = {
    "schede/letture-al-nido.md": [
        ("../poli/polo-lettura.md", True), ("polo:polo-lettura", True),
        ("scheda:con-materiali", True), ("con-materiali/index.md", True),
        ("con-materiali/regolamento.pdf", True), ("../../poli/polo-lettura/", True),
        ("/poli/polo-lettura/", True), ("tema:lettura-0-6", True),
        ("biblioteca:centrale", True), ("../temi/lettura-0-6.md", True),
        ("../index.md", True), ("#descrizione", True), ("../contribuire.md", True),
        ("../poli/polo-lettura.md#servizi-per-le-biblioteche", True),
        ("scheda:con-materiali#materiali", True), ("https://rete.example.it/temi/", True),
        ("regolamento.pdf", False), ("../poli/polo-letura.md", False),
        ("con-materiali/nascosto.pdf", False), ("con-materiali/pagina.html", False),
        ("scheda:nessuna", False), ("polo:polo", False), ("#nessuna", False),
        ("../../poli/nessuno/", False), ("../poli/polo-lettura.md#nessuna", False),
        ("altra.md", False), ("poli:polo-lettura", False), ("con-materiali/", False),
        ("https://rete.example.it/poli/nessuno/", False),
    ],
    "schede/con-materiali/index.md": [
        ("../../poli/polo-lettura.md", True), ("regolamento.pdf", True),
        ("../letture-al-nido.md#descrizione", True), ("../../../poli/polo-lettura/", True),
        ("polo:polo-lettura", True), ("#materiali", True), ("scheda:letture-al-nido", True),
        ("nascosto.pdf", False), ("pagina.html", False), ("../poli/polo-lettura.md", False),
        ("../../poli/polo-lettura/", False), ("#regolamento", False),
        ("scheda:letture-al-nido#nessuna", False),
    ],
    "docs/prova.md": [
        ("schede/letture-al-nido.md", True), ("scheda:letture-al-nido", True),
        ("poli/polo-lettura.md#servizi-per-le-biblioteche", True), ("contribuire.md", True),
        ("../schede/con-materiali/", True), ("#prova", True),
        ("schede/nessuna.md", False), ("poli/polo-lettura.md#nessuna", False),
        ("schede/letture-al-nido/", False), ("#nessuna", False),
    ],
}
IMAGES = {
    "schede/letture-al-nido.md": [("con-materiali/foto.jpg", True), ("foto.jpg", False),
                                  ("con-materiali/nessuna.jpg", False)],
    "schede/con-materiali/index.md": [("foto.jpg", True), ("../con-materiali/foto.jpg", True),
                                      ("nessuna.jpg", False)],
    "docs/prova.md": [("schede/con-materiali/foto.jpg", True), ("foto.jpg", False)],
}
SYNTAX = ("inline", "reference", "html")


@st.composite
def written(draw):
    """For each page, a few links: (label, address, syntax, image)."""
    found = {}
    n = 0
    for page in PAGES:
        chosen = []
        for _ in range(draw(st.integers(1, 4))):
            image = draw(st.booleans()) and draw(st.booleans())
            address, _ = draw(st.sampled_from(IMAGES[page] if image else PAGES[page]))
            n += 1
            chosen.append((f"L{n}", address, draw(st.sampled_from(SYNTAX)), image))
        found[page] = chosen
    return found


def _markdown(label: str, address: str, syntax: str, image: bool) -> tuple[str, str]:
    """(the line in the text, a reference definition or "")."""
    if syntax == "html":
        return ((f'<img src="{address}" alt="{label}">' if image
                 else f'<a href="{address}">{label}</a>'), "")
    bang = "!" if image else ""
    if syntax == "reference":
        return f"{bang}[{label}][]", f"[{label}]: {address}"
    return f"{bang}[{label}]({address})", ""


def _lay(root: Path, chosen: dict) -> None:
    shutil.copytree(TREES / "minimo", root)
    bundle = root / "schede" / "con-materiali"
    bundle.mkdir()
    (bundle / "index.md").write_text(BUNDLE, encoding="utf-8")
    for name in ("foto.jpg", "regolamento.pdf", "nascosto.pdf", "pagina.html"):
        (bundle / name).write_bytes(b"prova\n")
    prepare(root)
    (root / "docs" / "prova.md").write_text("# Prova\n\nUna pagina scritta a mano.\n",
                                            encoding="utf-8")
    for page, items in chosen.items():
        path = root / page
        lines, definitions = [], []
        for label, address, syntax, image in items:
            line, definition = _markdown(label, address, syntax, image)
            lines.append(f"Si veda {line} qui.")
            definitions += [definition] if definition else []
        extra = "\n\n".join(lines) + ("\n\n" + "\n".join(definitions) if definitions else "")
        path.write_text(path.read_text("utf-8").rstrip("\n") + "\n\n" + extra + "\n",
                        encoding="utf-8")


# The build, with the validator's link check switched off: MkDocs and the browser judge.
UNCHECKED = ("import runpy, sys; import rete.checks.linkcheck as c; c.check = lambda *a: []; "
             "sys.argv[0] = 'mkdocs'; runpy.run_module('mkdocs', run_name='__main__')")


def _build(root: Path, out: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "RETE_SENZA_LIBRETTO": "1"}
    return subprocess.run([sys.executable, "-c", UNCHECKED, "build", "-f",
                           str(root / "mkdocs.yml"), "-d", str(out)],
                          capture_output=True, text=True, env=env, timeout=600)


class _Targets(HTMLParser):
    """The address of each labelled link and image of a built page."""

    def __init__(self):
        super().__init__()
        self.found: dict[str, str | None] = {}
        self._open: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "img" and attrs.get("alt", "").startswith("L"):
            self.found[attrs["alt"]] = attrs.get("src")
        if tag == "a":
            self._open = attrs.get("href")

    def handle_data(self, data):
        if self._open is not None or re.fullmatch(r"L\d+", data.strip()):
            if re.fullmatch(r"L\d+", data.strip()):
                self.found.setdefault(data.strip(), self._open)

    def handle_endtag(self, tag):
        if tag == "a":
            self._open = None


def _leads_somewhere(out: Path, page_url: str, address: str | None) -> bool:
    if not address:
        return False
    url = urlsplit(urljoin("https://rete.example.it/" + page_url, address))
    if url.netloc != "rete.example.it":
        return False
    target = out / unquote(url.path).lstrip("/")
    if target.is_dir():
        target = target / "index.html"
    if not target.is_file():
        return False
    return not url.fragment or f'id="{url.fragment}"' in target.read_text("utf-8", "replace")


def _source_page(page: str) -> str:
    return page.removeprefix("docs/")


@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(written())
def test_what_valida_accepts_the_site_builds_and_what_it_refuses_is_broken(chosen):
    with tempfile.TemporaryDirectory() as folder:
        root, out = Path(folder) / "rete", Path(folder) / "site"
        _lay(root, chosen)
        result = validate.check_problems(root)
        built = _build(root, out)
        log = built.stdout + built.stderr
        assert "Doc file" not in log and "contains a link" not in log  # never in English
        warnings = [line for line in log.splitlines() if line.startswith("WARNING")]
        assert built.returncode == (1 if warnings else 0), log  # mkdocs.yml: strict
        if not result.errors:
            assert built.returncode == 0, log
        assert all(p.message.startswith(("il collegamento", "l'immagine"))
                   for p in result.errors), result.errors
        for page, items in chosen.items():
            text = (root / page).read_text("utf-8").splitlines()
            flagged = {p.line for p in result.errors if p.file == page}
            parser = _Targets()
            html_page = out / url_of(_source_page(page)) / "index.html"
            parser.feed(html_page.read_text("utf-8"))
            for label, address, syntax, image in items:
                lines = {n for n, line in enumerate(text, start=1)
                         if re.search(rf"\[{label}\]|>{label}<|alt=\"{label}\"", line)}
                refused = bool(lines & flagged)
                warned = any(f" {page}:" in w and f"«{address}»" in w for w in warnings)
                works = _leads_somewhere(out, url_of(_source_page(page)),
                                         parser.found.get(label))
                assert refused == (warned or not works), (page, label, address, syntax,
                                                           image, refused, warned, works)

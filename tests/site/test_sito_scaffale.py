"""A second `mkdocs build` with nothing changed makes none of the slow products (the
PDF booklet and its page, the Word forms, the open data, the QR codes, the frozen pages,
the whole generated tree, the search index): it publishes what the first kept in
.cache/rete. `rete genera` keeps the same tree. An edit makes again only what it changes."""

from __future__ import annotations

import gzip
import shutil
import subprocess

import pytest

from rete.runtime.stored import FOLDER

from ..sito import RETE, build

pytestmark = pytest.mark.lento
PRODUCTS = ("libretto", "pagina-libretto", "moduli", "dati", "qr", "pagine", "albero",
            "ricerca")


@pytest.fixture
def minimo(minimo):
    """The minimo tree with its one scheda in the workshop's booklet: begun in 2026."""
    registry = minimo / "rete.yml"
    registry.write_text(registry.read_text("utf-8").replace(
        "  luogo: Biblioteca centrale\n", "  luogo: Biblioteca centrale\n  anni: [2026]\n"),
        encoding="utf-8")
    return minimo


def _entries(tree) -> dict[str, tuple[str, int]]:
    """Each product's entry on the shelf: its fingerprint and the folder's inode (a new
    entry is a new folder renamed into place)."""
    out = {}
    for product in PRODUCTS:
        [entry] = (tree / FOLDER / product).iterdir()
        out[product] = (entry.name, entry.stat().st_ino)
    return out


def _published(out) -> dict[str, bytes]:
    names = ["libretto.pdf", "dati/schede.csv", "dati/poli.json"]
    names += [p.relative_to(out).as_posix() for p in out.glob("*.docx")]
    names += [p.relative_to(out).as_posix() for p in (out / "pagefind").rglob("*")
              if p.is_file()]
    return {name: (out / name).read_bytes() for name in names}


def test_a_second_build_makes_nothing_and_publishes_the_same(minimo, tmp_path):
    first_out, second_out = tmp_path / "uno", tmp_path / "due"
    done = build(minimo, first_out)
    assert done.returncode == 0, done.stderr
    before = _entries(minimo)
    # `rete genera` reads mkdocs.yml itself: the tree it makes is the build's, kept once
    generated = subprocess.run([str(RETE), "genera", "--out", str(tmp_path / "genera")],
                               cwd=minimo, capture_output=True, text=True, timeout=600)
    assert generated.returncode == 0, generated.stderr
    assert _entries(minimo) == before
    done = build(minimo, second_out)
    assert done.returncode == 0, done.stderr
    assert _entries(minimo) == before  # nothing made again
    assert _published(second_out) == _published(first_out)
    assert any(name.startswith("pagefind/fragment/") for name in _published(second_out))
    assert not list(second_out.glob(".pagefind*"))  # nothing left beside the index

    # a hand-written page of docs/ edited: the tree is kept, the search index is not
    home = minimo / "docs" / "index.md"
    home.write_text(home.read_text("utf-8") + "\nLa parola zanzibar.\n", encoding="utf-8")
    done = build(minimo, tmp_path / "docs")
    assert done.returncode == 0, done.stderr
    changed = {p for p, entry in _entries(minimo).items() if entry != before[p]}
    assert changed == {"ricerca"}
    found = b"".join(gzip.decompress(p.read_bytes()) for p in
                     (tmp_path / "docs" / "pagefind" / "fragment").glob("*.pf_fragment"))
    assert b"zanzibar" in found
    before = _entries(minimo)
    qr = (first_out / "schede" / "letture-al-nido" / "index.html").read_text("utf-8")
    assert qr.count('class="rete-qr"') == 1
    assert (second_out / "schede" / "letture-al-nido" / "index.html").read_text("utf-8") == qr

    # an edit to a scheda's text: the booklet, its page, the open data and the frozen
    # pages (that one only) again, not the forms nor the QR codes
    scheda = minimo / "schede" / "letture-al-nido.md"
    scheda.write_text(scheda.read_text("utf-8").replace("cesta di albi", "cesta di libri"),
                      encoding="utf-8")
    done = build(minimo, tmp_path / "tre")
    assert done.returncode == 0, done.stderr
    after = _entries(minimo)
    changed = {p for p in PRODUCTS if after[p] != before[p]}
    assert changed == {"libretto", "pagina-libretto", "dati", "pagine", "albero", "ricerca"}
    assert b"cesta di libri" in (tmp_path / "tre" / "dati" / "schede.csv").read_bytes()
    page = (tmp_path / "tre" / "schede" / "letture-al-nido" / "index.html").read_text("utf-8")
    assert "cesta di libri" in page and "cesta di albi" not in page
    search = {name: data for name, data in _published(tmp_path / "tre").items()
              if name.startswith("pagefind/")}
    assert search != {name: data for name, data in _published(second_out).items()
                      if name.startswith("pagefind/")}  # indexed again, not the kept one


def test_a_kept_tree_whose_frozen_pages_are_gone_is_made_again(minimo, tmp_path):
    done = build(minimo, tmp_path / "uno")
    assert done.returncode == 0, done.stderr
    first = (tmp_path / "uno" / "schede" / "letture-al-nido" / "index.html").read_text("utf-8")
    shutil.rmtree(minimo / FOLDER / "pagine")  # the tree names its pages there
    done = build(minimo, tmp_path / "due")
    assert done.returncode == 0, done.stderr
    again = (tmp_path / "due" / "schede" / "letture-al-nido" / "index.html").read_text("utf-8")
    assert again == first
    assert any((minimo / FOLDER / "pagine").iterdir())  # frozen and kept again


def test_a_corrupted_entry_is_made_again_and_never_published(minimo, tmp_path):
    done = build(minimo, tmp_path / "uno")
    assert done.returncode == 0, done.stderr
    good = (tmp_path / "uno" / "libretto.pdf").read_bytes()
    [entry] = (minimo / FOLDER / "libretto").iterdir()
    (entry / "0").write_bytes(good[:100])  # cut short, as a broken download would
    done = build(minimo, tmp_path / "due")
    assert done.returncode == 0, done.stderr
    published = (tmp_path / "due" / "libretto.pdf").read_bytes()
    assert len(published) == len(good) and published.rstrip().endswith(b"%%EOF")
    assert (entry / "0").read_bytes() == published  # kept whole for the next build

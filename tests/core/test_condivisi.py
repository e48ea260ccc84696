"""The core helpers that every way in shares: names to ids, Italian numbers and dates,
the front-matter writer and atomic writes."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from rete.content import convert, writer
from rete.content.loader import read_document
from rete.problems import ReteError
from rete.content.refs import Catalog, fold

REGISTRY = yaml.safe_load("""
biblioteche:
  - {id: bollate, nome: "Biblioteca comunale di Bollate", comune: Bollate}
  - {id: cinisello-pertini, nome: "Biblioteca Il Pertini", comune: Cinisello Balsamo}
  - {id: sesto-centrale, nome: "Biblioteca civica centrale", comune: Sesto San Giovanni}
  - {id: sesto-rondinella, nome: "Biblioteca Rondinella", comune: Sesto San Giovanni}
temi:
  - {id: lettura-0-6, nome: "Lettura 0-6 anni / Nati per Leggere"}
destinatari:
  - {id: famiglie-0-6, nome: "Famiglie con bambini 0-6 anni"}
  - {id: bibliotecari, nome: "Bibliotecari, insegnanti e operatori"}
""")
CATALOG = Catalog.from_registry(REGISTRY, poli=["polo-lettura"])


@pytest.mark.parametrize("written, expected", [
    ("bollate", "bollate"),
    ("Biblioteca comunale di Bollate", "bollate"),
    ("  BOLLATE ", "bollate"),
    ("Cinisello Balsamo", "cinisello-pertini"),
    ("biblioteca il pertini", "cinisello-pertini"),
    ("Sesto San Giovanni", None),  # two libraries there: never a guess
    ("Biblioteca di Marte", None),
])
def test_resolve_library(written, expected):
    assert CATALOG.resolve("biblioteche", written) == expected


def test_resolve_theme_and_audience_by_name():
    assert CATALOG.resolve("temi", "lettura 0-6 anni / nati per leggere") == "lettura-0-6"
    assert CATALOG.resolve("destinatari", "Bibliotecari, insegnanti e operatori") == \
        "bibliotecari"
    assert CATALOG.resolve("poli", "polo-lettura") == "polo-lettura"


def test_closest_puts_the_likely_id_first():
    assert CATALOG.closest("biblioteche", "bolate")[0] == "bollate"
    assert CATALOG.closest("biblioteche", "Biblioteca comunale Bollate")[0] == "bollate"
    assert CATALOG.closest("temi", "Lettura 0-6")[0] == "lettura-0-6"
    assert CATALOG.closest("biblioteche", "zzzzqqq") == []


def test_fold():
    assert fold("Città  di  Rho!") == "citta di rho"


@pytest.mark.parametrize("text, value", [
    ("1.200,00", 1200.0), ("1.200,50", 1200.5), ("2.750", 2750), ("€ 300", 300),
    ("300 €", 300), ("350 euro", 350), ("1200.50", 1200.5), ("1200,50", 1200.5),
    ("1 200", 1200), ("1.200.000", 1200000), ("0", 0), ("12", 12),
])
def test_italian_number(text, value):
    assert convert.italian_number(text) == value


@pytest.mark.parametrize("text", ["", "tanti", "1.2.3", "12,5,3", "1.20.000", "€", "1:30"])
def test_italian_number_refuses(text):
    assert convert.italian_number(text) is None


@pytest.mark.parametrize("text, value", [
    ("15/03/2026", date(2026, 3, 15)), ("15/3/26", date(2026, 3, 15)),
    ("2026-03-15", date(2026, 3, 15)), ("15/03/2026 10.42.13", date(2026, 3, 15)),
    ("15.03.2026", date(2026, 3, 15)), ("2026-03-15 10:42:13", date(2026, 3, 15)),
])
def test_italian_date(text, value):
    assert convert.italian_date(text) == value


@pytest.mark.parametrize("text", ["31/02/2026", "marzo 2026", "2026", "03/15/2026"])
def test_italian_date_refuses(text):
    assert convert.italian_date(text) is None


def test_written_number():
    assert [convert.written_number(v) for v in (1800, 1800.0, 1200.5, 0.25)] == \
        ["1800", "1800", "1200.50", "0.25"]


_values = st.recursive(
    st.one_of(st.text(max_size=30), st.integers(-10**6, 10**6), st.booleans(),
              st.floats(allow_nan=False, allow_infinity=False, width=32)),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.text(st.characters(categories=["L", "N"]), min_size=1, max_size=8), inner,
        max_size=3),
    max_leaves=8)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(["titolo", "sintesi", "risorse", "altro", "x"]),
                       _values, max_size=5),
       st.text(st.characters(exclude_categories=["Cc", "Cs"], include_characters="\n\t"),
               max_size=200))
def test_dump_reads_back_the_same(data, body):
    """Whatever the writer writes, the loader reads back unchanged: data and body."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.md"
        path.write_text(writer.dump("scheda", data, body), encoding="utf-8")
        doc, problems = read_document("scheda", path, "x.md", "x")
    if problems:  # only what the reader refuses by design: control characters
        assert "controllo" in problems[0].message, problems
        return
    assert doc.data == data
    assert doc.body.strip("\n") == body.replace("\r\n", "\n").replace("\r", "\n").strip("\n")


def test_dump_orders_keys_as_the_schema():
    text = writer.dump("scheda", {"sintesi": "Due frasi.", "titolo": "Letture",
                                  "periodo": {"fine": "2026-06-30", "inizio": "2026-03-01"}},
                       "## Descrizione\r\n\r\nTesto.")
    assert text.index("titolo") < text.index("sintesi") < text.index("periodo")
    assert text.index("inizio") < text.index("fine")
    assert text.endswith("---\n\n## Descrizione\n\nTesto.\n")


def test_create_new_never_overwrites(tmp_path):
    target = tmp_path / "a.md"
    writer.create_new(target, "uno")
    with pytest.raises(ReteError):
        writer.create_new(target, "due")
    assert target.read_text() == "uno"
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]  # no temporary file left


def test_write_atomic_replaces_whole(tmp_path, monkeypatch):
    target = tmp_path / "a.md"
    writer.write_atomic(target, "uno")

    def broken(*args):
        raise OSError("disco pieno")

    monkeypatch.setattr(writer.os, "replace", broken)
    with pytest.raises(OSError):
        writer.write_atomic(target, "due")
    assert target.read_text() == "uno"
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]


@pytest.mark.parametrize("value, style", [
    ("Letture al nido", ""), ("L’esperienza «di» Città", ""), ("yes", "'"), ("Due: punti", "'"),
    ("finisce con:", "'"), ("a #commento", "'"), ("2026-03-01", "'"), ("", "'"),
    (" spazio", "'"), ("l'altro: sì", "'"), ("emoji 🙂", '"'), ("riga\u2028altra", '"'),
    ("uno\n\ndue", "|"),
    ("spazio \nprima", '"'), ("\ninizio", '"'), ("tab\tqui", '"'),
])
def test_each_text_has_one_style_the_web_form_applies_too(value, style):
    """docs/javascripts/compila/yaml.js mirrors this rule; the browser test compares bytes."""
    assert writer.style_of(value) == style
    written = writer.front_matter("scheda", {"titolo": value})
    assert written.startswith("titolo: " + {"": value[:1], '"': '"', "'": "'", "|": "|-"}[style])


def test_written_files_get_the_permissions_of_a_new_file_or_keep_their_own(tmp_path):
    import os
    import stat

    fresh, made, kept = tmp_path / "nuovo.md", tmp_path / "creato.md", tmp_path / "vecchio.md"
    writer.write_atomic(fresh, "uno")
    writer.create_new(made, "due")
    (tmp_path / "come-nuovo.md").write_text("x", "utf-8")  # what open() gives a new file
    kept.write_text("tre", "utf-8")
    kept.chmod(0o640)
    writer.write_atomic(kept, "quattro")
    expected = stat.S_IMODE((tmp_path / "come-nuovo.md").stat().st_mode)
    assert stat.S_IMODE(fresh.stat().st_mode) == expected
    assert stat.S_IMODE(made.stat().st_mode) == expected
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    assert kept.read_text("utf-8") == "quattro"
    assert not [n for n in os.listdir(tmp_path) if n.endswith(".tmp")]

"""What a long-lived process keeps (``runtime.cache.Cache``) never outlives the values it
was made from: a check and a render after an edit equal fresh ones."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from benchmarks.corpus import make_tree
from rete.content import loader
from rete.checks import validate
from rete.render import pages
from rete.runtime.cache import NO_CACHE, Cache, fingerprint
from rete.checks.validate import check


def test_an_edit_is_seen_at_once(minimo, remembering):
    first = check(minimo, remembering)
    assert not first.problems
    scheda = minimo / "schede" / "letture-al-nido.md"
    text = scheda.read_text("utf-8")
    scheda.write_text(text.replace("biblioteca: centrale", "biblioteca: centarle"), "utf-8")
    second = check(minimo, remembering)
    assert [(p.file, p.field, p.message) for p in second.errors] == [
        ("schede/letture-al-nido.md", "biblioteca",
         "biblioteca sconosciuta: «centarle» non è tra gli identificativi della rete")]
    scheda.write_text(text, "utf-8")
    assert check(minimo, remembering).problems == first.problems


@pytest.fixture
def remembering() -> Cache:
    return Cache()


def _read(cache: Cache, text: str):
    return cache.parsed(text, "scheda", loader._read_front_matter)


def test_no_cache_remembers_nothing():
    parsed = []
    read = lambda text, kind: parsed.append(text) or loader._read_front_matter(text, kind)
    for _ in range(2):
        NO_CACHE.parsed("titolo: Letture al nido\n", "scheda", read)
        NO_CACHE.once("docx", lambda: parsed.append("docx"))
    assert parsed == ["titolo: Letture al nido\n", "docx"] * 2
    assert NO_CACHE._texts == {} and NO_CACHE._runs == {} and NO_CACHE._known == {}


def test_the_same_text_read_twice_gives_equal_independent_copies(remembering):
    text = "titolo: Letture al nido\ndestinatari: [famiglie-0-6]\n"
    one, found = _read(remembering, text)
    one.data["destinatari"].append("altro")
    one.lines.clear()
    two, again = _read(remembering, text)
    assert two.data == {"titolo": "Letture al nido", "destinatari": ["famiglie-0-6"]}
    assert two.lines[("titolo",)] == 1 and found == again == []


def test_problems_are_remembered_with_the_text(remembering):
    text = "titolo: [aperta\n"
    assert _read(remembering, text)[1] == _read(remembering, text)[1] != []


def test_what_is_made_once_is_kept_for_the_next_runs(remembering):
    made = []
    for _ in range(3):
        assert remembering.once("docx", lambda: made.append(1) or "modulo") == "modulo"
    assert made == [1]
    remembering.forget()
    remembering.once("docx", lambda: made.append(2))
    assert made == [1, 2]


# --- `mkdocs serve`: a second check and render after one edit ---------------------------

DAY = date(2026, 11, 2)  # «La rete» verifies the year of the day given


@pytest.fixture
def rete(tmp_path) -> Path:
    root = tmp_path / "rete"
    root.mkdir()
    make_tree(root, 40)  # four of them are folders with a material
    return root


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def _checked(monkeypatch) -> list[str]:
    """The files whose own checks run, in order."""
    seen = []
    original = validate.check_document

    def counting(doc, *args):
        seen.append(doc.rel)
        return original(doc, *args)

    monkeypatch.setattr(validate, "check_document", counting)
    return seen


def test_a_second_check_runs_the_checks_of_the_edited_file_only(rete, remembering,
                                                                monkeypatch):
    first = check(rete, remembering)
    seen = _checked(monkeypatch)
    scheda = rete / "schede" / "scheda-00007.md"
    _edit(scheda, "\n## Descrizione", "\n## Descrizione\n\n![](foto-altrove.jpg)")
    second = check(rete, remembering)
    assert seen == ["schede/scheda-00007.md"]
    assert [(p.file, p.message) for p in second.problems if p not in first.problems] == [
        ("schede/scheda-00007.md", "l'immagine «foto-altrove.jpg» non porta a nessuna pagina "
                                   "né file del sito"),
        ("schede/scheda-00007.md", "un'immagine non ha il testo alternativo")]
    seen.clear()
    (rete / "schede" / "scheda-00013" / "volantino.txt").write_text("più lungo\n" * 50)
    assert check(rete, remembering).problems == second.problems
    assert seen == ["schede/scheda-00013/index.md"]  # a bundle's file changed size
    seen.clear()
    _edit(rete / "rete.yml", "nome: Biblioteca 7,", "nome: Biblioteca Sette,")
    check(rete, remembering)
    assert len(seen) == len(first.knowledge.schede) + len(first.knowledge.poli)


def _render(root: Path, cache: Cache = NO_CACHE):
    result = check(root, cache)
    return pages.render(result.knowledge, "https://example.org/rete",
                        problems=result.problems, today=DAY, cache=cache)


def test_a_render_after_an_edit_equals_a_fresh_render_and_remakes_only_what_shows_it(
        rete, remembering):
    before = _render(rete, remembering)
    k = check(rete, remembering).knowledge
    edited = next(s for s in k.pubblicate if s.slug == "scheda-00007")
    _edit(rete / "schede" / "scheda-00007.md", f"titolo: {edited.titolo}\n",
          "titolo: Il titolo cambiato durante l'anteprima\n")
    after = _render(rete, remembering)
    fresh = _render(rete)
    assert after.pages == fresh.pages
    assert after.files == fresh.files
    assert after.assets == fresh.assets and after.charts == fresh.charts
    assert after.pages != before.pages

    lists = {pages.PATHS["tema"](edited.tema)}
    lists |= {pages.PATHS["biblioteca"](b) for b in edited.libraries}
    lists |= {pages.PATHS["destinatario"](d) for d in edited.destinatari}
    lists |= {pages.polo_path(p) for p in k.poli if p.tema == edited.tema}
    for path in lists:
        assert "Il titolo cambiato durante l" in after.pages[path], path
    schede = {pages.scheda_path(s) for s in k.pubblicate}
    data = {f"compila/scheda/dati/{s.slug}.json" for s in k.pubblicate}
    listings = {p for p in fresh.pages if p.startswith(("temi/", "biblioteche/",
                                                        "destinatari/", "poli/",
                                                        "parole-chiave/"))
                and not p.endswith("index.md")}
    # A scheda's page also lists the similar ones (render/spread.py): those whose list
    # changed with the edit are made again, and no other.
    assert after.remade & schede == {"schede/scheda-00007.md"} | _spread_changed(before, after)
    assert len(after.remade & schede) < len(schede) / 2  # the others are kept
    assert after.remade & data == {"compila/scheda/dati/scheda-00007.json"}
    assert after.remade & listings == lists
    assert fresh.remade == set(fresh.pages) | set(fresh.files)  # without a cache: everything


def _spread_changed(before, after) -> set[str]:
    """The pages of the schede whose lists of other schede (who took it up, the similar
    ones, the libraries near by) differ between two renders."""
    paths = {p.split("/")[1].removesuffix(".md"): p for p in after.pages
             if p.startswith("schede/scheda-")}
    return {path for slug, path in paths.items()
            if before.spreads.get(slug) != after.spreads.get(slug)}


def test_a_render_after_a_body_edit_remakes_that_scheda_and_the_lists_of_it(rete,
                                                                           remembering):
    before = _render(rete, remembering)
    _edit(rete / "schede" / "scheda-00013" / "index.md", "\n## Descrizione",
          "\n## Descrizione\n\nUna riga in più.")
    after = _render(rete, remembering)
    assert "Una riga in più." in after.pages["schede/scheda-00013/index.md"]
    assert '"Una riga in più.' in after.files["compila/scheda/dati/scheda-00013.json"].replace(
        "\\n", '"')
    schede = {p for p in after.pages if p.startswith("schede/scheda-")}
    assert after.remade & schede == {"schede/scheda-00013/index.md"} | _spread_changed(
        before, after)
    assert len(after.remade & schede) < len(schede) / 2  # the others are kept


def test_a_model_object_is_printed_once_and_a_new_one_afresh(rete, remembering):
    cache = remembering
    k = check(rete, cache).knowledge
    scheda = k.schede[0]
    assert cache.fingerprint_of(scheda) is cache.fingerprint_of(scheda)
    assert cache.fingerprint_of(scheda) == fingerprint(scheda)
    again = check(rete, cache).knowledge.schede[0]
    assert again is not scheda and cache.fingerprint_of(again) == cache.fingerprint_of(scheda)
    assert cache.fingerprint_of(k.schede[1]) != cache.fingerprint_of(scheda)
    del k, scheda, again
    assert cache._known == {}  # nothing outlives its object

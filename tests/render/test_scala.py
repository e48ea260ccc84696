"""At 1,000 schede no page grows with the network: short nav, paged lists."""

from __future__ import annotations

import pytest

from benchmarks.bench import make_tree
from rete.render import pages
from rete.checks.validate import check

from ..sito import build

pytestmark = pytest.mark.lento
LIMIT = 60_000  # bytes of HTML per page
# The forms weigh what the schema and rete.yml hold, the same at 10 schede as at 1,000:
# a polo's form lists the network's 60 libraries once (its partners; each activity's
# boxes are copies the script makes) and, since issue 21, each service's facts.
FORMS = "compila/"
FORM_LIMIT = LIMIT


def test_long_lists_continue_on_further_pages(tmp_path):
    make_tree(tmp_path, 600)
    result = check(tmp_path)
    assert not result.errors
    site = pages.render(result.knowledge)
    counts = {d.id: len([s for s in result.knowledge.pubblicate if d in s.destinatari])
              for d in result.knowledge.rete.destinatari.values()}
    audience, total = max(counts.items(), key=lambda item: item[1])
    assert total > pages.PER_PAGE
    first = site.pages[f"destinatari/{audience}.md"]
    second = site.pages[f"destinatari/{audience}/pagina-2.md"]
    assert first.count("\n- [") == pages.PER_PAGE
    assert "Pagina 1 di" in first and f"[pagina successiva]({audience}/pagina-2.md)" in first
    assert "[pagina precedente](../" + audience + ".md)" in second
    listed = sum(text.count("\n- [") for path, text in site.pages.items()
                 if path == f"destinatari/{audience}.md"
                 or path.startswith(f"destinatari/{audience}/"))
    assert listed == total


def test_no_page_reaches_60_kb_at_1000_schede(tmp_path):
    tree = tmp_path / "rete"
    tree.mkdir()
    make_tree(tree, 1000, title_words=12)  # titles of about 80 characters
    done = build(tree, tmp_path / "site", libretto=False)
    assert done.returncode == 0, done.stderr[-2000:]
    # The «Libretto» page holds every scheda by design: it is for printing it all.
    sizes = {p: p.stat().st_size for p in (tmp_path / "site").rglob("*.html")
             if p.relative_to(tmp_path / "site").as_posix() != "libretto/index.html"}
    assert len(sizes) > 1000
    forms = {p: sizes.pop(p) for p in list(sizes)
             if p.relative_to(tmp_path / "site").as_posix().startswith(FORMS)}
    assert len(forms) == 3  # scheda, polo, richiesta
    largest = max(sizes, key=sizes.get)
    assert sizes[largest] < LIMIT, f"{largest}: {sizes[largest]} byte"
    heaviest = max(forms, key=forms.get)
    assert forms[heaviest] < FORM_LIMIT, f"{heaviest}: {forms[heaviest]} byte"


def test_a_polo_page_lists_a_bounded_number_of_its_theme_schede(esempio, monkeypatch):
    monkeypatch.setattr(pages, "PER_PAGE", 1)
    k = check(esempio).knowledge
    polo = next(p for p in k.poli if sum(s.tema == p.tema for s in k.pubblicate) > 1)
    total = sum(s.tema == polo.tema for s in k.pubblicate)
    page = pages.render(k).pages[pages.polo_path(polo)]
    listed = page.split("## Buone pratiche sul tema", 1)[1].split("\n## ", 1)[0]
    assert listed.count("\n- [") == 1
    assert f"[Tutte le {total} buone pratiche sul tema " in listed
    assert f"](../temi/{polo.tema.id}.md)" in listed

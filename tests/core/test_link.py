"""One rule for links: what `rete valida` resolves is what the site publishes.

The cases of tests/casi/collegamento* show the messages; here, the pieces: the
links found in a body, the ids a page will have, the pages the site generates,
the short links as the site renders them, MkDocs' own warnings said in Italian.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import markdown
import pytest

from rete.content import links, sitemap
from rete.checks import linkcheck, validate
from rete.content.loader import read_tree
from rete.booklet import site as booklet
from rete.intake import docx_form
from rete.problems import Level, Problem
from rete.render import html, opendata, pages, sanitize
from rete.site import linklog

from ..conftest import copy_tree


@pytest.mark.parametrize("text, expected", [
    ("[a](x.md) e ![b](y.png \"titolo\")", ["x.md", "y.png"]),
    ("[a](<con spazio.md>)", ["con spazio.md"]),
    ("[a [annidato]](x.md)", ["x.md"]),
    ("[a](x(1).md)", ["x(1).md"]),
    ("testo [su due\nrighe](x.md)", ["x.md"]),
    ("[rif]: ../poli/p.md \"t\"\n\n[a][rif]", ["../poli/p.md"]),
    ('<a href="x.md">a</a> <img src=\'y.png\' alt="b"> <video poster="p.jpg" src="v.mp4">',
     ["x.md", "y.png", "p.jpg", "v.mp4"]),
    ("`[a](codice.md)` e\n\n```\n[a](recinto.md)\n```\n\n<!-- [a](commento.md) -->", []),
    (r"\[a](non-un-link.md)", []),
])
def test_links_are_found_as_markdown_reads_them(text, expected):
    assert [link.address for link in links.find(text)] == expected


def test_a_link_knows_its_line():
    found = links.find("uno\n\ndue [a](x.md)\ntre ![b](y.png)\n")
    assert [(link.line, link.image) for link in found] == [(2, False), (3, True)]


def _ids(markdown_text: str) -> set[str]:
    """The ids Python-Markdown, with the site's extensions, gives the text."""
    out = markdown.Markdown(extensions=html.EXTENSIONS, extension_configs=html.CONFIGS)
    return {i for i in re.findall(r'id="([^"]*)"', out.convert(markdown_text))}


@pytest.mark.parametrize("text", [
    "## Descrizione\n\n## Descrizione\n\n# Perché sì?\n",
    "## L'«altra» *scelta* `codice`\n\nTitolo\n------\n",
    "## Con id {: #mio }\n\n## mio\n",
    '<span id="qui"></span>\n\n## [Un link](x.md) nel titolo\n',
    "## snake_case e _corsivo_\n\n## È già\n",
])
def test_ids_are_the_ones_the_site_gives(text):
    assert links.anchors([], text, []) == _ids(text)


def test_the_ids_of_generated_pages_are_the_rendered_ones(tmp_path):
    root = copy_tree("piccolo", tmp_path)
    result = validate.check(root)
    k = result.knowledge
    documents = {sitemap.page_path(d): d for d in read_tree(root).documents}
    for s in k.pubblicate:
        path = pages.scheda_path(s)
        rendered = {sanitize.own_id(i) for i in _ids(pages.scheda_markdown(k, s))}
        assert sitemap.anchors_of(documents[path]) == rendered, path
    for p in k.poli:
        path = pages.polo_path(p)
        rendered = {sanitize.own_id(i) for i in _ids(pages.polo_markdown(k, p))}
        assert sitemap.anchors_of(documents[path]) == rendered, path


def test_the_site_map_holds_every_page_and_file_the_site_makes(tmp_path):
    root = copy_tree("piccolo", tmp_path)
    result = validate.check(root)
    site = pages.render(result.knowledge)
    made = {*site.pages, *site.assets, *site.files, booklet.PDF, *booklet.files(
        result.knowledge, True), *docx_form.site_names()} | {
        f"{pages.OPEN_DATA}/{name}" for name in opendata.names()}
    found, _ = validate.site_map(read_tree(root))
    assert {*found.pages, *found.files} == made


def test_short_links_become_the_link_to_the_page_s_file(minimo):
    scheda = minimo / "schede" / "letture-al-nido.md"
    scheda.write_text(scheda.read_text("utf-8") + "\n[il polo](polo:polo-lettura#servizi-per-le-biblioteche) e "
                      '<a href="tema:lettura-0-6">il tema</a>; `[codice](polo:polo-lettura)`\n',
                      encoding="utf-8")
    k = validate.check(minimo).knowledge
    text = pages.scheda_markdown(k, k.schede[0])
    assert "[il polo](../poli/polo-lettura.md#servizi-per-le-biblioteche)" in text
    assert '<a href="../../temi/lettura-0-6/">il tema</a>' in text  # MkDocs leaves HTML
    assert "`[codice](polo:polo-lettura)`" in text  # code is shown as written


def _source(page: str) -> tuple[str, Path | None]:
    return page, None


@pytest.mark.parametrize("message, problem", [
    ("Doc file 'schede/a.md' contains a link 'b.pdf', but the target 'schede/b.pdf' is not "
     "found among documentation files.",
     Problem("schede/a.md", None, None, Level.ERRORE, "il collegamento «b.pdf» non porta a "
             "nessuna pagina né file del sito", linkcheck.RULE)),
    ("Doc file 'index.md' contains a link 'guid.md', but the target 'guid.md' is not found "
     "among documentation files. Did you mean 'guida.md'?",
     Problem("index.md", None, None, Level.ERRORE, "il collegamento «guid.md» non porta a "
             "nessuna pagina né file del sito", "forse intendevi «guida.md»?")),
    ("Doc file 'index.md' contains a link 'guida.md#x', but the doc 'guida.md' does not "
     "contain an anchor '#x'.",
     Problem("index.md", None, None, Level.ERRORE, "il collegamento «guida.md#x»: la pagina "
             "«guida.md» non ha la sezione «#x»", "scrivi dopo # una sezione che quella "
                                                  "pagina ha")),
    ("Doc file 'index.md' contains a link '#x', but there is no such anchor on this page.",
     Problem("index.md", None, None, Level.ERRORE, "il collegamento «#x»: questa pagina non "
             "ha la sezione «#x»", "scrivi dopo # una sezione che questa pagina ha")),
])
def test_mkdocs_link_warnings_become_problems(message, problem):
    assert linklog.problem(message, logging.WARNING, _source) == problem


def test_other_mkdocs_messages_are_left_alone():
    assert linklog.problem("Building documentation", logging.INFO, _source) is None


def test_the_filter_logs_the_problem_and_drops_the_english(caplog):
    pages_log = logging.getLogger(linklog.LOGGER)
    into = logging.getLogger("mkdocs.hooks.rete.prova")
    italian = linklog.Italian(_source, into)
    earlier = pages_log.filters[:]  # a site built in this process left the hook's own
    pages_log.filters[:] = [italian]
    try:
        with caplog.at_level(logging.INFO):
            pages_log.warning("Doc file 'a.md' contains a link 'b.md', but the target 'b.md' "
                              "is not found among documentation files.")
            pages_log.info("Doc file 'a.md' contains an unrecognized relative link 'c/', it "
                           "was left as is. Did you mean 'c.md'?")
    finally:
        pages_log.filters[:] = earlier
    assert [(r.name, r.levelno, r.getMessage()) for r in caplog.records] == [
        (into.name, logging.WARNING, "a.md: errore: il collegamento «b.md» non porta a "
                                     "nessuna pagina né file del sito"),
        (into.name, logging.WARNING, f"    suggerimento: {linkcheck.RULE}"),
    ]


@pytest.mark.lento
def test_a_link_only_mkdocs_notices_is_said_in_italian_and_stops_the_build(minimo, tmp_path):
    from ..sito import prepare
    from ..site.test_link_invariante import _build

    prepare(minimo)
    (minimo / "docs" / "prova.md").write_text(
        "# Prova\n\nLa [guida](guida.html) e il [programma](programma.pdf).\n", encoding="utf-8")
    built = _build(minimo, tmp_path / "site")  # the validator's link check switched off
    log = (built.stdout + built.stderr).splitlines()
    assert built.returncode == 1
    assert [line for line in log if line.startswith("WARNING")] == [
        "WARNING -  docs/prova.md:3: errore: il collegamento «guida.html» non porta a nessuna "
        "pagina né file del sito",
        "WARNING -      suggerimento: forse intendevi «guida.md»?",
        "WARNING -  docs/prova.md:3: errore: il collegamento «programma.pdf» non porta a "
        "nessuna pagina né file del sito",
        f"WARNING -      suggerimento: {linkcheck.RULE}",
    ]
    assert not [line for line in log if "Doc file" in line or "contains a" in line]
    # with the check on, `rete valida` (and so the build) says it first
    problems = validate.check_problems(minimo).errors
    assert [(p.file, p.line) for p in problems] == [("docs/prova.md", 3)] * 2


def test_an_issue_with_a_broken_link_gets_the_message_in_its_comment(esempio, tmp_path,
                                                                      capsys):
    from ..intake.test_issue import SCHEDA, catalog_of, github_body
    from rete.cli import main

    answers = dict(SCHEDA, **{"corpo.Descrizione": "Le volontarie leggono in cerchio, come "
                                                   "al [polo](polo:polo-letura-0-6)."})
    issue = tmp_path / "issue.md"
    issue.write_text(github_body("scheda", catalog_of(esempio), answers), encoding="utf-8")
    before = sorted(p.name for p in (esempio / "schede").iterdir())
    assert main(["importa", "issue", str(issue), "--radice", str(esempio)]) == 1
    out = capsys.readouterr().out
    assert ("- **errore**: il collegamento «polo:polo-letura-0-6» non si apre: il polo "
            "«polo-letura-0-6» non esiste (forse intendevi «polo:polo-lettura-0-6»?)") in out
    assert sorted(p.name for p in (esempio / "schede").iterdir()) == before


def test_a_file_with_a_broken_link_in_the_shared_folder_gets_errori(minimo):
    from rete.cli import main

    inbox = minimo.parent / "in"
    inbox.mkdir()
    text = (minimo / "schede" / "letture-al-nido.md").read_text("utf-8").replace(
        "Letture ad alta voce al nido", "Letture al nido del quartiere")
    (inbox / "nido.md").write_text(text + "\nIl [regolamento](regolamento.pdf).\n",
                                   encoding="utf-8")
    assert main(["--radice", str(minimo), "importa", "cartella", str(inbox)]) == 1
    errori = (inbox / "nido.errori.txt").read_text("utf-8-sig").replace("\r\n", "\n")
    assert ("1. Riga 32: il collegamento «regolamento.pdf» non porta a nessuna pagina né file "
            "del sito\n   Come correggere: un file si pubblica dalla cartella della scheda") \
        in errori
    assert not (minimo / "schede" / "letture-al-nido-del-quartiere.md").exists()


def test_every_example_of_the_field_guide_is_a_link_valida_accepts(minimo):
    from rete.render.forms import fieldguide

    examples = [e for e in re.findall(r"`([^`]*\]\([^`]*\))`", fieldguide.render_links())
                if "NOME" not in e and ":ID" not in e]
    assert len(examples) >= 8
    bundle = minimo / "schede" / "letture-al-nido"
    bundle.mkdir()
    text = (minimo / "schede" / "letture-al-nido.md").read_text("utf-8")
    (minimo / "schede" / "letture-al-nido.md").unlink()
    text = text.replace("polo: polo-lettura\n", "polo: polo-lettura\nmateriali:\n"
                        "  - titolo: Il regolamento\n    file: regolamento.pdf\n")
    (bundle / "index.md").write_text(text + "\n" + "\n\n".join(examples) + "\n",
                                     encoding="utf-8")
    (bundle / "regolamento.pdf").write_bytes(b"%PDF-1.4\n")
    (bundle / "foto.jpg").write_bytes(b"prova\n")
    assert validate.check_problems(minimo).errors == []


def test_links_across_the_two_halves_give_the_same_problems(tmp_path, monkeypatch):
    from benchmarks.corpus import make_tree

    from ..runtime.test_valida_in_due import _both

    root = tmp_path / "rete"
    root.mkdir()
    make_tree(root, 40)
    schede = sorted((root / "schede").glob("*.md"))
    links_to = ["scheda-00031.md#come-si-realizza", "scheda-00031.md#nessuna",
                "scheda:scheda-00002#descrizione", "scheda:scheda-00002#altro",
                "../poli/nessuno.md", "#descrizione", "#non-qui"]
    for n, target in enumerate(links_to):
        path = schede[n * 5]
        path.write_text(path.read_text("utf-8") + f"\n[vedi]({target})\n", encoding="utf-8")
    alone, split = _both(root, monkeypatch)
    assert split.problems == alone.problems
    assert sorted(p.message.split("«")[1].split("»")[0] for p in alone.errors) == [
        "#non-qui", "../poli/nessuno.md", "scheda-00031.md#nessuna", "scheda:scheda-00002#altro"]


@pytest.mark.parametrize("address", ["/\\evil.example/a.png", "\\/evil.example/b.png",
                                     "//evil.example/c.png"])
def test_an_address_that_leaves_for_another_server_keeps_todays_rules(minimo, address):
    scheda = minimo / "schede" / "letture-al-nido.md"
    scheda.write_text(scheda.read_text("utf-8") + f"\n![foto]({address})\n", encoding="utf-8")
    problems = validate.check_problems(minimo).problems
    assert [(p.level, p.message) for p in problems] == [
        (Level.AVVISO, "l'immagine è su un altro sito e non verrà mostrata: chi legge la "
                       "pagina non deve collegarsi a siti esterni")]


def test_an_address_outside_the_site_s_folder_is_refused(minimo):
    registry = minimo / "rete.yml"
    registry.write_text(registry.read_text("utf-8").replace(
        "sito: https://rete.example.it/", "sito: https://example.it/rete/"), encoding="utf-8")
    scheda = minimo / "schede" / "letture-al-nido.md"
    scheda.write_text(scheda.read_text("utf-8") + "\n[il polo](/poli/polo-lettura/) e "
                      "[anche](/rete/poli/polo-lettura/)\n", encoding="utf-8")
    problems = validate.check_problems(minimo).errors
    assert [p.message for p in problems] == [
        "il collegamento «/poli/polo-lettura/» porta fuori dal sito"]


SERVED = """---
polo: polo-lettura
servizio: kit-lettura
biblioteca: frazione
richiesta_il: 2026-04-01
referente: {nome: Anna Bianchi, email: anna@frazione.example.it}
stato: svolta
risposta_il: 2026-04-03
svolta_il: 2026-04-20
---
"""


@pytest.mark.parametrize("served", [False, True], ids=["senza", "con-richiesta-svolta"])
def test_a_polo_s_activities_section_exists_once_a_request_is_served(minimo, monkeypatch,
                                                                    served):
    """A polo without ``attivita`` has «Attività svolte» on its page only when a request
    to it was served; a link to that section agrees, read in one process or two."""
    from ..runtime.test_valida_in_due import _both

    scheda = minimo / "schede" / "letture-al-nido.md"
    scheda.write_text(scheda.read_text("utf-8") + "\n[fatto](polo:polo-lettura#attivita-svolte)\n",
                      encoding="utf-8")
    if served:
        (minimo / "richieste").mkdir()
        (minimo / "richieste" / "2026-04-frazione-kit.md").write_text(SERVED, "utf-8")
    alone, split = _both(minimo, monkeypatch)
    assert split.problems == alone.problems
    broken = [p for p in alone.errors if "#attivita-svolte" in p.message]
    assert bool(broken) is not served, alone.errors

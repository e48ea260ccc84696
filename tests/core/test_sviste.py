"""The slips a person makes writing YAML by hand, each named for what it is.

The exact messages are in tests/casi/; here: the reader's recovery, the quoting
slips line by line, the natural field paths and the ids page.
"""

from __future__ import annotations

import json

import pytest

from rete import formatters
from rete.content import slips, yamlread
from rete.problems import error
from rete.content.refs import ids_page_url
from rete.render import pages
from rete.render.forms import template
from rete.checks.validate import check

from ..conftest import ROOT, TREES


@pytest.mark.parametrize("line, fixed", [
    ('titolo: “Leggimi forte: storie”', 'titolo: "Leggimi forte: storie"'),
    ('  email: “ragazzi@centrale.example.it”', '  email: "ragazzi@centrale.example.it"'),
    ('  - ‘adulti’', '  - "adulti"'),
    ('titolo: "" Leggimi forte', 'titolo: "Leggimi forte"'),
    ("titolo: 'L'ora delle storie'", 'titolo: "L\'ora delle storie"'),
    ('titolo: "Il "nido" che legge"', "titolo: 'Il \"nido\" che legge'"),
])
def test_a_quoting_slip_comes_with_the_line_put_right(line, fixed):
    assert slips.in_line(line).fixed == fixed


@pytest.mark.parametrize("line", ['titolo: Il “nido” che legge', 'titolo: "ok" # nota',
                                  "titolo: 'l''ora'", "titolo: semplice", "- 12"])
def test_good_lines_are_no_slip(line):
    assert slips.in_line(line) is None


def test_after_a_syntax_error_the_rest_of_the_text_is_read():
    text = 'titolo: "Leggimi\nbiblioteca: x\nsintesi: a: b\ntema: y\nrisorse:\n  ore: 3\n'
    parsed, problems = yamlread.read(text)
    assert [p.line for p in problems] == [1, 3]
    assert parsed.data == {"biblioteca": "x", "tema": "y", "risorse": {"ore": 3}}
    assert parsed.skipped == {"titolo", "sintesi"}


def test_a_line_left_out_takes_the_lines_indented_below_it():
    parsed, problems = yamlread.read("a: [1, 2\n  - 3\n  - 4\nb: 5\n")
    assert len(problems) == 1 and parsed.data == {"b": 5}


def test_recovery_is_bounded():
    text = "".join(f"k{i}: a: b\n" for i in range(50))
    parsed, problems = yamlread.read(text)
    assert parsed is None and len(problems) == yamlread.MAX_ROUNDS


def test_a_commented_parent_is_read_as_if_it_were_not():
    parsed, problems = yamlread.read("polo: x\n# risorse:\n  ore: 10\n", {"risorse"})
    assert parsed.data == {"polo": "x", "risorse": {"ore": 10}}
    assert [(p.line, p.message) for p in problems] == [
        (2, "il campo «risorse» è commentato (con # davanti), ma le righe sotto sono compilate")]


def test_a_commented_field_that_holds_no_fields_is_a_comment():
    parsed, problems = yamlread.read("polo: x\n# nota:\n#   ore: 10\n", {"risorse"})
    assert problems == [] and parsed.data == {"polo": "x"}


def test_a_file_with_a_slip_is_left_out_of_the_model(minimo):
    path = minimo / "schede" / "letture-al-nido.md"
    text = path.read_text("utf-8")
    path.write_text(text.replace("titolo: Letture", "titolo: “Letture").replace(
        "al nido\n", "al nido”\n", 1), "utf-8")
    result = check(minimo)
    assert [p.message for p in result.errors] == [slips.WORD_QUOTES]
    assert result.knowledge.schede == []


@pytest.mark.parametrize("field, spoken", [
    ("titolo", "campo 'titolo'"),
    ("periodo.fine", "campo 'periodo.fine'"),
    ("destinatari.0", "campo 'destinatari', il 1° valore"),
    ("materiali.1.file", "campo 'materiali', il 2° valore, campo 'file'"),
    ("attivita.0.biblioteche.2", "campo 'attivita', il 1° valore, campo 'biblioteche', "
                                 "il 3° valore"),
])
def test_field_paths_read_naturally_in_the_text_format(field, spoken):
    assert formatters.spoken_field(field) == spoken


def test_json_keeps_the_dotted_path():
    problem = error("schede/x.md", "destinatario sconosciuto", field="destinatari.0", line=5)
    text = formatters.testo([problem], {})
    data = json.loads(formatters.as_json([problem], {}))
    assert "campo 'destinatari', il 1° valore: destinatario sconosciuto" in text
    assert data["problemi"][0]["campo"] == "destinatari.0"


def test_the_ids_page_lists_every_library_theme_audience_and_polo():
    k = check(TREES / "piccolo").knowledge
    page = pages.render(k).pages["identificativi.md"]
    for b in k.rete.biblioteche.values():
        assert f"| `{b.id}` |" in page
    for ident in [*k.rete.temi, *k.rete.destinatari, *(p.slug for p in k.poli)]:
        assert f"| `{ident}` |" in page


def test_the_ids_page_address_comes_from_rete_yml():
    assert ids_page_url("https://rete.example.it/") == "https://rete.example.it/identificativi/"
    assert ids_page_url("https://rete.example.it/sub") == \
        "https://rete.example.it/sub/identificativi/"
    assert ids_page_url(None) is None


def test_the_template_lists_every_id_and_fits_a_phone():
    ids = {"biblioteche": [f"biblioteca-{i:02d}" for i in range(40)], "temi": ["a"],
           "destinatari": ["b"], "poli": []}
    text = template.render("scheda", ids, "https://rete.example.it/identificativi/")
    assert "altri" not in text
    assert all(f"biblioteca-{i:02d}" in text for i in range(40))
    assert "https://rete.example.it/identificativi/" in text
    comments = [line for line in text.splitlines() if line.lstrip().startswith("#")]
    assert max(len(line) for line in comments if "://" not in line) <= template.WIDTH


def test_the_home_page_counts_libraries_as_the_libraries_page_does(minimo):
    # frazione is only a scheda's partner: no scheda, no polo of its own
    path = minimo / "schede" / "letture-al-nido.md"
    path.write_text(path.read_text("utf-8").replace("polo: polo-lettura\n",
                                                    "polo: polo-lettura\npartner: [frazione]\n"),
                    "utf-8")
    k = check(minimo).knowledge
    figures = pages.figures(k)
    assert "**1** [biblioteche](biblioteche/index.md) con schede o poli, su 2 della rete" \
        in figures
    listing = pages.render(k).pages["biblioteche/index.md"]
    rows = [r for r in listing.splitlines() if r.startswith("| [")]
    assert sum(not r.endswith("| 0 | 0 |") for r in rows) == 1


def test_the_readme_says_how_to_run_rete_from_a_new_terminal():
    readme = (ROOT / "README.md").read_text("utf-8")
    for way in ("make valida", ".venv/bin/rete valida", ".venv\\Scripts\\rete valida",
                "source .venv/bin/activate", ".venv\\Scripts\\activate", "command not found"):
        assert way in readme, way


def test_word_quotes_in_a_list_between_brackets_name_the_value(minimo):
    path = minimo / "schede" / "letture-al-nido.md"
    path.write_text(path.read_text("utf-8").replace("destinatari: [famiglie-0-6]",
                                                    "destinatari: [“famiglie-0-6”]"), "utf-8")
    [problem] = check(minimo).errors
    assert (problem.field, problem.message) == ("destinatari.0", slips.WORD_QUOTES)
    assert problem.hint == "scrivi \"famiglie-0-6\" al posto di “famiglie-0-6”"

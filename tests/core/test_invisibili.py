"""Invisible control characters: refused in every text of every field and in the body,
named by their code; whatever `rete valida` accepts makes a well-formed feed.xml.

The exact messages of `rete valida` are in tests/casi/carattere-invisibile-*.
"""

from __future__ import annotations

import copy
from xml.etree import ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rete.checks import invisible, validate
from rete.content import writer
from rete.content.loader import read_document, read_tree
from rete.render import feed

from ..conftest import copy_tree

SCHEDA = "schede/letture-al-nido.md"
POLO = "poli/polo-lettura.md"
REFUSED = "\x00\x01\x08\x0b\x0c\x0d\x1b\x1f\x7f\x80\x85\x9f\ud800\udfff\ufffe\uffff"
ALLOWED = "\t\n \xa0\u2028\u2029\u200b\ufeff\ufffd\U0001f600\U0010fffd"


@pytest.mark.parametrize("char", REFUSED)
def test_every_refused_character_is_found_and_named_by_its_code(char):
    message, hint = invisible.describe(f"Letture{char} al nido")
    assert f"U+{ord(char):04X} (" in message
    assert message.endswith("dopo «Letture»")
    assert "copia e incolla da un PDF o da Word" in hint


@pytest.mark.parametrize("char", ALLOWED)
def test_tab_newline_and_printable_characters_are_allowed(char):
    assert invisible.describe(f"Letture{char} al nido") is None


@pytest.mark.parametrize("text, where", [
    ("\x0bLetture", "all'inizio"),
    ("Letture ad alta voce al nido del\x01", "dopo «…voce al nido del»"),
    ("   \x01", "dopo alcuni spazi"),
    ("a\x01b\x02c\x03", "dopo «a»"),
    ("riga uno\nriga\tdue\x7f", "dopo «riga uno riga due»"),
])
def test_the_message_says_where_the_first_one_is(text, where):
    assert invisible.describe(text)[0].endswith(where)


def test_several_are_counted_and_the_escape_is_the_one_a_file_shows():
    message, hint = invisible.describe("a\x0bb\x0bc")
    assert message == ("il testo contiene 2 caratteri invisibili: il primo è "
                       "U+000B (tabulazione verticale), dopo «a»")
    assert hint.endswith("(nel file può comparire tra virgolette come \\v)")
    assert invisible.escape("\x01") == "\\x01"
    assert invisible.escape("\uffff") == "\\uFFFF"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x2FF, exclude_categories=())),
       st.sampled_from(["", "’", "\ud800", "\uffff", "\U0001f600"]))
def test_the_quick_look_at_a_body_agrees_with_the_pattern(text, tail):
    """A Latin-1 body is looked at byte by byte, any other by the pattern: the same answer."""
    for body in (text, text + tail):
        assert invisible.holds_invisible(body) == (invisible.INVISIBLE.search(body) is not None)


@pytest.mark.parametrize("path", [
    ["titolo"], ["sintesi"], ["referente", "nome"], ["referente", "telefono"],
    ["destinatari", 0], ["risorse", "personale"], ["parole_chiave", 1],
    ["materiali", 0, "titolo"], ["materiali", 0, "url"], ["periodo", "inizio"],
])
@pytest.mark.parametrize("char", ["\x0b", "\ud800", "\x9f"])
def test_every_field_at_any_depth_of_a_scheda(minimo, path, char):
    doc, _ = read_document("scheda", minimo / SCHEDA, SCHEDA, "letture-al-nido")
    doc.data.update({"risorse": {"personale": "due bibliotecarie"},
                     "parole_chiave": ["nido", "lettura"],
                     "materiali": [{"titolo": "Il volantino", "url": "https://x.example.it/"}]})
    doc.data["referente"]["telefono"] = "02 1234 5678"
    holder = doc.data
    for part in path[:-1]:
        holder = holder[part]
    holder[path[-1]] = holder[path[-1]][:3] + char + holder[path[-1]][3:]
    found = validate.check_document(doc, validate.catalog(read_tree(minimo)))
    field = ".".join(map(str, path))
    assert [p.field for p in found if p.is_error] == [field]
    assert f"U+{ord(char):04X}" in found[0].message


@pytest.mark.parametrize("path", [
    ["nome"], ["servizi", 0, "nome"], ["servizi", 0, "come_richiederlo"],
    ["attivita", 0, "titolo"], ["attivita", 0, "biblioteche", 0],
])
def test_every_field_at_any_depth_of_a_polo(minimo, path):
    doc, _ = read_document("polo", minimo / POLO, POLO, "polo-lettura")
    doc.data["attivita"] = [{"data": "2026-04-01", "titolo": "Incontro",
                             "biblioteche": ["centrale"]}]
    holder = doc.data
    for part in path[:-1]:
        holder = holder[part]
    holder[path[-1]] = "\x01" + holder[path[-1]]
    found = validate.check_document(doc, validate.catalog(read_tree(minimo)))
    assert [p.field for p in found if p.is_error] == [".".join(map(str, path))]


def test_the_body_is_checked_line_by_line_up_to_a_limit(minimo):
    doc, _ = read_document("scheda", minimo / SCHEDA, SCHEDA, "letture-al-nido")
    doc.body = "\n".join(f"riga {n}\x0c" for n in range(15))
    found = invisible.check_body(doc)
    assert [p.line for p in found] == [doc.body_line + n for n in range(11)]
    assert found[-1].message == "altre 5 righe del testo contengono caratteri invisibili"


# Texts of any kind, half of them with one of the characters at the edges of the rule.
EDGES = st.sampled_from(list(REFUSED.replace("\ud800", "").replace("\udfff", "") + ALLOWED
                             + "<>&\"']"))


def _texts(least: int, most: int):
    def insert(drawn):
        text, edge = drawn
        if edge is None:
            return text
        char, at = edge
        return text[:at % (len(text) + 1)] + char + text[at % (len(text) + 1):]

    # Hypothesis favours the lowest code points, controls above all: drawn from every
    # character, nearly no text would pass; so one text in two has no control but one.
    printable = st.characters(codec="utf-8", exclude_categories=("Cc",))
    anything = st.characters(codec="utf-8")
    return st.tuples(st.text(printable, min_size=least, max_size=most)
                     | st.text(anything, min_size=least, max_size=most),
                     st.none() | st.tuples(EDGES, st.integers(0, most))).map(insert)


@pytest.fixture(scope="module")
def feed_tree(tmp_path_factory):
    root = copy_tree("minimo", tmp_path_factory.mktemp("feed"))
    scheda, _ = read_document("scheda", root / SCHEDA, SCHEDA, "letture-al-nido")
    polo, _ = read_document("polo", root / POLO, POLO, "polo-lettura")
    return root, scheda, polo


@settings(max_examples=150, deadline=None)
@given(titolo=_texts(5, 119), sintesi=_texts(20, 299), nome=_texts(2, 199))
def test_whatever_passes_validation_makes_a_well_formed_feed(feed_tree, titolo, sintesi,
                                                             nome):
    root, scheda, polo = feed_tree
    data = copy.deepcopy(scheda.data) | {"titolo": titolo, "sintesi": sintesi}
    (root / SCHEDA).write_text(writer.dump("scheda", data, scheda.body), "utf-8")
    data = copy.deepcopy(polo.data) | {"nome": nome}
    (root / POLO).write_text(writer.dump("polo", data, polo.body), "utf-8")
    result = validate.check(root)
    refused = {f for f, text in (("titolo", titolo), ("sintesi", sintesi), ("nome", nome))
               if invisible.INVISIBLE.search(text)}
    assert refused <= {p.field for p in result.errors}
    if result.errors:
        return
    xml = feed.rss(result.knowledge).encode("utf-8")
    root_element = ET.fromstring(xml)  # expat: strict, refuses what XML 1.0 refuses
    assert f"Buona pratica: {titolo}" in [t.text for t in root_element.iter("title")]


@pytest.mark.parametrize("char", "\x00\x01\x08\x0b\x0c\x1b\x1f\ufffe\uffff")
def test_the_strict_parser_would_catch_what_the_feed_once_let_through(char):
    """What XML 1.0 refuses, the parser of the test above refuses: that test can fail."""
    element = ET.Element("title")
    element.text = f"Con{char}"
    with pytest.raises(ET.ParseError):
        ET.fromstring(ET.tostring(element, "unicode").encode("utf-8"))



def test_an_issue_with_a_control_character_is_not_ready(esempio, tmp_path, capsys):
    """The importers validate with check_document: the rule reaches them too."""
    from rete.cli import main as rete

    from ..intake.test_issue import SCHEDA as ANSWERS
    from ..intake.test_issue import catalog_of, github_body

    answers = dict(ANSWERS, titolo="Letture\x0b ad alta voce al nido",
                   **{"corpo.Descrizione": "Copiato da un PDF\x0c e incollato qui."})
    issue = tmp_path / "issue.md"
    issue.write_text(github_body("scheda", catalog_of(esempio), answers), encoding="utf-8")
    assert rete(["importa", "issue", str(issue), "--radice", str(esempio)]) == 1
    out = capsys.readouterr().out
    assert ("«Titolo»: il testo contiene un carattere invisibile, U+000B (tabulazione "
            "verticale), dopo «Letture»") in out
    assert "la riga contiene un carattere invisibile, U+000C (salto pagina)" in out
    assert not (esempio / "schede" / "letture-ad-alta-voce-al-nido.md").exists()


@pytest.mark.lento
def test_the_site_is_not_built_with_a_control_character(minimo, tmp_path):
    from ..sito import build

    path = minimo / SCHEDA
    text = path.read_text("utf-8")
    path.write_text(text.replace("titolo: Letture ad alta voce al nido",
                                 'titolo: "Letture\\x01 ad alta voce al nido"'), "utf-8")
    done = build(minimo, tmp_path / "site", libretto=False)
    assert done.returncode != 0
    assert "U+0001 (carattere di controllo), dopo «Letture»" in done.stderr + done.stdout
    assert not (tmp_path / "site" / "feed.xml").exists()

"""Numbers reach the model as written, or get an error: never a silently different value.

YAML reads ``1.800`` as 1.8; the check reads the text as it is in the file.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import rete.content.schema
from rete.content import convert, numeric, yamlsafe
from rete.content.loader import Document
from rete.checks.validate import check

from ..conftest import TREES

SCHEDA = "schede/letture-al-nido.md"
POLO = "poli/polo-lettura.md"


@pytest.fixture
def tree(tmp_path) -> Path:
    target = tmp_path / "albero"
    shutil.copytree(TREES / "minimo", target)
    return target


def _with(tree: Path, rel: str, lines: str) -> None:
    """The minimal tree's file, with ``lines`` added to its front-matter."""
    head, sep, body = (TREES / "minimo" / rel).read_text("utf-8").partition("\n---\n")
    path = tree / rel
    path.write_text(head + "\n" + lines + sep + body, "utf-8")


def test_the_reader_keeps_the_text_of_every_number():
    parsed = yamlsafe.parse("a: 1.800\nb: [7, 2.50, x]\nc:\n  d: 3\ne: true\nf: '1.800'\n")
    assert parsed.data == {"a": 1.8, "b": [7, 2.5, "x"], "c": {"d": 3}, "e": True,
                           "f": "1.800"}
    assert parsed.numbers == {("a",): "1.800", ("b", 0): "7", ("b", 1): "2.50",
                              ("c", "d"): "3"}


@pytest.mark.parametrize("text, integer, expected", [
    ("1.800", False, ("sembra 1800 con il punto delle migliaia: scrivi 1800, oppure 1800.00",
                      "nei numeri il punto separa i decimali: le migliaia non si separano")),
    ("1.800", True, ("sembra 1800 con il punto delle migliaia: scrivi 1800",
                     "nei numeri il punto separa i decimali: le migliaia non si separano")),
    ("1.200,50", False, ("atteso un numero, trovato il testo «1.200,50»",
                         "scrivi 1200.50, senza il punto delle migliaia e con il punto, "
                         "non la virgola, prima dei decimali")),
    ("1 200", False, ("atteso un numero, trovato il testo «1 200»",
                      "scrivi 1200, senza spazi tra le cifre")),
    ("350 euro", False, ("atteso un numero, trovato il testo «350 euro»",
                         "scrivi 350, senza il simbolo dell'euro")),
    ("€ 350", False, ("atteso un numero, trovato il testo «€ 350»",
                      "scrivi 350, senza il simbolo dell'euro")),
    ("12 ore", False, ("atteso un numero, trovato il testo «12 ore»", "scrivi 12, senza «ore»")),
    ("1,200.50", False, ("atteso un numero, trovato il testo «1,200.50»",
                         "scrivi 1200.50, senza la virgola delle migliaia")),
    ("12,5", True, None),  # not a whole number: the schema says so
    ("1:30", False, None),
    ("istruzione", False, None),
])
def test_slip(text, integer, expected):
    assert numeric.slip(text, integer) == expected


def test_the_check_follows_every_schema_even_rete_yml(monkeypatch):
    """A number field added to rete.yml's schema (workshop costs, say) is checked too."""
    fake = {"type": "object", "properties": {"workshop": {"type": "object", "properties": {
        "costi": {"type": "object", "properties": {"totale": {"type": "number"}}}}}}}
    monkeypatch.setattr(rete.content.schema, "schema", lambda kind: fake)  # the one walk reads it
    parsed = yamlsafe.parse("workshop:\n  costi:\n    totale: 12.500\n")
    doc = Document("rete", Path("rete.yml"), "rete.yml", data=parsed.data, lines=parsed.lines,
                   numbers=parsed.numbers)
    [problem] = numeric.check_numbers(doc)
    assert (problem.field, problem.line) == ("workshop.costi.totale", 3)
    assert problem.message.startswith("sembra 12500 con il punto delle migliaia")


NUMBERS = settings(max_examples=150, deadline=None,
                   suppress_health_check=[HealthCheck.function_scoped_fixture])
_THOUSANDS = re.compile(r"^[1-9]\d{0,2}(\.\d{3})+$")


@NUMBERS
@given(text=st.text(alphabet="0123456789.,", min_size=1, max_size=12),
       where=st.sampled_from(["costo", "ore"]))
def test_a_number_field_is_the_number_written_or_an_error(tree, text, where):
    _with(tree, SCHEDA, f"risorse:\n  {where}: {text}")
    result = check(tree)
    errors = [p for p in result.errors if p.file == SCHEDA]
    if errors:
        # one error, on that line: the field's, or YAML's for a text such as ","
        assert len(errors) == 1 and errors[0].line == 14, errors
        assert errors[0].field in (f"risorse.{where}", None), errors
        return
    [scheda] = result.knowledge.schede
    assert "," not in text and not _THOUSANDS.match(text)
    assert getattr(scheda.risorse, where) == float(text)


@NUMBERS
@given(text=st.text(alphabet="0123456789.,", min_size=1, max_size=12))
def test_a_whole_number_field_is_the_number_written_or_an_error(tree, text):
    _with(tree, POLO, f"attivita:\n  - data: 2026-04-10\n    titolo: Incontro\n"
                      f"    partecipanti: {text}")
    result = check(tree)
    errors = [p for p in result.errors if p.file == POLO]
    if errors:
        assert len(errors) == 1 and errors[0].line == 19, errors
        assert errors[0].field in ("attivita.0.partecipanti", None), errors
        return
    [polo] = result.knowledge.poli
    assert "," not in text and not _THOUSANDS.match(text)
    assert polo.attivita[0].partecipanti == float(text)


def test_nobody_groups_the_thousands_of_zero():
    assert convert.italian_number("0.500") == 0.5
    assert convert.italian_number("1.500") == 1500


@settings(max_examples=300, deadline=None)
@given(st.floats(allow_nan=False, allow_infinity=False) | st.integers())
def test_the_writer_writes_every_digit_and_never_an_exponent(value):
    """YAML 1.1 reads 1e-07 or 1e+21 as a text: a number is written positionally, and
    read back as the same value of the same kind."""
    from rete.content import writer

    text = writer.front_matter("scheda", {"risorse": {"costo": value}})
    written = text.split("costo: ", 1)[1].strip()
    assert re.fullmatch(r"-?\d+(\.\d+)?", written), written
    read = yamlsafe.parse(text).data["risorse"]["costo"]
    assert read == value and type(read) is type(value)
    assert numeric.number_text(value) == written


@pytest.mark.parametrize("value, text", [
    (1e-07, "0.0000001"), (1e21, "1000000000000000000000.0"), (2.0, "2.0"), (12.5, "12.5"),
    (12345678901234567890, "12345678901234567890"), (0.1, "0.1"), (1.5e-05, "0.000015"),
    (-0.0, "-0.0"), (150, "150"), (9999999.99, "9999999.99"),
])
def test_number_text(value, text):
    assert numeric.number_text(value) == text

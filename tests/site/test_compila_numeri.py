"""Numbers typed in the site's form are written as rete's writer writes the same value:
every digit, never an exponent (YAML 1.1 reads 1e-7 as a text), never through a
JavaScript double (12345678901234567890 would become 12345678901234567000); and the
form refuses what the validator refuses, in the same words.

The fixtures (Debian's Chromium through Playwright, the built sample site) are those
of test_browser.py and test_compila.py.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rete.content import numeric, writer, yamlsafe
from rete.cli import main as rete

from ..conftest import copy_sample
from .test_browser import base_url, open_page  # noqa: F401
from .test_compila import (IT, browser, download, field, fill_librarian,  # noqa: F401
                           parsed, ready, refused)

pytestmark = [pytest.mark.browser, pytest.mark.lento]

SCHEMA = "JSON.parse(document.getElementById('rete-modulo-dati').textContent).schema"
NUMBER = "([t, i]) => import('/javascripts/compila/numeri.js').then((m) => m.numberText(t, i))"


def python_value(typed: str):
    """What Python holds for a number typed so: a whole number without point or exponent."""
    return int(typed) if not any(c in typed for c in ".eE") else float(typed)


@pytest.fixture(scope="module")
def form_page(browser, base_url):  # noqa: F811
    with open_page(browser) as page:
        ready(page, base_url + "compila/scheda/")
        yield page


TYPED = ["0.0000001", "1e-7", "1e21", "1E+21", "12345678901234567890", "12.50", "0.10",
         "007", "-0", "1e3", "12345678.125", ".5", "2.0", "150", "9999999.99", "1.5e-5"]


@pytest.mark.parametrize("typed", TYPED)
def test_a_typed_number_is_written_as_writer_dump_writes_its_value(form_page, typed):
    data = {"titolo": "Numeri", "risorse": {"costo": typed, "ore": typed}}
    text = form_page.evaluate(
        "([d, s]) => { const r = d.risorse; r.costo = reteYaml.number(r.costo, false);"
        " r.ore = reteYaml.number(r.ore, false); return reteYaml.dump(d, '', " + SCHEMA +
        "); }", [data, typed])
    value = python_value(typed)
    assert text == writer.dump("scheda", {"titolo": "Numeri",
                                          "risorse": {"ore": value, "costo": value}}, "")
    assert not re.search(r"\d[eE]", text)


@pytest.mark.parametrize("typed, integer, written", [
    ("12345678901234567890", True, "12345678901234567890"),
    ("1e3", True, "1000"), ("12.0", True, "12"), ("-0", True, "0"), ("1.5", True, "1.5"),
    ("1e3", False, "1000.0"), ("-0.0", False, "-0.0"), ("+5", False, "5"),
    ("abc", False, None), ("", False, None), ("1e", False, None), ("1,5", False, None),
])
def test_number_text_in_the_browser(form_page, typed, integer, written):
    assert form_page.evaluate(NUMBER, [typed, integer]) == written


DECIMALS = st.from_regex(r"\A-?([0-9]{1,22}(\.[0-9]{1,22})?|\.[0-9]{1,22})([eE][-+]?[0-9]{1,3})?\Z")


@settings(max_examples=300, deadline=None)
@given(typed=DECIMALS)
def test_every_typed_decimal_keeps_its_digits_and_matches_python(form_page, typed):
    written = form_page.evaluate(NUMBER, [typed, False])
    assert "e" not in written.lower()
    assert Decimal(written) == Decimal(typed)  # not one digit lost or added
    value = python_value(typed)
    if isinstance(value, int) or Decimal(repr(value)) == Decimal(typed):
        # The value a double holds exactly as typed: the bytes Python writes.
        assert written == numeric.number_text(value)
    if math.isfinite(float(typed)):
        read = yamlsafe.parse(f"x: {written}\n").data["x"]
        assert read == value and isinstance(read, type(value))


def test_typed_numbers_download_as_numbers_rete_valida_reads(browser, base_url,  # noqa: F811
                                                             tmp_path):
    with open_page(browser, **IT) as page:
        ready(page, base_url + "compila/scheda/")
        fill_librarian(page)
        field(page, "risorse.ore").fill("1e3")
        field(page, "risorse.costo").fill("0.0000001")
        name, text = download(page)
    assert "risorse:\n  ore: 1000.0\n  costo: 0.0000001\n" in text
    doc = parsed("scheda", text, tmp_path)
    assert doc.data["risorse"] == {"ore": 1000.0, "costo": 1e-07}
    assert text == writer.dump("scheda", doc.data, doc.body)
    tree = copy_sample(tmp_path / "albero")
    (tree / "schede" / name).write_text(text, encoding="utf-8")
    assert rete(["valida", "--radice", str(tree)]) == 0


@pytest.mark.parametrize("where, typed, limit", [
    ("risorse.costo", "10000000.01", "10000000"), ("risorse.costo", "1e21", "10000000"),
    ("risorse.ore", "100001", "100000"),
])
def test_the_form_and_the_validator_refuse_an_absurd_number_alike(
        browser, base_url, tmp_path, capsys, where, typed, limit):  # noqa: F811
    with open_page(browser, **IT) as page:
        messages = refused(page, base_url, where, typed)
        # The file the form would make, were it let through.
        text = page.evaluate("() => import('/javascripts/compila/dati.js').then((m) => "
                             "reteYaml.dump(m.data(), m.body(), " + SCHEMA + "))")
    label = "«Costo»" if where.endswith("costo") else "«Ore»"
    said = f"non può essere maggiore di {limit}"
    assert messages == [f"{label}: {said}"]
    tree = copy_sample(tmp_path / "albero")
    (tree / "schede" / "numeri.md").write_text(text, encoding="utf-8")
    capsys.readouterr()
    assert rete(["valida", "--radice", str(tree)]) == 1
    out = capsys.readouterr().out
    assert f"campo '{where}': {said}: trovato " in out

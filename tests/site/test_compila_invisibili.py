"""The site's form refuses invisible control characters as `rete valida` does, in the
same words (rete.checks.invisible; the rule reaches the page through form.config)."""

from __future__ import annotations

import pytest

from rete.checks import invisible

from .test_browser import base_url, open_page  # noqa: F401
from .test_compila import IT, browser, ready, refused  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.lento]

SAY = "(t) => import('/javascripts/compila/controlli.js').then((m) => m.invisible(t))"
TEXTS = ["Letture\x0b ad alta voce", "\x01Letture", "Letture ad alta voce al nido del\x7f",
         "   \x1b[2J", "a\x0cb\x0cc\x0c", "riga uno\nriga\tdue\x85", "emoji 🙂\x9f",
         "albi\uffff", "senza problemi 🙂\u2028\t\n", "Ceste di albi illustrati\x00 scelti"]


@pytest.fixture(scope="module")
def form_page(browser, base_url):  # noqa: F811
    with open_page(browser) as page:
        ready(page, base_url + "compila/scheda/")
        yield page


@pytest.mark.parametrize("text", TEXTS)
def test_the_form_says_what_rete_valida_says(form_page, text):
    said = invisible.describe(text)
    assert form_page.evaluate(SAY, text) == (said[0] if said else None)


def test_a_lone_surrogate_is_found_and_an_emoji_is_not(form_page):
    assert form_page.evaluate("() => import('/javascripts/compila/controlli.js').then((m) => "
                              "[m.invisible('a\\ud800b'), m.invisible('a\\ud83d\\ude42')])") \
        == [invisible.describe("a\ud800b")[0], None]


@pytest.mark.parametrize("name, text, label", [
    ("titolo", "Letture\x0b ad alta voce al nido", "«Titolo»"),
    ("sintesi", "Ogni settimana\x0c le bibliotecarie leggono ai bambini.", "«Sintesi»"),
    ("corpo.Descrizione", "Copiato da un PDF\x0c\nseconda pagina", "«Descrizione»"),
])
def test_the_form_refuses_a_pasted_control_character(browser, base_url, name, text,  # noqa: F811
                                                    label):
    with open_page(browser, **IT) as page:
        messages = refused(page, base_url, name, text)
    assert messages == [f"{label}: {invisible.describe(text)[0]}"]

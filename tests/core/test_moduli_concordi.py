"""The five forms ask for what the schema's ``Field`` says, and so agree with each other.

The site's form, the GitHub issue form, the Word form, the template of «rete
nuova» and the field guide are all fed from one schema here; each is read
back for the fields it asks for, and the lists are compared. The forms that
propose something new (issue, Word) leave out what only a coordinator fills
in (``x-solo-coordinatori``); the site's form also corrects a published file,
so it keeps every field, as the template and the guide do.
"""

from __future__ import annotations

import re

import pytest

from rete.content import fields
from rete.content.collections import KINDS, PUBLIC
from rete.intake import docx_form
from rete.content.refs import Catalog
from rete.render.forms import fieldguide, form, issueform, template
from rete.checks.validate import check

from ..conftest import TESTS

TREE = TESTS.parent

LEAVES = {w for w in fields.WIDGETS if w not in ("group", "items")}


@pytest.fixture(scope="module")
def knowledge():
    return check(TREE).knowledge


def _catalog(k) -> Catalog:
    return Catalog.from_network(k.rete, {p.slug: p.nome for p in k.poli})


def _every(kind: str) -> set[str]:
    return {f.path for f in fields.walk(kind) if f.widget in LEAVES}


def _librarians(kind: str) -> set[str]:
    walked = list(fields.walk(kind))
    off = {f.path for f in walked if not f.by_librarian}
    return {f.path for f in walked if f.widget in LEAVES
            and not any(f.path == o or f.path.startswith(o + ".") or f.path.startswith(o + "[]")
                        for o in off)}


def _site_form(kind: str, k) -> set[str]:
    # an item's boxes the form lists elsewhere are named for the script that copies them
    names = re.findall(r' (?:name|data-nome)="([^"]+)"', form.render(kind, k))
    return {re.sub(r"\.__N__", "[]", n) for n in names if not n.startswith("corpo")}


def _issue_form(kind: str, k) -> set[str]:
    asked = set()
    for e in issueform.elements(kind, _catalog(k)):
        if e.path.startswith("corpo"):
            continue
        asked |= {f"{e.path}[].{key}" for key in e.keys} if e.keys else {e.path}
    return asked


def _word_form(kind: str, k) -> set[str]:
    rows, groups = docx_form.spec(kind, _catalog(k))
    return {r.path for r in rows} | {f"{g.path}[].{c.path}" for g in groups for c in g.columns}


def _guide(kind: str, k) -> set[str]:
    return set(re.findall(r"^\| `([^`]+)` \|", fieldguide.render(kind), re.MULTILINE))


def _template(kind: str, k) -> set[str]:
    """The keys the template writes (a leaf's key, as ``fields.walk`` names it)."""
    text = template.render(kind, k.ids())
    return set(re.findall(r"^[ #-]*([a-z_]+):", text, re.MULTILINE))


@pytest.mark.parametrize("kind", KINDS)
def test_the_forms_that_propose_ask_what_a_librarian_fills_in(kind, knowledge):
    wanted = _librarians(kind)
    assert _issue_form(kind, knowledge) == wanted
    assert _word_form(kind, knowledge) == wanted


@pytest.mark.parametrize("kind", KINDS)
def test_the_site_form_and_the_guide_ask_every_field(kind, knowledge):
    # A request is never corrected on the site (it is not published): its form asks
    # what the library writes, and writes the defaults (stato: nuova) by itself.
    wanted = _every(kind) if kind in PUBLIC else _librarians(kind) | {
        f.path for f in fields.walk(kind) if "default" in f.node}
    assert _site_form(kind, knowledge) == wanted
    guide = _guide(kind, knowledge)
    assert {p for p in guide if p in _every(kind)} == _every(kind)


@pytest.mark.parametrize("kind", KINDS)
def test_the_template_writes_every_field(kind, knowledge):
    keys = {f.key for f in fields.walk(kind)}
    # of alternative keys (oneOf) the template writes the first and names the others
    assert keys - _template(kind, knowledge) <= {"url"}


def test_coordinator_only_fields_are_marked_in_the_schema():
    marked = {f.path for kind in KINDS for f in fields.walk(kind) if not f.by_librarian}
    assert marked == {"bozza", "materiali[].file", "servizi[].disponibile",
                      # a request: what the polo writes, and the state a new one always has
                      "stato", "risposta_il", "svolta_il", "partecipanti", "ore", "costo",
                      "motivo"}


@pytest.mark.parametrize("kind", KINDS)
def test_a_choice_is_a_choice_in_the_site_form_and_the_issue_form(kind, knowledge):
    html = form.render(kind, knowledge)
    catalog = _catalog(knowledge)
    issue = {e.path: e for e in issueform.elements(kind, catalog)}
    for f in fields.walk(kind):
        if f.widget == "choices" and f.path in issue:
            assert issue[f.path].type in ("checkboxes", "dropdown"), f.path
            assert issue[f.path].multiple, f.path
            assert f'type="checkbox" name="{f.path}"' in html or \
                f'name="{f.path}" value=' in html, f.path
        if f.widget == "text" and f.path in issue:
            assert issue[f.path].type == "textarea", f.path
            assert re.search(rf'<textarea[^>]* name="{re.escape(f.path)}"', html), f.path


def test_the_sdg_and_euro_widgets_come_from_the_schema():
    widgets = {f.path: f.widget for f in fields.walk("scheda")}
    assert widgets["sdg"] == "choices"
    assert widgets["risorse.costo"] == "euro"
    assert widgets["bozza"] == "flag"
    sdg = next(f for f in fields.walk("scheda") if f.path == "sdg")
    assert sdg.values({}) == list(range(1, 18))
    assert sdg.limits == {"maxItems": 17, "minimum": 1, "maximum": 17}

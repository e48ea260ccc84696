"""A polo's page lists, under «Attività svolte», its requests served beside its own
``attivita``: from the same figures as `rete verifica` (figures/servizi.py), each once,
with the requesting library, the service and the figures, and never who asked nor
what they wrote."""

from __future__ import annotations

from datetime import date

from rete.checks.validate import check
from rete.render import pages

from .test_rete_pagine import table
from ..core.test_richieste_regole import _edit_polo, _request

TODAY = date(2026, 12, 1)
SERVED = ("risposta_il: 2026-04-03\nsvolta_il: {done}\npartecipanti: 12\nore: 3\n"
          "costo: 40\n")
HEADING = "## Attività svolte"


def _page(root) -> str:
    result = check(root)
    assert not [p for p in result.problems if p.is_error], result.problems
    return pages.render(result.knowledge, today=TODAY).pages["poli/polo-lettura.md"]


def _served(root, name: str, done: str) -> None:
    _request(root, name, stato="svolta", extra=SERVED.format(done=done))


def test_a_served_request_is_listed_with_library_service_and_figures(minimo):
    _served(minimo, "r1", "2026-05-10")
    _request(minimo, "r2", stato="accettata", extra="risposta_il: 2026-04-03\n")
    page = _page(minimo)
    assert table(page, HEADING) == [[
        "10 maggio 2026", "Prestito di kit di lettura per Biblioteca di frazione",
        "Biblioteca di frazione", "12", "3", "40,00 €"]]
    assert "Anna Esempio" not in page and "anna@example.org" not in page
    assert "via Roma" not in page  # the request's body


def test_served_requests_and_activities_are_listed_by_date(minimo):
    _served(minimo, "r1", "2026-05-10")
    _edit_polo(minimo, "---\n\nIl polo",
               "attivita:\n  - {data: 2026-04-20, titolo: Corso per volontari, biblioteche:"
               " [centrale], ore: 4}\n---\n\nIl polo")
    assert [row[:2] for row in table(_page(minimo), HEADING)] == [
        ["20 aprile 2026", "Corso per volontari"],
        ["10 maggio 2026", "Prestito di kit di lettura per Biblioteca di frazione"]]


def test_a_request_an_activity_names_is_listed_once_as_that_activity(minimo):
    _served(minimo, "r1", "2026-05-10")
    _edit_polo(minimo, "---\n\nIl polo",
               "attivita:\n  - {data: 2026-05-11, titolo: Kit al nido, biblioteche: [frazione],"
               " ore: 5, richiesta: r1, servizio: kit-lettura}\n---\n\nIl polo")
    assert [row[:2] for row in table(_page(minimo), HEADING)] == [["11 maggio 2026", "Kit al nido"]]


def test_without_activities_nor_served_requests_there_is_no_table(minimo):
    _request(minimo, "r1")
    assert HEADING not in _page(minimo)

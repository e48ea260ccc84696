"""The rules of services and requests: each one reported with file, line, field, hint."""

from __future__ import annotations

from pathlib import Path

import pytest

from rete.checks.validate import check, check_problems
from rete.runtime.helper import SECOND_PROCESS

REQUEST = """---
polo: polo-lettura
servizio: kit-lettura
biblioteca: frazione
richiesta_il: 2026-04-01
referente:
  nome: Anna Esempio
  email: anna@example.org
stato: nuova
{extra}---

Per il nido di via Roma.
"""


def _request(root: Path, name: str = "2026-04-frazione", extra: str = "", **changes) -> Path:
    text = REQUEST.format(extra=extra)
    for key, value in changes.items():
        lines = [line for line in text.splitlines() if not line.startswith(f"{key}:")]
        if value is not None:
            lines.insert(1, f"{key}: {value}")
        text = "\n".join(lines) + "\n"
    folder = root / "richieste"
    folder.mkdir(exist_ok=True)
    path = folder / f"{name}.md"
    path.write_text(text, "utf-8")
    return path


def _edit_polo(root: Path, old: str, new: str) -> None:
    polo = root / "poli" / "polo-lettura.md"
    text = polo.read_text("utf-8")
    assert old in text
    polo.write_text(text.replace(old, new, 1), "utf-8")


def _found(root: Path) -> list:
    return [p for p in check(root).problems if p.file.startswith(("richieste/", "poli/"))]


def _one(root: Path, field: str):
    found = [p for p in _found(root) if p.field == field]
    assert len(found) == 1, _found(root)
    return found[0]


def test_a_valid_request_is_modelled(minimo):
    _request(minimo)
    result = check(minimo)
    assert not result.problems
    (r,) = result.knowledge.richieste
    assert (r.slug, r.polo, r.servizio, r.biblioteca.id, r.stato) == (
        "2026-04-frazione", "polo-lettura", "kit-lettura", "frazione", "nuova")
    assert r.referente.email == "anna@example.org"


def test_a_service_without_id_gets_the_id_made_from_its_name(minimo):
    _edit_polo(minimo, "  - id: kit-lettura\n    nome:", "  - nome:")
    p = _one(minimo, "servizi.0.id")
    assert p.is_error and p.line == 12 and p.file == "poli/polo-lettura.md"
    assert p.hint == "aggiungi la riga «id: prestito-di-kit-di-lettura»"


def test_two_services_with_one_id(minimo):
    _edit_polo(minimo, "    come_richiederlo: Scrivere a ragazzi@centrale.example.it con due "
                       "settimane di anticipo.\n",
               "    come_richiederlo: Scrivere.\n  - id: kit-lettura\n    nome: Altro\n"
               "    descrizione: Altro.\n    come_richiederlo: Scrivere.\n")
    p = _one(minimo, "servizi.1.id")
    assert "ripetuto" in p.message and p.line == 16


def test_new_service_facts_are_checked_and_modelled(minimo):
    _edit_polo(minimo, "    come_richiederlo: Scrivere a ragazzi@centrale.example.it con due "
                       "settimane di anticipo.\n",
               "    come_richiederlo: Scrivere.\n    per_chi: [famiglie-0-6, biblioteche]\n"
               "    modalita: [in-sede, online]\n    anticipo_giorni: 14\n    costo: 0\n"
               "    disponibile: {dal: 2026-01-01, al: 2026-12-31}\n")
    result = check(minimo)
    assert not result.problems
    (s,) = result.knowledge.poli[0].servizi
    assert s.per_chi == ("famiglie-0-6", "biblioteche") and s.modalita == ("in-sede", "online")
    assert s.anticipo_giorni == 14 and s.costo == 0 and s.disponibile.al.year == 2026


@pytest.mark.parametrize("facts, field, words", [
    ("    per_chi: [famiglia-0-6]\n", "servizi.0.per_chi.0", "famiglie-0-6"),
    ("    modalita: [in-sede, a-distanza]\n", "servizi.0.modalita.1", "online"),
    ("    costo: 1.500\n", "servizi.0.costo", "1500"),
    ("    disponibile: {dal: 2026-06-01, al: 2026-01-01}\n", "servizi.0.disponibile.al",
     "prima di"),
])
def test_bad_service_facts(minimo, facts, field, words):
    _edit_polo(minimo, "settimane di anticipo.\n", "settimane di anticipo.\n" + facts)
    p = _one(minimo, field)
    assert p.is_error and p.line == 16
    assert words in p.message + (p.hint or "")


def test_an_activity_names_an_unknown_service_and_request(minimo):
    _request(minimo)
    _edit_polo(minimo, "---\n\nIl polo", "attivita:\n  - data: 2026-05-01\n    titolo: Kit\n"
               "    servizio: kit-letture\n    richiesta: 2026-04-frazion\n---\n\nIl polo")
    assert _one(minimo, "attivita.0.servizio").hint == "forse intendevi «kit-lettura»?"
    p = _one(minimo, "attivita.0.richiesta")
    assert p.line == 20 and p.hint == "forse intendevi «2026-04-frazione»?"


def test_one_request_named_by_two_activities(minimo):
    _request(minimo)
    entry = "  - {data: 2026-05-01, titolo: Kit, richiesta: 2026-04-frazione}\n"
    _edit_polo(minimo, "---\n\nIl polo", "attivita:\n" + entry * 2 + "---\n\nIl polo")
    assert "già indicata" in _one(minimo, "attivita.1.richiesta").message


def test_references_resolve_with_did_you_mean(minimo):
    _request(minimo, polo="polo-letura", biblioteca="frazzione")
    assert _one(minimo, "polo").hint == "forse intendevi «polo-lettura»?"
    assert "frazione" in _one(minimo, "biblioteca").hint


def test_an_unknown_service_of_the_polo(minimo):
    _request(minimo, servizio="kit-letura")
    p = _one(minimo, "servizio")
    assert p.is_error and p.line == 2 and p.hint == "forse intendevi «kit-lettura»?"
    assert p.message == "servizio sconosciuto: «kit-letura» non è tra i servizi di polo-lettura"


def test_a_polo_not_active_is_a_warning(minimo):
    _edit_polo(minimo, "stato: attivo", "stato: sospeso")
    _request(minimo)
    p = _one(minimo, "polo")
    assert not p.is_error and "non è attivo (stato: sospeso)" in p.message and p.hint


def test_outside_disponibile_is_a_warning(minimo):
    _edit_polo(minimo, "settimane di anticipo.\n",
               "settimane di anticipo.\n    disponibile: {dal: 2026-09-01}\n")
    _request(minimo, extra="periodo: {dal: 2026-05-01, al: 2026-05-02}\n")
    p = _one(minimo, "periodo")
    assert not p.is_error and p.message == ("il servizio «kit-lettura» è disponibile solo "
                                            "dal 1 settembre 2026")


def test_a_request_from_the_polos_own_seat_is_a_warning(minimo):
    _request(minimo, biblioteca="centrale")
    p = _one(minimo, "biblioteca")
    assert not p.is_error and "sede del polo" in p.message


def test_dates_in_order(minimo):
    _request(minimo, stato="accettata", risposta_il="2026-03-01")
    p = _one(minimo, "risposta_il")
    assert p.is_error and p.line == 2 and "viene prima di richiesta_il" in p.message


@pytest.mark.parametrize("state, needed", [
    ("accettata", ["risposta_il"]), ("rifiutata", ["risposta_il", "motivo"]),
    ("svolta", ["risposta_il", "svolta_il"]), ("annullata", ["motivo"])])
def test_state_dependent_required_fields(minimo, state, needed):
    _request(minimo, stato=state)
    found = {p.field: p for p in _found(minimo)}
    assert sorted(found) == sorted(needed)
    assert all(p.is_error and p.hint.startswith(f"aggiungi la riga «{p.field}: …»")
               for p in found.values())


def test_served_fields_only_with_svolta(minimo):
    _request(minimo, extra="ore: 3\n")
    p = _one(minimo, "ore")
    assert p.is_error and p.line == 10 and "solo quando la richiesta è svolta" in p.message


def test_italian_numbers(minimo):
    _request(minimo, stato="svolta", extra="risposta_il: 2026-04-02\nsvolta_il: 2026-04-10\n"
                                           "partecipanti: 1.200\ncosto: 1.200,50\n")
    assert "scrivi 1200" in _one(minimo, "partecipanti").message
    assert _one(minimo, "costo").is_error


def test_an_unreadable_request_is_reported(minimo):
    folder = minimo / "richieste"
    folder.mkdir()
    (folder / "rotta.md").write_bytes(b"\xff\xfe---\x00")
    (p,) = _found(minimo)
    assert p.file == "richieste/rotta.md" and p.is_error


def test_the_second_process_finds_the_same_problems(minimo, monkeypatch):
    from rete.checks import validate
    for i in range(3):
        _request(minimo, name=f"r-{i}", servizio="kit-letura", biblioteca="centrale")
    _edit_polo(minimo, "---\n\nIl polo",
               "attivita:\n  - {data: 2026-05-01, titolo: Kit, richiesta: r-9}\n---\n\nIl polo")
    alone = check_problems(minimo).problems
    monkeypatch.setattr(validate, "SPLIT_FROM", 1)
    split = check_problems(minimo, SECOND_PROCESS).problems
    assert alone == split and len(alone) == 7


def test_an_activity_naming_a_request_not_served_is_a_warning(minimo):
    _request(minimo)
    _edit_polo(minimo, "---\n\nIl polo", "attivita:\n  - {data: 2026-05-01, titolo: Kit, "
               "richiesta: 2026-04-frazione}\n---\n\nIl polo")
    p = _one(minimo, "attivita.0.richiesta")
    assert not p.is_error and p.message == ("la richiesta «2026-04-frazione» non è segnata "
                                            "come svolta (stato: nuova)")
    assert p.hint == "se il servizio è stato reso: rete richieste segna 2026-04-frazione " \
                     "--stato svolta"


def test_an_activity_naming_another_polos_request(minimo):
    _request(minimo, polo="polo-altro")
    _edit_polo(minimo, "---\n\nIl polo", "attivita:\n  - {data: 2026-05-01, titolo: Kit, "
               "richiesta: 2026-04-frazione}\n---\n\nIl polo")
    assert "rivolta a un altro polo" in _one(minimo, "attivita.0.richiesta").message

"""What requests count for: the year's requests by their current state, served requests
as activities of the polo (dated svolta_il), never twice."""

from __future__ import annotations

from datetime import date

from rete import figures
from rete.checks.validate import check
from rete.figures.servizi import counts, inbox, most_requested

from .test_richieste_regole import _edit_polo, _request

TODAY = date(2026, 12, 1)
SERVED = "risposta_il: {answer}\nsvolta_il: {done}\npartecipanti: 10\nore: 2\ncosto: 50\n"


def _served(root, name, asked, answer, done, **changes):
    _request(root, name, stato="svolta", richiesta_il=asked,
             extra=SERVED.format(answer=answer, done=done), **changes)


def _knowledge(root):
    result = check(root)
    assert not [p for p in result.problems if p.is_error], result.problems
    return result.knowledge


def _polo(v, ident="polo-lettura"):
    return next(p for p in v.poli if p.id == ident)


def test_a_served_request_is_an_activity_of_the_polo(minimo):
    _served(minimo, "r1", "2026-04-01", "2026-04-03", "2026-05-10")
    v = figures.verify(_knowledge(minimo), 2026, TODAY)
    p = _polo(v)
    assert (p.attivita, p.ore, p.partecipanti, p.costo_attivita) == (1, 2, 10, 50)
    assert p.biblioteche_raggiunte == ["frazione"]
    assert "frazione" not in v.biblioteche_mai_raggiunte
    (row,) = v.attivita
    assert row.data == date(2026, 5, 10) and row.biblioteche == ["frazione"]
    assert v.per_mese[4] == 1


def test_an_activity_naming_the_request_counts_instead(minimo):
    _served(minimo, "r1", "2026-04-01", "2026-04-03", "2026-05-10")
    _edit_polo(minimo, "---\n\nIl polo",
               "attivita:\n  - {data: 2026-05-11, titolo: Kit al nido, biblioteche: [frazione],"
               " ore: 5, richiesta: r1, servizio: kit-lettura}\n---\n\nIl polo")
    v = figures.verify(_knowledge(minimo), 2026, TODAY)
    p = _polo(v)
    assert (p.attivita, p.ore) == (1, 5)
    assert [r.titolo for r in v.attivita] == ["Kit al nido"]


def test_served_requests_count_in_the_year_they_were_served(minimo):
    _served(minimo, "r1", "2025-12-01", "2025-12-02", "2026-01-15")
    k = _knowledge(minimo)
    assert _polo(figures.verify(k, 2026, TODAY)).attivita == 1
    v2025 = figures.verify(k, 2025, TODAY)
    assert "polo-lettura" not in [p.id for p in v2025.poli]  # no activity, not yet active
    # ... while the request itself is one received in 2025
    assert v2025.servizi["polo-lettura"].richieste.ricevute == 1
    assert v2025.servizi["polo-lettura"].richieste.svolte == 1
    assert figures.verify(k, 2026, TODAY).servizi["polo-lettura"].richieste.ricevute == 0


def test_requests_are_counted_by_their_current_state(minimo):
    _request(minimo, "a", richiesta_il="2026-02-01")
    _request(minimo, "b", richiesta_il="2026-02-02", stato="accettata", risposta_il="2026-02-04")
    _request(minimo, "c", richiesta_il="2026-02-03", stato="rifiutata",
             risposta_il="2026-02-13", motivo="Tutto prenotato.")
    _request(minimo, "d", richiesta_il="2026-02-04", stato="annullata", motivo="Non serve più.")
    _served(minimo, "e", "2026-02-05", "2026-02-06", "2026-03-01")
    _request(minimo, "f", richiesta_il="2025-02-01")
    v = figures.verify(_knowledge(minimo), 2026, TODAY)
    c = v.servizi["polo-lettura"].richieste
    assert (c.ricevute, c.accettate, c.svolte, c.rifiutate, c.annullate, c.aperte) == (
        5, 1, 1, 1, 1, 2)
    # answered after 2, 10 and 1 days: the median is the middle one
    assert c.giorni_mediani_risposta == 2
    (s,) = v.servizi["polo-lettura"].servizi
    assert s.id == "kit-lettura" and s.richieste == c
    assert s.biblioteche == ["frazione"] and s.biblioteche_servite == ["frazione"]
    assert v.servizi_mai_richiesti == []


def test_an_even_count_takes_the_mean_of_the_two_middle_values(minimo):
    _request(minimo, "b", richiesta_il="2026-02-02", stato="accettata", risposta_il="2026-02-04")
    _request(minimo, "c", richiesta_il="2026-02-03", stato="accettata", risposta_il="2026-02-08")
    c = figures.verify(_knowledge(minimo), 2026, TODAY).servizi["polo-lettura"].richieste
    assert c.giorni_mediani_risposta == 3.5
    assert counts([]).giorni_mediani_risposta is None


def test_services_never_requested_are_those_of_active_poli(minimo):
    k = _knowledge(minimo)
    assert figures.verify(k, 2026, TODAY).servizi_mai_richiesti == [
        ("polo-lettura", "kit-lettura")]
    _edit_polo(minimo, "stato: attivo", "stato: sospeso")
    assert figures.verify(_knowledge(minimo), 2026, TODAY).servizi_mai_richiesti == []


def test_a_served_service_lists_the_libraries_it_reached(minimo):
    _served(minimo, "r1", "2026-04-01", "2026-04-03", "2026-05-10")
    (s,) = figures.verify(_knowledge(minimo), 2026, TODAY).servizi["polo-lettura"].servizi
    assert s.biblioteche_servite == ["frazione"]


def test_the_inbox_lists_open_requests_oldest_first(minimo):
    _request(minimo, "nuova", richiesta_il="2026-11-28")
    _request(minimo, "vecchia", richiesta_il="2026-11-01", stato="accettata",
             risposta_il="2026-11-02")
    _served(minimo, "fatta", "2026-10-01", "2026-10-02", "2026-10-05")
    found = inbox(_knowledge(minimo), TODAY)
    assert [(w.request.slug, w.giorni, w.in_ritardo) for w in found] == [
        ("vecchia", 30, True), ("nuova", 3, False)]


def test_the_inbox_waits_as_long_as_the_services_anticipo(minimo):
    _edit_polo(minimo, "settimane di anticipo.\n",
               "settimane di anticipo.\n    anticipo_giorni: 40\n")
    _request(minimo, "vecchia", richiesta_il="2026-11-01")
    (w,) = inbox(_knowledge(minimo), TODAY)
    assert not w.in_ritardo


def test_most_requested(minimo):
    for i in range(3):
        _request(minimo, f"r{i}", richiesta_il="2026-0{}-01".format(i + 1))
    ((polo, name, n),) = most_requested(_knowledge(minimo), date(2026, 1, 1))
    assert (polo.slug, name, n) == ("polo-lettura", "Prestito di kit di lettura", 3)


def test_verifica_json_and_xlsx_show_the_requests(minimo, tmp_path):
    import json
    import subprocess
    import sys
    from openpyxl import load_workbook

    _served(minimo, "r1", "2026-04-01", "2026-04-03", "2026-05-10")
    _request(minimo, "r2", richiesta_il="2026-06-01")
    rete = [sys.executable, "-m", "rete", "--radice", str(minimo), "verifica", "--anno", "2026"]
    out = subprocess.run([*rete, "--formato", "json"], capture_output=True, text=True,
                         check=True).stdout
    (polo,) = json.loads(out)["poli"]
    assert polo["richieste"] == {"ricevute": 2, "accettate": 0, "svolte": 1, "rifiutate": 0,
                                 "annullate": 0, "aperte": 1, "giorni_mediani_risposta": 2}
    assert polo["servizi"] == [{"id": "kit-lettura", "richieste": polo["richieste"],
                                "biblioteche_servite": ["frazione"]}]
    assert polo["attivita"] == 1 and json.loads(out)["servizi_mai_richiesti"] == []
    target = tmp_path / "v.xlsx"
    subprocess.run([*rete, "--xlsx", str(target)], check=True, capture_output=True)
    book = load_workbook(target)
    assert [c.value for c in book["Richieste"][2]] == ["polo-lettura", 2, 0, 1, 0, 0, 1, 2]
    assert [c.value for c in book["Servizi"][2]] == ["polo-lettura", "kit-lettura", 2, 1, 1,
                                                     "frazione"]


def test_analisi_counts_the_requests_received_in_the_year(minimo):
    from rete.figures import analyse

    _request(minimo, "a", richiesta_il="2026-02-01")
    _served(minimo, "b", "2026-03-01", "2026-03-02", "2026-03-05")
    _request(minimo, "c", richiesta_il="2025-02-01")
    k = _knowledge(minimo)
    c = analyse(k, [], 2026).richieste
    assert (c.ricevute, c.aperte, c.svolte) == (2, 1, 1)
    assert analyse(k, [], None).richieste.ricevute == 3


def test_comunica_lists_the_most_requested_services_and_no_requester(minimo):
    from rete.booklet import comunica

    _request(minimo, "a", richiesta_il="2026-02-01")
    _request(minimo, "b", richiesta_il="2025-02-01")
    k = _knowledge(minimo)
    m = comunica.compose(k, date(2026, 1, 1))
    assert [(p.slug, name, n) for p, name, n in m.richiesti] == [
        ("polo-lettura", "Prestito di kit di lettura", 1)]
    text, page = comunica.to_text(k, m), comunica.to_html(k, m)
    assert "I SERVIZI PIÙ RICHIESTI DAL 1 GENNAIO 2026" in text
    assert "Prestito di kit di lettura (Polo della lettura 0-6 anni): 1 richiesta" in text
    assert "I servizi più richiesti" in page
    assert all("anna@example.org" not in out and "Anna Esempio" not in out
               for out in (text, page))

"""The network's year: rete analisi, rete candidati, rete verifica and their spreadsheets.

Every number below is worked out by hand from tests/alberi/anno (read its files
beside this one); "today" is fixed at 15 October 2026.

Schede (biblioteca, tema; partner):
  lettura-uno        alfa   lettura   sdg 4
  lettura-due        alfa   lettura   sdg 4, 10; famiglie
  giochi-tornei      beta   giochi    partner gamma; risultati
  giochi-serate      beta   giochi    risultati, trasferibilità; materiale programma.txt (100 byte);
                                      adulti e famiglie; compilata il 2026-04-01
  digitale-sportello gamma  digitale  partner alfa, delta; trasferibilità; materiale url
  musica-ascolti     delta  musica    partner alfa; compilata il 2025-11-02; 5 parole, nessuna sezione
  musica-bozza       delta  musica    bozza
Poli:
  polo-alfa   attivo dal 2026-02-01 (lettura): 2026 → 15/1 (fuori periodo) 2 h 5 p 50 €,
              10/3 3,5 h 10 p 200 € [alfa, beta], 20/3 2 h 7 p 150,50 € [beta];
              2025 → 5/11 (fuori periodo) [gamma]; consuntivo 450,50 ≠ 50 + 200 + 150,50 = 400,50
  polo-beta   attivo dal 2025-05-01 (storia), nessuna attività nel 2026, senza costi
  polo-gamma  proposto il 2026-09-30 (giochi), preventivo 500
Workshop: 20 maggio 2026, allestimento 300 + materiali 120,25 = 420,25.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from rete import figures
from rete.cli import anno as anno_cli
from rete.cli import main
from rete.cli.tabelle import Column, Table, render_table
from rete.checks.validate import check

from ..conftest import copy_tree

TODAY = date(2026, 10, 15)


@pytest.fixture
def albero(tmp_path) -> Path:
    return copy_tree("anno", tmp_path)


@pytest.fixture(autouse=True)
def oggi(monkeypatch):
    monkeypatch.setattr(anno_cli, "today", lambda: TODAY)


def model(root: Path):
    result = check(root)
    assert not result.errors, result.errors
    return result


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# --- analisi -------------------------------------------------------------------

def test_analysis_counts_schede_per_library_theme_and_audience(albero):
    r = model(albero)
    a = figures.analyse(r.knowledge, r.problems)
    assert (a.schede, a.bozze) == (7, 1)
    assert [(c.id, c.schede, c.bozze) for c in a.per_biblioteca] == [
        ("alfa", 2, 0), ("beta", 2, 0), ("gamma", 1, 0), ("delta", 1, 1), ("epsilon", 0, 0)]
    assert [(c.id, c.schede, c.bozze) for c in a.per_tema] == [
        ("lettura", 2, 0), ("storia", 0, 0), ("giochi", 2, 0), ("digitale", 1, 0),
        ("musica", 1, 1)]
    assert a.senza_schede == ["epsilon"]
    assert [(c.id, c.schede, c.bozze) for c in a.destinatari] == [
        ("famiglie", 2, 0), ("adulti", 5, 1), ("anziani", 0, 0)]
    assert {g.numero: g.schede for g in a.sdg if g.schede} == {4: 2, 10: 1}
    assert len(a.sdg) == 17


def test_analysis_of_one_year_counts_the_schede_filled_in_that_year(albero):
    r = model(albero)
    a = figures.analyse(r.knowledge, r.problems, 2026)
    assert (a.schede, a.bozze) == (6, 1)  # musica-ascolti was filled in in 2025
    assert [(c.id, c.schede, c.bozze) for c in a.per_biblioteca][3] == ("delta", 0, 1)
    assert figures.analyse(r.knowledge, r.problems, 1850).schede == 0


def test_completeness_weighs_fields_sections_materials_and_length(albero):
    r = model(albero)
    by_slug = {c.slug: c for c in figures.analyse(r.knowledge, r.problems).completezza}
    # partner and compilata_il of 10 optional fields; no section; no material;
    # 5 words of 80: (2/10 + 0 + 0 + 5/80) / 4 = 6,56 % → 7
    weak = by_slug["musica-ascolti"]
    assert (weak.facoltativi, weak.facoltativi_totali, weak.sezioni, weak.materiali,
            weak.parole, weak.percentuale) == (2, 10, (), 0, 5, 7)
    assert weak.sezioni_mancanti == ("Descrizione", "Come si realizza", "Difficoltà e soluzioni")
    # risultati, trasferibilita, materiali, compilata_il: (4/10 + 1 + 1 + 1) / 4 = 85 %
    full = by_slug["giochi-serate"]
    assert (full.facoltativi, len(full.sezioni), full.materiali, full.percentuale) == (4, 3, 1, 85)
    first = figures.analyse(r.knowledge, r.problems).completezza[0]
    assert first.slug == "musica-ascolti"  # the least complete comes first


def test_a_section_heading_inside_a_code_block_is_not_a_section():
    from rete.figures.analisi import body_sections
    body = ("## Descrizione\n\nTesto.\n\n```\n## Come si realizza\n```\n\n"
            "~~~\n## Difficoltà e soluzioni\n~~~\n")
    assert body_sections(body) == ["Descrizione"]
    # A fence never closed is no code block on the site either.
    assert body_sections(body[:-4]) == ["Descrizione", "Difficoltà e soluzioni"]


def test_analysis_lists_warnings_and_materials(albero):
    r = model(albero)
    a = figures.analyse(r.knowledge, r.problems)
    assert [(w.file, w.avvisi) for w in a.con_avvisi] == [
        ("schede/musica-ascolti.md",
         ("il testo della scheda è breve: 5 parole, ne consigliamo almeno 80",))]
    m = a.materiali
    assert (m.totale, m.file, m.collegamenti, m.byte) == (2, 1, 1, 100)
    assert m.per_tipo == {"collegamento": 1, "txt": 1}


# --- candidati -------------------------------------------------------------------

def test_candidates_are_ranked_by_evidence_and_skip_themes_with_an_active_polo(albero):
    c = figures.candidates(model(albero).knowledge)
    # giochi: 2 schede × 2 + 1 partner (gamma) + 2 with risultati + 1 with trasferibilità = 8
    # digitale: 1 × 2 + 2 partners (alfa, delta) + 0 + 1 = 5
    # lettura has two schede by alfa but an active polo; musica has one scheda, one partner.
    assert [(x.tema, x.punteggio) for x in c.candidati] == [("giochi", 8), ("digitale", 5)]
    giochi = c.candidati[0]
    assert giochi.motivi == [
        "Biblioteca Beta ha scritto 2 schede sul tema",
        "le schede coinvolgono come partner 1 biblioteca: Biblioteca Gamma",
        "risultati descritti in 2 schede su 2",
        "trasferibilità descritta in 1 scheda su 2",
        "c'è già una proposta di polo: «Polo dei giochi» (Biblioteca Delta, il 30 settembre 2026)",
    ]


def test_candidati_json_has_the_documented_shape(albero, capsys):
    code, out, _ = run(capsys, "candidati", "--radice", str(albero), "--formato", "json")
    assert code == 0
    data = json.loads(out)
    assert data["candidati"][0]["biblioteche"] == [
        {"id": "beta", "schede": ["giochi-tornei", "giochi-serate"], "partner": ["gamma"]}]
    assert data["candidati"][1] == {
        "tema": "digitale",
        "biblioteche": [{"id": "gamma", "schede": ["digitale-sportello"],
                         "partner": ["alfa", "delta"]}],
        "punteggio": 5,
        "motivi": ["le schede coinvolgono come partner 2 biblioteche: Biblioteca Alfa e "
                   "Biblioteca Delta", "risultati descritti in 0 schede su 1",
                   "trasferibilità descritta in 1 scheda su 1"]}
    assert data["proposti"] == [{"id": "polo-gamma", "tema": "giochi", "biblioteca": "delta",
                                 "proposto_il": "2026-09-30"}]


def test_an_active_polo_removes_its_theme_from_the_candidates(albero):
    polo = albero / "poli" / "polo-gamma.md"
    text = polo.read_text("utf-8").replace("stato: proposto", "stato: attivo\nattivo_dal: "
                                           "2026-10-01\nservizi:\n  - {id: prestito, nome: Prestito, "
                                           "descrizione: Giochi., come_richiederlo: Scrivere.}")
    polo.write_text(text, "utf-8")
    c = figures.candidates(model(albero).knowledge)
    assert [x.tema for x in c.candidati] == ["digitale"]
    assert c.proposti == []


# --- verifica ----------------------------------------------------------------------

VERIFICA_2026 = {
    "anno": 2026,
    "poli": [
        {"id": "polo-beta", "stato": "attivo", "attivita": 0, "ore": None,
         "partecipanti": None, "biblioteche_raggiunte": [], "costo_attivita": None,
         "preventivo": None, "consuntivo": None, "ricavi": None,
         "avvisi": ["il polo è attivo ma non ha attività registrate nel 2026"]},
        {"id": "polo-gamma", "stato": "proposto", "attivita": 0, "ore": None,
         "partecipanti": None, "biblioteche_raggiunte": [], "costo_attivita": None,
         "preventivo": 500, "consuntivo": None, "ricavi": None, "avvisi": []},
        {"id": "polo-alfa", "stato": "attivo", "attivita": 3, "ore": 7.5,
         "partecipanti": 22, "biblioteche_raggiunte": ["alfa", "beta"],
         "costo_attivita": 400.5, "preventivo": 1000, "consuntivo": 450.5, "ricavi": 100,
         "avvisi": ["l'attività del 15 gennaio 2026 «Prima dell'attivazione» è fuori dal "
                    "periodo di attività del polo (attivo dal 1 febbraio 2026)",
                    "il consuntivo (450,50 €) è diverso dalla somma dei costi delle attività "
                    "del 2026 (400,50 €)"]},
    ],
    "biblioteche_mai_raggiunte": ["gamma", "delta", "epsilon"],
    "totali": {"poli": 3, "attivita": 3, "ore": 7.5, "partecipanti": 22,
               "biblioteche_raggiunte": 2, "costo_attivita": 400.5, "preventivo": 1500,
               "consuntivo": 450.5, "ricavi": 100,
               "workshop": {"data": "2026-05-20", "allestimento": 300, "materiali": 120.25,
                            "altro": None, "totale": 420.25},
               "spesa": 870.75},
}
# No scheda of tests/alberi/anno takes up a practice (tests/core/test_diffusione.py does).
for _polo in VERIFICA_2026["poli"]:
    _polo["adozioni_tema"] = []


NO_REQUESTS = {"ricevute": 0, "accettate": 0, "svolte": 0, "rifiutate": 0, "annullate": 0,
               "aperte": 0, "giorni_mediani_risposta": None}
SERVICES = {"polo-alfa": ["kit-lettura"], "polo-beta": ["scanner"], "polo-gamma": []}
for _p in VERIFICA_2026["poli"]:
    _p.update(richieste=NO_REQUESTS, servizi=[
        {"id": s, "richieste": NO_REQUESTS, "biblioteche_servite": []}
        for s in SERVICES[_p["id"]]])
VERIFICA_2026["servizi_mai_richiesti"] = [{"polo": "polo-alfa", "servizio": "kit-lettura"},
                                          {"polo": "polo-beta", "servizio": "scanner"}]


def test_verifica_json_holds_the_figures_computed_by_hand(albero, capsys):
    code, out, err = run(capsys, "verifica", "--radice", str(albero), "--formato", "json")
    assert (code, err) == (0, "")
    # Poli are in the model's order: by theme name (Giochi, Lettura, Storia locale).
    data = json.loads(out)
    assert [p["id"] for p in data["poli"]] == ["polo-gamma", "polo-alfa", "polo-beta"]
    assert sorted(data["poli"], key=lambda p: p["id"]) == sorted(VERIFICA_2026["poli"],
                                                                 key=lambda p: p["id"])
    assert {k: v for k, v in data.items() if k != "poli"} == {
        k: v for k, v in VERIFICA_2026.items() if k != "poli"}


def test_verification_counts_months_and_libraries(albero):
    v = figures.verify(model(albero).knowledge, 2026, TODAY)
    assert v.per_mese == [1, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    assert [(r.id, r.poli, r.attivita) for r in v.biblioteche] == [
        ("alfa", ["polo-alfa"], 2), ("beta", ["polo-alfa"], 2), ("gamma", [], 0),
        ("delta", [], 0), ("epsilon", [], 0)]
    assert [(r.data, r.fuori_periodo) for r in v.attivita] == [
        (date(2026, 1, 15), True), (date(2026, 3, 10), False), (date(2026, 3, 20), False)]


def test_another_year_has_its_activities_but_not_the_current_costs(albero):
    v = figures.verify(model(albero).knowledge, 2025, TODAY)
    assert [p.id for p in v.poli] == ["polo-alfa", "polo-beta"]  # gamma was proposed in 2026
    assert [(p.attivita, p.biblioteche_raggiunte) for p in v.poli] == [
        (1, ["gamma"]), (1, ["gamma", "delta"])]
    assert all(p.preventivo is p.consuntivo is p.ricavi is None for p in v.poli)
    assert v.poli[0].avvisi == ["l'attività del 5 novembre 2025 «Riunione preparatoria» è fuori "
                                "dal periodo di attività del polo (attivo dal 1 febbraio 2026)"]
    assert v.biblioteche_mai_raggiunte == ["alfa", "beta", "epsilon"]
    assert (v.totali.workshop, v.totali.spesa, v.costi_dell_anno) == (None, None, False)


@pytest.mark.parametrize("anno", [1850, 2024])
def test_a_year_without_poli_gives_an_empty_report(albero, capsys, anno):
    code, out, err = run(capsys, "verifica", "--radice", str(albero), "--anno", str(anno))
    assert (code, err) == (0, "")
    assert f"Poli nel {anno}\n=============\nnessun polo nel {anno}\n" in out
    assert f"nessuna attività nel {anno}" in out
    assert "Costi del" in out and "nessun costo" in out
    code, out, _ = run(capsys, "verifica", "--radice", str(albero), "--anno", str(anno),
                       "--formato", "json")
    data = json.loads(out)
    assert data["poli"] == [] and data["totali"]["attivita"] == 0
    assert data["totali"]["preventivo"] is None
    assert data["biblioteche_mai_raggiunte"] == ["alfa", "beta", "gamma", "delta", "epsilon"]


def test_a_future_year_flags_no_missing_activity(albero):
    v = figures.verify(model(albero).knowledge, 2027, TODAY)
    assert [p.avvisi for p in v.poli] == [[], [], []]


def test_a_tree_without_poli_gives_empty_reports(albero, capsys):
    shutil.rmtree(albero / "poli")
    code, out, _ = run(capsys, "verifica", "--radice", str(albero), "--formato", "json")
    assert code == 0
    data = json.loads(out)
    assert data["poli"] == [] and data["totali"]["workshop"]["totale"] == 420.25
    code, out, _ = run(capsys, "candidati", "--radice", str(albero), "--formato", "json")
    # Without poli, lettura (two schede by alfa) is a candidate too: 2 × 2 = 4.
    assert [(x["tema"], x["punteggio"]) for x in json.loads(out)["candidati"]] == [
        ("giochi", 8), ("digitale", 5), ("lettura", 4)]
    assert json.loads(out)["proposti"] == []


def test_verifica_text_is_an_aligned_italian_table(albero, capsys):
    code, out, _ = run(capsys, "verifica", "--radice", str(albero))
    assert code == 0
    assert ("Poli nel 2026\n"
            "=============\n"
            "Polo        Stato     Attività   Ore  Partecipanti  Biblioteche\n"
            "----------  --------  --------  ----  ------------  -----------\n"
            "polo-gamma  proposto         0     –             –            0\n"
            "polo-alfa   attivo           3  7,50            22            2\n"
            "polo-beta   attivo           0     –             –            0\n"
            "totale                       3  7,50            22            2\n") in out
    # The workshop's costs are spent money: they sit in the consuntivo column.
    assert ("workshop: materiali              –    120,25 €         –               –\n"
            in out)
    assert ("totale                  1.500,00 €    870,75 €  100,00 €        400,50 €\n"
            in out)
    assert all(len(line) <= 80 for line in out.splitlines())


def test_the_year_must_be_a_year(albero, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["verifica", "--radice", str(albero), "--anno", "duemila"])
    assert exit_.value.code == 2
    assert ("argomento --anno: l'anno va scritto con quattro cifre, per esempio 2026; "
            "ricevuto «duemila»") in capsys.readouterr().err


def test_a_broken_registry_stops_the_report_with_its_problems(albero, capsys):
    registry = albero / "rete.yml"
    registry.write_text(registry.read_text("utf-8").replace("nome: Rete dell'anno\n", ""),
                        "utf-8")
    code, out, err = run(capsys, "verifica", "--radice", str(albero))
    assert code == 2
    assert "rete.yml: errore: campo 'nome': campo obbligatorio mancante" in out
    assert err.startswith("errore: rete.yml ha errori: senza il registro della rete non "
                          "posso fare il rapporto\n")


def test_files_with_errors_are_left_out_and_named(albero, capsys):
    scheda = albero / "schede" / "lettura-uno.md"
    scheda.write_text(scheda.read_text("utf-8").replace("tema: lettura", "tema: 12"), "utf-8")
    code, out, err = run(capsys, "analisi", "--radice", str(albero), "--formato", "json")
    assert code == 0 and json.loads(out)["schede"] == 6
    assert err == ("attenzione: 1 file con errori non è contato (schede/lettura-uno.md); "
                   "controllali con «rete valida».\n")


# --- spreadsheets ---------------------------------------------------------------

def test_xlsx_holds_the_same_numbers_as_the_json(albero, capsys, tmp_path):
    target = tmp_path / "verifica.xlsx"
    code, _, _ = run(capsys, "verifica", "--radice", str(albero), "--xlsx", str(target))
    assert code == 0
    book = load_workbook(target)
    assert book.sheetnames == ["Poli", "Attività", "Biblioteche", "Costi", "Richieste",
                               "Servizi", "Avvisi", "Riprese del tema"]
    poli = book["Poli"]
    assert poli.freeze_panes == "A2"
    rows = [[c.value for c in row] for row in poli.iter_rows()]
    assert rows[0] == ["Polo", "Stato", "Attività", "Ore", "Partecipanti", "Biblioteche"]
    assert rows[2] == ["polo-alfa", "attivo", 3, 7.5, 22, 2]
    costs = book["Costi"]
    values = {row[0].value: [c.value for c in row[1:]] for row in costs.iter_rows(min_row=2)}
    assert values["polo-alfa"] == [1000, 450.5, 100, 400.5]
    assert values["workshop: allestimento"] == [None, 300, None, None]
    assert values["totale"] == [1500, 870.75, 100, 400.5]
    assert costs["B2"].number_format.endswith('"€"')
    assert book["Attività"]["A2"].value.date() == date(2026, 1, 15)
    assert poli.column_dimensions["A"].width >= len("polo-gamma")


def test_xlsx_never_holds_a_formula(albero, capsys, tmp_path):
    polo = albero / "poli" / "polo-alfa.md"
    polo.write_text(polo.read_text("utf-8").replace('titolo: "Incontro"',
                                                   'titolo: "=HYPERLINK(1)"'), "utf-8")
    target = tmp_path / "v.xlsx"
    run(capsys, "verifica", "--radice", str(albero), "--xlsx", str(target))
    cell = load_workbook(target)["Attività"]["C3"]
    assert cell.value == "=HYPERLINK(1)"
    assert cell.data_type == "s" and cell.quotePrefix


def test_analisi_and_candidati_write_spreadsheets_too(albero, capsys, tmp_path):
    for command, sheets in (("analisi", 8), ("candidati", 4)):  # analisi: + «Riprese»
        target = tmp_path / f"{command}.xlsx"
        code, out, _ = run(capsys, command, "--radice", str(albero), "--xlsx", str(target))
        assert code == 0 and f"Foglio di calcolo scritto in {target}." in out
        assert len(load_workbook(target).sheetnames) == sheets
    book = load_workbook(tmp_path / "analisi.xlsx")
    rows = {r[0].value: r[2].value for r in book["Biblioteche"].iter_rows(min_row=2)}
    assert rows == {"Biblioteca Alfa": 2, "Biblioteca Beta": 2, "Biblioteca Gamma": 1,
                    "Biblioteca Delta": 1, "Biblioteca Epsilon": 0}


def test_long_text_wraps_inside_its_column():
    table = Table("T", [Column("Nome"), Column("Euro", "euro")],
                  [["una biblioteca dal nome davvero molto lungo " * 3, 12.5]])
    lines = render_table(table).splitlines()
    assert all(len(line) <= 80 for line in lines)
    assert lines[4].endswith("12,50 €") and len(lines) > 5


# --- the registry's workshop costs --------------------------------------------------

def test_workshop_costs_are_validated_like_the_other_figures(albero, capsys):
    registry = albero / "rete.yml"
    registry.write_text(registry.read_text("utf-8").replace("allestimento: 300",
                                                            "allestimento: -300"), "utf-8")
    code, out, _ = run(capsys, "valida", "--radice", str(albero))
    assert code == 1
    assert "workshop.costi.allestimento" in out


def test_home_numbers_count_libraries_with_a_scheda_or_a_polo(albero):
    n = figures.numbers(model(albero).knowledge)
    # Published schede by alfa, beta, gamma, delta; poli hosted by alfa, gamma, delta with
    # beta as partner: epsilon has neither. A scheda's partner alone would not count.
    assert (n.schede, n.poli, n.attivi, n.biblioteche, n.biblioteche_rete, n.temi) == (
        6, 3, 2, 4, 5, 5)

"""`rete diffusione` and the year's reports about practices taken up, on the sample
content with a few more takings-up, every figure worked out by hand.

The sample has (adopting scheda, library, year ← source, its library):
  libri-sale-attesa-pediatri     parabiago 2025 ← letture-famiglie-nati-per-leggere (cinisello-pertini)
  sala-studio-serale-autogestita baranzate 2025 ← serate-giochi-da-tavolo (bollate)
  book-club-young-adult          cormano   2025 ← gruppo-lettura-adulti-garbagnate (garbagnate)
                                                and a page of another network
``_more`` adds:
  conversazione-italiano-stranieri sesto-centrale 2025 ← libri-sale-attesa-pediatri (parabiago):
                                   a chain, which credits parabiago and not cinisello-pertini
  ascolti-vinile-cineforum         senago 2025 ← serate-giochi-da-tavolo (bollate): bollate's
                                   practice taken up by two libraries
  sportello-lavoro-curriculum      legnano, moved to 2026 ← sportello-prestito-digitale-mlol (rho)
  visite-classi-primaria           bresso 2025 ← biblioteca-dei-semi, a draft: not counted
  biblioteca-dei-semi (draft)      ← serate-giochi-da-tavolo: not counted
"""

from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook

from rete.checks.validate import check
from rete.cli import main
from rete.figures.diffusione import arrows, spread

from .test_riprese import _set

OTHER = "https://biblioteche.example.org/schede/club-del-libro-ragazzi/"


@pytest.fixture
def rete(esempio):
    _set(esempio, "conversazione-italiano-stranieri", ["libri-sale-attesa-pediatri"])
    _set(esempio, "ascolti-vinile-cineforum", ["serate-giochi-da-tavolo"])
    _set(esempio, "sportello-lavoro-curriculum", ["sportello-prestito-digitale-mlol"],
         start="2026-01-15")
    _set(esempio, "visite-classi-primaria", ["biblioteca-dei-semi"])
    _set(esempio, "biblioteca-dei-semi", ["serate-giochi-da-tavolo"])
    assert not check(esempio).errors
    return esempio


ALL_ADOPTIONS = {
    ("libri-sale-attesa-pediatri", "parabiago", "letture-famiglie-nati-per-leggere",
     "cinisello-pertini", 2025),
    ("sala-studio-serale-autogestita", "baranzate", "serate-giochi-da-tavolo", "bollate", 2025),
    ("book-club-young-adult", "cormano", "gruppo-lettura-adulti-garbagnate", "garbagnate", 2025),
    ("book-club-young-adult", "cormano", OTHER, None, 2025),
    ("conversazione-italiano-stranieri", "sesto-centrale", "libri-sale-attesa-pediatri",
     "parabiago", 2025),
    ("ascolti-vinile-cineforum", "senago", "serate-giochi-da-tavolo", "bollate", 2025),
    ("sportello-lavoro-curriculum", "legnano", "sportello-prestito-digitale-mlol", "rho", 2026),
}


def _json(capsys, *args) -> dict:
    assert main(list(args)) == 0
    return json.loads(capsys.readouterr().out)


def test_the_json_has_exactly_the_contract_keys_and_the_hand_made_figures(rete, capsys):
    data = _json(capsys, "diffusione", "--radice", str(rete), "--formato", "json")
    assert set(data) == {"adozioni", "piu_riprese", "biblioteche", "per_tema"}
    assert all(set(a) == {"scheda", "biblioteca", "ripresa_da", "da_biblioteca", "anno"}
               for a in data["adozioni"])
    assert {tuple(a.values()) for a in data["adozioni"]} == ALL_ADOPTIONS
    assert len(data["adozioni"]) == len(ALL_ADOPTIONS)
    assert data["piu_riprese"] == [
        {"scheda": "serate-giochi-da-tavolo", "biblioteche": 2},
        {"scheda": "gruppo-lettura-adulti-garbagnate", "biblioteche": 1},
        {"scheda": "letture-famiglie-nati-per-leggere", "biblioteche": 1},
        {"scheda": "libri-sale-attesa-pediatri", "biblioteche": 1},
        {"scheda": "sportello-prestito-digitale-mlol", "biblioteche": 1}]
    libs = {b["id"]: (b["ha_ripreso"], b["e_stata_ripresa"]) for b in data["biblioteche"]}
    assert set(data["biblioteche"][0]) == {"id", "ha_ripreso", "e_stata_ripresa"}
    assert data["biblioteche"][0]["id"] == "bollate" and libs["bollate"] == (0, 2)
    assert libs["parabiago"] == (1, 1)  # took up one, and was taken up in the chain
    assert libs["cinisello-pertini"] == (0, 1)  # the chain does not credit it twice
    assert libs["cormano"] == (1, 0)  # one scheda, two items: one scheda that took up
    assert libs["bresso"] == (0, 0) and libs["lainate"] == (0, 0)  # drafts count nowhere
    assert len(libs) == 23  # every library of rete.yml
    assert data["per_tema"] == {"intercultura-italiano-l2": 1, "lavoro-orientamento": 1,
                                "lettura-0-6": 1, "musica-cinema": 1,
                                "ragazzi-young-adult": 1, "spazi-comunita": 1}


def test_the_year_is_the_adopting_practice_s_start(rete, capsys):
    data = _json(capsys, "diffusione", "--anno", "2026", "--radice", str(rete), "--formato",
                 "json")
    assert data["adozioni"] == [{"scheda": "sportello-lavoro-curriculum", "biblioteca": "legnano",
                                 "ripresa_da": "sportello-prestito-digitale-mlol",
                                 "da_biblioteca": "rho", "anno": 2026}]
    assert data["piu_riprese"] == [{"scheda": "sportello-prestito-digitale-mlol",
                                    "biblioteche": 1}]
    assert data["per_tema"] == {"lavoro-orientamento": 1}
    assert _json(capsys, "diffusione", "--anno", "2019", "--radice", str(rete),
                 "--formato", "json")["adozioni"] == []


def test_text_and_spreadsheet_show_the_same_rows(rete, capsys, tmp_path):
    target = tmp_path / "diffusione.xlsx"
    assert main(["diffusione", "--radice", str(rete), "--xlsx", str(target)]) == 0
    out = capsys.readouterr().out
    assert "Pratiche più riprese" in out and "altra rete" in out
    book = load_workbook(target)
    assert book.sheetnames == ["Più riprese", "Biblioteche", "Temi", "Riprese"]
    assert [c.value for c in book["Più riprese"][2]] == ["serate-giochi-da-tavolo", 2]
    assert book["Riprese"].max_row == len(ALL_ADOPTIONS) + 1


def test_arrows_go_from_library_to_library_per_theme(rete):
    k = check(rete).knowledge
    found = arrows(k)
    assert ("bollate", "baranzate", "giochi-gaming", 1) in found
    assert ("cinisello-pertini", "parabiago", "lettura-0-6", 1) in found
    assert all(a != b for a, b, _t, _n in found)
    assert spread(k).adozioni[0].anno == 2025


def test_analisi_lists_the_year_s_adoptions(rete, capsys):
    data = _json(capsys, "analisi", "--anno", "2026", "--radice", str(rete), "--formato",
                 "json")
    assert [a["scheda"] for a in data["adozioni"]] == ["sportello-lavoro-curriculum"]
    assert main(["analisi", "--radice", str(rete)]) == 0
    assert "Pratiche riprese (in tutto)" in capsys.readouterr().out


def test_verifica_gives_each_polo_the_adoptions_of_its_theme(rete, capsys):
    data = _json(capsys, "verifica", "--anno", "2025", "--radice", str(rete), "--formato",
                 "json")
    taken = {p["id"]: sorted(a["scheda"] for a in p["adozioni_tema"]) for p in data["poli"]}
    # lettura-0-6: both practices taken up are of that theme (the chain's two steps)
    assert taken["polo-lettura-0-6"] == ["conversazione-italiano-stranieri",
                                         "libri-sale-attesa-pediatri"]
    assert taken["polo-storia-locale"] == [] and taken["polo-digitale"] == []
    later = _json(capsys, "verifica", "--anno", "2026", "--radice", str(rete), "--formato",
                  "json")
    taken = {p["id"]: [a["scheda"] for a in p["adozioni_tema"]] for p in later["poli"]}
    # the job desk (lavoro) took up the digital lending desk: a practice of polo-digitale
    assert taken["polo-digitale"] == ["sportello-lavoro-curriculum"]
    assert taken["polo-lettura-0-6"] == []
    assert main(["verifica", "--anno", "2026", "--radice", str(rete)]) == 0
    assert "Pratiche del tema di ogni polo riprese nel 2026" in capsys.readouterr().out


def test_candidati_gives_three_points_per_library_that_took_up_the_candidate_s_practice(
        esempio, capsys):
    def adult_reading(data):
        return next(c for c in data["candidati"] if c["tema"] == "promozione-lettura-adulti")

    with_it = adult_reading(_json(capsys, "candidati", "--radice", str(esempio), "--formato",
                                  "json"))
    assert with_it["biblioteche"][0]["id"] == "garbagnate"
    assert any("3 punti" in m and "Cormano" in m for m in with_it["motivi"])
    _set(esempio, "book-club-young-adult", None)
    without = adult_reading(_json(capsys, "candidati", "--radice", str(esempio), "--formato",
                                  "json"))
    assert with_it["punteggio"] - without["punteggio"] == 3
    assert not any("punti" in m for m in without["motivi"])

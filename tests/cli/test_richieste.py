"""`rete richieste` (the inbox) and `rete richieste segna` (a polo's answer, written in
place: nothing else in the file changes)."""

from __future__ import annotations

import difflib
import os
import json
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from rete.checks.validate import check
from rete.cli import anno as anno_cli
from rete.cli import main
from rete.content import frontedit

TODAY = date(2026, 12, 7)


@pytest.fixture(autouse=True)
def oggi(monkeypatch):
    monkeypatch.setattr(anno_cli, "today", lambda: TODAY)


def run(capsys, root: Path, *argv) -> tuple[int, str, str]:
    code = main([*argv[:1], "--radice", str(root), *argv[1:]]) if argv[0] != "richieste" \
        or len(argv) == 1 or argv[1] != "segna" else \
        main(["richieste", "segna", "--radice", str(root), *argv[2:]])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_inbox_lists_open_requests_oldest_first_with_lateness(esempio, capsys):
    code, out, err = run(capsys, esempio, "richieste", "--formato", "json")
    assert (code, err) == (0, "")
    assert json.loads(out) == [
        {"nome": "2026-11-solaro-consulenza", "polo": "polo-storia-locale",
         "servizio": "consulenza-fondi", "biblioteca": "solaro", "stato": "accettata",
         "richiesta_il": "2026-11-02", "giorni": 35, "in_ritardo": True},
        {"nome": "2026-11-cormano-scanner", "polo": "polo-storia-locale",
         "servizio": "scanner-planetario", "biblioteca": "cormano", "stato": "nuova",
         "richiesta_il": "2026-11-20", "giorni": 17, "in_ritardo": False}]


@pytest.mark.parametrize("options, names", [
    (["--polo", "polo-lettura-0-6"], []),
    (["--stato", "svolta"], ["2026-09-parabiago-volontari", "2026-10-bresso-valigia"]),
    (["--stato", "annullata", "--anno", "2026"], ["2026-08-pero-consulenza"]),
    (["--stato", "annullata", "--anno", "2025"], []),
])
def test_the_inbox_filters(esempio, capsys, options, names):
    code, out, _ = run(capsys, esempio, "richieste", *options, "--formato", "json")
    assert code == 0 and [r["nome"] for r in json.loads(out)] == names
    assert not any(r["in_ritardo"] for r in json.loads(out) if r["stato"] not in
                   ("nuova", "accettata"))


def test_the_inbox_as_text_and_xlsx(esempio, capsys, tmp_path):
    target = tmp_path / "r.xlsx"
    code, out, _ = run(capsys, esempio, "richieste", "--xlsx", str(target))
    assert code == 0
    assert "accettata" in out and "(in ritardo)" in out
    assert "2 richieste, 1 in ritardo" in out and "example.org" not in out
    rows = [[c.value for c in row] for row in load_workbook(target)["Richieste"].iter_rows()]
    assert rows[0] == ["Richiesta", "Polo", "Servizio", "Biblioteca", "Stato", "Del", "Giorni"]
    assert rows[1][0] == "2026-11-solaro-consulenza" and rows[1][6] == 35


REQUEST = ("---\r\n"
           "# a comment the tool must keep\r\n"
           "polo: polo-storia-locale\r\n"
           "servizio: scanner-planetario\r\n"
           "biblioteca: cormano   # the requesting library\r\n"
           "richiesta_il: 2026-11-20\r\n"
           "referente: {nome: 'Sara Modello', email: sara.modello@example.org}\r\n"
           "stato: nuova    # to be answered\r\n"
           "periodo:\r\n"
           "  dal: 2027-01-11\r\n"
           "---\r\n"
           "\r\n"
           "Vorremmo digitalizzare i registri.\r\n"
           "---\r\n"
           "stato: nuova\r\n")


def _write(esempio: Path, text: str = REQUEST) -> Path:
    path = esempio / "richieste" / "2026-11-cormano-scanner.md"
    path.write_bytes(text.encode("utf-8"))
    return path


def _diff(before: bytes, after: bytes) -> list[str]:
    return [line for line in difflib.unified_diff(
        before.decode().splitlines(keepends=True), after.decode().splitlines(keepends=True),
        n=0) if line[:1] in "+-" and line[:3] not in ("+++", "---")]


def test_segna_changes_only_what_the_state_needs(esempio, capsys):
    path = _write(esempio)
    before = path.read_bytes()
    code, out, err = run(capsys, esempio, "richieste", "segna", "2026-11-cormano-scanner",
                         "--stato", "accettata")
    assert (code, err) == (0, "")
    assert "segnata come «accettata» (risposta_il: 7 dicembre 2026)" in out
    after = path.read_bytes()
    assert _diff(before, after) == ["-stato: nuova    # to be answered\r\n",
                                    "+stato: accettata    # to be answered\r\n",
                                    "+risposta_il: 2026-12-07\r\n"]
    code, out, _ = run(capsys, esempio, "richieste", "segna", "2026-11-cormano-scanner",
                       "--stato", "svolta", "--il", "2027-01-22", "--ore", "16",
                       "--partecipanti", "3", "--costo", "0")
    assert code == 0
    assert _diff(after, path.read_bytes()) == [
        "-stato: accettata    # to be answered\r\n", "+stato: svolta    # to be answered\r\n",
        "+svolta_il: 2027-01-22\r\n", "+partecipanti: 3\r\n", "+ore: 16\r\n", "+costo: 0\r\n"]
    (r,) = [r for r in check(esempio).knowledge.richieste if r.slug == path.stem]
    assert (r.stato, r.svolta_il, r.ore, r.partecipanti) == ("svolta", date(2027, 1, 22), 16, 3)
    assert r.body.endswith("---\nstato: nuova\n")  # the body is the body, untouched


def test_segna_rifiutata_writes_the_motivo_quoted_as_the_serialiser_does(esempio, capsys):
    path = _write(esempio)
    before = path.read_bytes()
    code, _, _ = run(capsys, esempio, "richieste", "segna", path.stem, "--stato", "rifiutata",
                     "--motivo", "Lo scanner: in riparazione fino a marzo", "--il", "2026-11-25")
    assert code == 0
    assert _diff(before, path.read_bytes()) == [
        "-stato: nuova    # to be answered\r\n", "+stato: rifiutata    # to be answered\r\n",
        "+risposta_il: 2026-11-25\r\n",
        "+motivo: 'Lo scanner: in riparazione fino a marzo'\r\n"]


@pytest.mark.parametrize("argv, words", [
    (["--stato", "annullata"], "serve il motivo"),
    (["--stato", "accettata", "--ore", "3"], "--ore si indicano solo con --stato svolta"),
    (["--stato", "svolta", "--ore", "1,5"], "atteso un numero"),
    (["--stato", "svolta", "--ore", "tre"], "deve essere un numero"),
    (["--stato", "accettata", "--il", "2026-11-01"], "viene prima di richiesta_il"),
])
def test_segna_refuses_what_would_be_wrong(esempio, capsys, argv, words):
    path = _write(esempio)
    before = path.read_bytes()
    code, out, err = run(capsys, esempio, "richieste", "segna", path.stem, *argv)
    assert code == 2 and err.startswith("errore: ") and words in err, err
    assert "Traceback" not in err and path.read_bytes() == before


@pytest.mark.parametrize("name, state", [
    ("2026-09-parabiago-volontari", "accettata"), ("2026-08-pero-consulenza", "accettata"),
    ("2026-08-pero-consulenza", "svolta")])
def test_segna_refuses_a_transition_that_makes_no_sense(esempio, capsys, name, state):
    path = esempio / "richieste" / f"{name}.md"
    before = path.read_bytes()
    code, _, err = run(capsys, esempio, "richieste", "segna", name, "--stato", state)
    assert code == 2 and "non può diventare" in err and path.read_bytes() == before


def test_segna_refuses_an_unknown_request_with_a_guess(esempio, capsys):
    code, _, err = run(capsys, esempio, "richieste", "segna", "2026-11-cormano-scaner",
                       "--stato", "accettata")
    assert code == 2 and "forse intendevi «2026-11-cormano-scanner»?" in err


def test_segna_refuses_a_file_with_errors(esempio, capsys):
    path = _write(esempio, REQUEST.replace("servizio: scanner-planetario", "servizio: scaner"))
    code, _, err = run(capsys, esempio, "richieste", "segna", path.stem, "--stato", "accettata")
    assert code == 2 and "ha errori" in err


def test_segna_refuses_a_file_that_changed_meanwhile(esempio, capsys, monkeypatch):
    path = _write(esempio)
    real = frontedit.set_keys

    def edited_meanwhile(text, kind, changes):
        path.write_bytes(path.read_bytes() + b"Una riga aggiunta da un collega.\r\n")
        return real(text, kind, changes)

    monkeypatch.setattr(frontedit, "set_keys", edited_meanwhile)
    code, _, err = run(capsys, esempio, "richieste", "segna", path.stem, "--stato", "accettata")
    assert code == 2 and "è cambiato mentre lo modificavo" in err
    assert path.read_bytes().endswith(b"Una riga aggiunta da un collega.\r\n")
    assert b"stato: nuova" in path.read_bytes()


def test_set_keys_keeps_a_block_text_and_replaces_it_whole():
    text = "---\nstato: nuova\nmotivo: |-\n  una\n\n  due\nreferente: x\n---\ncorpo\n"
    new = frontedit.set_keys(text, "richiesta", {"motivo": "tre", "stato": "annullata"})
    assert new == "---\nstato: annullata\nmotivo: tre\nreferente: x\n---\ncorpo\n"


def test_rete_guida_richiesta_states_the_contract(esempio, capsys):
    code = main(["guida", "richiesta"])
    out = capsys.readouterr().out
    assert code == 0
    for key in ("`polo`", "`servizio`", "`biblioteca`", "`richiesta_il`", "`referente`",
                "`periodo`", "`stato`", "`risposta_il`", "`svolta_il`", "`motivo`"):
        assert f"| {key} |" in out
    assert "Quando `stato` è `svolta` servono anche `svolta_il`." in out
    assert "non vengono mai pubblicati" in out and "rete richieste segna" in out


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

# Entries as a valid front-matter has them: a key's indented lines follow that key (an
# indented line after «stato» would be a YAML error, and segna refuses a file with errors).
_LINE = st.sampled_from(["# una nota", "polo: polo-x", "servizio: s  # il servizio",
                         "referente:\n  nome: 'A: B'\n\n  email: a@example.org", "",
                         "periodo: {dal: 2026-01-01}", "biblioteca: b",
                         "motivo: |-\n  due\n\n  righe"])


@settings(max_examples=200, deadline=None)
@given(before=st.lists(_LINE, max_size=6), after=st.lists(_LINE, max_size=6),
       body=st.text(max_size=200), crlf=st.booleans())
def test_set_keys_changes_nothing_but_its_keys(before, after, body, crlf):
    nl = "\r\n" if crlf else "\n"
    lines = ["---", *before, "stato: nuova", *after, "---"]
    lines = [part for line in lines for part in line.split("\n")]
    text = nl.join(lines) + nl + body
    new = frontedit.set_keys(text, "richiesta", {"stato": "accettata",
                                                 "risposta_il": date(2026, 5, 1)})
    assert new.endswith(nl + "---" + nl + body)
    kept = [line for line in new.split(nl) if line not in ("stato: accettata",
                                                            "risposta_il: 2026-05-01")]
    assert kept == [line for line in text.split(nl) if line != "stato: nuova"]


def test_no_export_or_report_names_a_requester(esempio, capsys, tmp_path):
    """Open data, reports and the inbox count requests; none says who asked."""
    # Their addresses, not the domain: a scheda may cite another network's page there.
    people = [tuple(f"{n}@example.org" for n in ("giulia.esempio", "paolo.finto", "anna.prova",
                                                "marco.campione", "sara.modello",
                                                "luca.esempio")),
              ("0331 000 111", "02 0000 2222"),
              ("Giulia Esempio", "Paolo Finto", "Anna Prova",
               "Marco Campione", "Sara Modello", "Luca Esempio")]
    out_dir = tmp_path / "dati"
    assert main(["esporta", "--radice", str(esempio), "--out", str(out_dir)]) == 0
    written = b"".join(p.read_bytes() for p in out_dir.rglob("*") if p.is_file())
    assert not any(name.startswith("richiest") for name in os.listdir(out_dir))
    from rete.render import opendata  # the XLSX is compressed: its records are asked here
    assert set(opendata.records(check(esempio).knowledge)) == {"schede", "poli"}
    texts = [written.decode("utf-8", "replace")]
    for argv in (["verifica", "--formato", "json"], ["analisi", "--formato", "json"],
                 ["richieste", "--formato", "json"], ["richieste", "--stato", "svolta"]):
        main([argv[0], "--radice", str(esempio), *argv[1:]])
        texts.append(capsys.readouterr().out)
    for text in texts:
        assert not any(word in text for group in people for word in group), text[:200]

"""Requests come in like schede and poli: from the shared folder and from the
«Richiedi un servizio» issue form, through the same checks."""

from __future__ import annotations

from rete.checks.validate import check
from rete.cli import main
from rete.content.loader import read_document
from rete.intake import issue
from rete.intake.pipeline import Intake, kind_of

from .test_issue import catalog_of, github_body

REQUEST = ("---\n# sent by the library\npolo: polo-lettura\nservizio: kit-lettura\n"
           "biblioteca: frazione\nrichiesta_il: 2026-04-01\n"
           "referente: {nome: Anna Esempio, email: anna@example.org}\nstato: nuova\n---\n\n"
           "Per il nido.\n")


def _answers(**changes) -> dict:
    return {"polo": "Polo della lettura 0-6 anni", "servizio": "kit-lettura",
            "biblioteca": "Biblioteca di frazione", "richiesta_il": "2026-04-01",
            "referente.nome": "Anna Esempio", "referente.email": "anna@example.org",
            "periodo.dal": "2026-05-04", "corpo": "Per il nido di via Roma."} | changes


def test_a_request_is_recognised_by_its_fields():
    assert kind_of({"polo": "p", "servizio": "s", "richiesta_il": "2026-01-01",
                    "stato": "nuova"}) == "richiesta"
    assert kind_of({"nome": "Polo", "stato": "attivo"}) == "polo"


def test_the_shared_folder_recognises_a_request(minimo, tmp_path, capsys):
    folder = tmp_path / "cartella"
    folder.mkdir()
    (folder / "richiesta kit.md").write_text(REQUEST, "utf-8")
    code = main(["importa", "cartella", str(folder), "--radice", str(minimo)])
    out = capsys.readouterr().out
    assert code == 0 and "richieste/2026-04-frazione-kit-lettura.md" in out
    written = minimo / "richieste" / "2026-04-frazione-kit-lettura.md"
    assert written.read_text("utf-8") == REQUEST  # the file as sent, comment included
    assert [r.slug for r in check(minimo).knowledge.richieste] == [written.stem]


def test_the_shared_folder_rejects_a_request_for_an_unknown_service(minimo, tmp_path, capsys):
    folder = tmp_path / "cartella"
    folder.mkdir()
    (folder / "r.md").write_text(REQUEST.replace("kit-lettura", "kit-letura"), "utf-8")
    code = main(["importa", "cartella", str(folder), "--radice", str(minimo)])
    assert code == 1
    errori = (folder / "r.errori.txt").read_text("utf-8-sig")
    assert "servizio sconosciuto: «kit-letura»" in errori
    assert "forse intendevi «kit-lettura»?" in errori
    assert not (minimo / "richieste").exists()


def test_the_issue_form_becomes_a_new_request(minimo, capsys):
    body = github_body("richiesta", catalog_of(minimo), _answers(), crlf=True)
    assert issue.kind_of(body, catalog_of(minimo)) == "richiesta"
    outcome = issue.run(Intake(minimo), "richiesta", body)
    assert outcome.status == "importata" and not outcome.errors, outcome.problems
    assert issue.markdown(outcome).startswith(
        "La richiesta è pronta: il file è `richieste/2026-04-frazione-kit-lettura.md`.")
    doc, problems = read_document("richiesta", minimo / outcome.rel, outcome.rel, "x")
    assert not problems
    assert doc.data["stato"] == "nuova"  # the library does not choose it
    assert doc.data["polo"] == "polo-lettura" and doc.data["biblioteca"] == "frazione"
    assert doc.data["periodo"] == {"dal": "2026-05-04"}
    assert doc.body.strip() == "Per il nido di via Roma."


def test_the_issue_form_reports_the_same_problems(minimo, tmp_path, capsys):
    body = github_body("richiesta", catalog_of(minimo),
                       _answers(servizio="kit-letura", **{"referente.email": "anna@"}))
    source = tmp_path / "issue.md"
    source.write_text(body, "utf-8")
    code = main(["importa", "issue", str(source), "--tipo", "richiesta", "--radice",
                 str(minimo)])
    out = capsys.readouterr().out
    assert code == 1
    assert out.startswith("La richiesta non è ancora pronta")
    assert "«Servizio»: servizio sconosciuto: «kit-letura»" in out
    assert "«Referente › Email»" in out
    assert not (minimo / "richieste").exists()

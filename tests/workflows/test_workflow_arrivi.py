""".github/workflows/arrivi.yml run here, as far as a machine without GitHub allows.

Files are "uploaded" with a commit on main, as GitHub's «Add file › Upload files»
does; then the three jobs run in order as on GitHub (see ``tests/azioni.py``):
the import without write permission, the checks of ``verifica.yml`` on the
import applied to main, and the small job that pushes and opens the pull request.
Only the pytest step of the checks is left out: it is this very suite.
"""

from __future__ import annotations

import csv
import io

import pytest
import yaml

from ..azioni import Simulation, git, load

FLOW = load("arrivi.yml")
VERIFICA = load("verifica.yml")
BRANCH = "arrivi-da-importare"
SEMI = "schede/biblioteca-dei-semi.md"
MAPPA = """\
colonne:
  "Titolo": titolo
  "Biblioteca": biblioteca
  "Tema": tema
  "Destinatari": destinatari
  "Sintesi": sintesi
  "Referente": referente.nome
  "Email": referente.email
  "Inizio": periodo.inizio
  "Racconto": corpo
"""
HEADERS = ["Titolo", "Biblioteca", "Tema", "Destinatari", "Sintesi", "Referente", "Email",
           "Inizio", "Racconto"]


def row(title: str, start: str = "15/03/2026") -> list[str]:
    return [title, "Biblioteca comunale di Lainate", "sostenibilita-agenda-2030", "adulti",
            "Una sintesi abbastanza lunga da raccontare in breve la pratica a chi la legge.",
            "Francesca Airoldi", "semi@biblainate.example.it", start,
            "Il racconto della pratica, con i suoi passi."]


def table(rows) -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows([HEADERS, *rows])
    return buffer.getvalue().encode("utf-8")


class Run:
    """What each job of one run did."""

    def __init__(self, sim: Simulation, tamper=None):
        sim.new_run()
        self.importa = sim.run_job(FLOW, "importa", {}, check=False)
        self.verifica = self.proponi = None
        if self.importa.failed:
            return
        changes = self.importa.outputs["raccogli"]["modifiche"]
        assert FLOW["jobs"]["importa"]["outputs"] == {
            "modifiche": "${{ steps.raccogli.outputs.modifiche }}"}
        if tamper:
            tamper(sim.artifacts / "arrivi")
        assert FLOW["jobs"]["verifica"]["if"] == "needs.importa.outputs.modifiche != '0'"
        if changes == "0":
            return
        called = FLOW["jobs"]["verifica"]
        inputs = {f"inputs.{k}": v for k, v in called["with"].items()}
        self.verifica = sim.run_job(VERIFICA, "verifica", inputs, {"inputs.proposta": True},
                                    check=False, skip=("Test",))
        assert FLOW["jobs"]["proponi"]["if"] == "needs.verifica.result == 'success'"
        if not self.verifica.failed:
            self.proponi = sim.run_job(FLOW, "proponi", {}, check=False)


@pytest.fixture
def sim(tmp_path) -> Simulation:
    return Simulation(tmp_path)


def upload(sim: Simulation, files: dict[str, bytes | str]) -> None:
    for name, data in files.items():
        path = sim.source / "arrivi" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    sim.push_main("Caricamento in arrivi/")


def merge(sim: Simulation) -> None:
    """The coordinator merges the pull request: main becomes the branch."""
    git("fetch", "-q", str(sim.origin), BRANCH, cwd=sim.source)
    git("merge", "-q", "--ff-only", "FETCH_HEAD", cwd=sim.source)
    git("push", "-q", str(sim.origin), "main", cwd=sim.source)
    state = sim.gh_state()
    for pr in state["prs"]:
        pr["state"] = "MERGED"
    sim.set_gh_state(state)


def semi(title: str) -> str:
    return (sim_root_text(SEMI).replace("La biblioteca dei semi: prestito e restituzione di "
                                        "semi locali", title).replace("bozza: true\n", ""))


def sim_root_text(rel: str) -> str:
    from ..conftest import ROOT

    return (ROOT / rel).read_text("utf-8")


def test_one_pull_request_says_file_by_file_what_was_imported_refused_and_already_there(sim):
    upload(sim, {
        "orto.md": semi("Un orto dei semi in biblioteca"),
        "uguale.md": sim_root_text("schede/memory-cafe-anziani.md"),
        "solo-testo.txt": "Abbiamo fatto letture in giardino, è andata bene.",
        "risposte.csv": table([row("Scambio di piantine in primavera"),
                               row("Semi in prestito per le scuole")]),
        "risposte.mappa.yml": MAPPA,
        "foto.jpg": b"\xff\xd8\xff",
    })
    run = Run(sim)
    assert not run.importa.failed, run.importa.failed
    assert not run.verifica.failed, run.verifica.failed
    assert not run.proponi.failed, run.proponi.failed
    (pr,) = sim.gh_state()["prs"]
    assert pr["head"] == BRANCH
    body = pr["body"]
    assert body == run.importa.summary  # the run's page says the same
    assert "Importati: 2, già presenti: 1, in conflitto: 0, scartati: 1, non letti: 1." in body
    assert "- `orto.md` → `schede/un-orto-dei-semi-in-biblioteca.md`" in body
    assert ("- `risposte.csv` → `schede/scambio-di-piantine-in-primavera.md`, "
            "`schede/semi-in-prestito-per-le-scuole.md`") in body
    assert "- `uguale.md`: uguale a `schede/memory-cafe-anziani.md`" in body
    assert "### `solo-testo.txt`" in body
    errori = sim.show(BRANCH, "arrivi/solo-testo.errori.txt").lstrip("\ufeff")
    assert errori.replace("\r\n", "\n").strip() in body  # the librarian's text, in full
    assert "- `foto.jpg`: non è un tipo di file che so importare" in body
    changed = git("diff", "--name-status", "--no-renames", "main", BRANCH,
                  cwd=sim.origin).splitlines()
    assert sorted(changed) == sorted([
        "A\tarrivi/importati/orto.md", "A\tarrivi/importati/risposte.csv",
        "A\tarrivi/importati/risposte.mappa.yml", "A\tarrivi/importati/uguale.md",
        "A\tarrivi/solo-testo.errori.txt", "D\tarrivi/orto.md", "D\tarrivi/risposte.csv",
        "D\tarrivi/risposte.mappa.yml", "D\tarrivi/uguale.md",
        "A\tschede/scambio-di-piantine-in-primavera.md",
        "A\tschede/semi-in-prestito-per-le-scuole.md",
        "A\tschede/un-orto-dei-semi-in-biblioteca.md"])
    # Merged, the run that the merge starts finds nothing new: nothing twice.
    merge(sim)
    again = Run(sim)
    assert again.importa.outputs["raccogli"]["modifiche"] == "0"
    assert again.verifica is None and len(sim.gh_state()["prs"]) == 1
    assert "Importati: 0, già presenti: 0, in conflitto: 0, scartati: 1" in again.importa.summary


def word_form(sim: Simulation) -> bytes:
    """The Word form of the sample network, filled in as a librarian would."""
    from io import BytesIO

    import docx

    from rete.cli import main

    from ..intake.test_importa_docx import answer_cell, fill, tick

    form = sim.base / "scheda.docx"
    assert main(["--radice", str(sim.source), "modulo", "docx", "scheda", "--out",
                 str(form)]) == 0
    document = docx.Document(BytesIO(fill(form, library="Biblioteca comunale di Lainate")))
    tick(answer_cell(document, "Tema"), "Lettura 0-6 anni / Nati per Leggere")
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_word_form_uploaded_from_the_browser_becomes_a_scheda(sim):
    upload(sim, {"Modulo compilato da Lainate.docx": word_form(sim)})
    run = Run(sim)
    assert not run.proponi.failed, run.proponi.failed
    (new,) = set(sim.files(BRANCH, "schede/")) - set(sim.files("main", "schede/"))
    assert new.startswith("schede/letture-d")  # the importer's slug rules decide the rest
    (pr,) = sim.gh_state()["prs"]
    assert f"- `Modulo compilato da Lainate.docx` → `{new}`" in pr["body"]
    assert "biblioteca: lainate\n" in sim.show(BRANCH, new)
    assert "arrivi/importati/Modulo compilato da Lainate.docx" in sim.files(BRANCH, "arrivi/")


def test_a_table_with_a_bad_row_stays_with_its_errors_and_its_good_rows_are_proposed(sim):
    upload(sim, {"risposte.csv": table([row("Scambio di piantine in primavera"),
                                        row("Semi in prestito", start="31/02/2026")]),
                 "risposte.mappa.yml": MAPPA})
    run = Run(sim)
    assert not run.proponi.failed, run.proponi.failed
    files = sim.files(BRANCH, "arrivi/")
    assert sorted(files) == ["arrivi/risposte.csv", "arrivi/risposte.errori.txt",
                             "arrivi/risposte.mappa.yml"]
    errori = sim.show(BRANCH, "arrivi/risposte.errori.txt")
    assert errori.startswith("\ufeffIl file «risposte.csv» non è stato importato del tutto: "
                             "1 righe su 2 vanno guardate.")
    assert "Riga 3:" in errori and "31/02/2026" in errori
    assert "schede/scambio-di-piantine-in-primavera.md" in sim.files(BRANCH, "schede/")
    # Corrected and uploaded again after the merge: the good row is not imported twice.
    merge(sim)
    upload(sim, {"risposte.csv": table([row("Scambio di piantine in primavera"),
                                        row("Semi in prestito", start="28/02/2026")])})
    Run(sim)
    new = git("diff", "--name-status", "--no-renames", "main", BRANCH, cwd=sim.origin)
    assert "A\tschede/semi-in-prestito.md" in new
    assert "piantine" not in new.replace("arrivi/", "")
    assert "D\tarrivi/risposte.errori.txt" in new and "A\tarrivi/importati/risposte.csv" in new


def test_a_table_without_its_mapping_is_refused_with_how_to_make_one(sim):
    upload(sim, {"questionario.csv": table([row("Scambio di piantine in primavera")])})
    run = Run(sim)
    errori = sim.show(BRANCH, "arrivi/questionario.errori.txt")
    assert "manca la mappa delle colonne «questionario.mappa.yml»" in errori
    suggested = errori.replace("\r\n", "\n").split("salvala come «questionario.mappa.yml» "
                                                   "accanto alla tabella.\n\n", 1)[1]
    assert yaml.safe_load(suggested)["colonne"]["Titolo"] == "titolo"
    assert sim.files(BRANCH, "schede/") == sim.files("main", "schede/")
    assert "scartati: 1" in run.importa.summary


def test_a_reviewed_pull_request_is_not_replaced_by_later_uploads(sim):
    upload(sim, {"orto.md": semi("Un orto dei semi in biblioteca")})
    Run(sim)
    reviewed = git("rev-parse", BRANCH, cwd=sim.origin)
    state = sim.gh_state()
    state["prs"][0]["reviews"] = [{"state": "COMMENTED"}]
    sim.set_gh_state(state)
    upload(sim, {"altro.md": semi("Un altro orto dei semi")})
    run = Run(sim)
    assert not run.proponi.failed, run.proponi.failed
    assert git("rev-parse", BRANCH, cwd=sim.origin) == reviewed
    (note,) = sim.gh_state()["comments"]
    assert note["issue"] == str(state["prs"][0]["number"])
    assert "questa pull request è già stata esaminata" in " ".join(note["body"].split())


def test_an_upload_while_the_pull_request_waits_replaces_it_with_everything(sim):
    upload(sim, {"orto.md": semi("Un orto dei semi in biblioteca")})
    Run(sim)
    upload(sim, {"altro.md": semi("Un altro orto dei semi")})
    Run(sim)
    (pr,) = sim.gh_state()["prs"]
    assert "Importati: 2" in pr["body"]
    schede = sim.files(BRANCH, "schede/")
    assert "schede/un-orto-dei-semi-in-biblioteca.md" in schede
    assert "schede/un-altro-orto-dei-semi.md" in schede


def _lose_a_file(artifact):
    (artifact / "file" / "arrivi" / "importati" / "orto.md").unlink()


def test_an_artifact_that_would_lose_a_file_is_refused(sim):
    upload(sim, {"orto.md": semi("Un orto dei semi in biblioteca")})
    run = Run(sim, tamper=_lose_a_file)
    assert "arrivi/orto.md: sarebbe tolto senza arrivare in arrivi/importati/" in \
        run.verifica.failed
    assert run.proponi is None and sim.branches() == ["main"]


def test_a_broken_registry_stops_the_import_with_the_reason_on_the_run_page(sim):
    (sim.source / "rete.yml").write_text("rete: [non chiusa\n", encoding="utf-8")
    upload(sim, {"orto.md": semi("Un orto dei semi in biblioteca")})
    run = Run(sim)
    assert run.importa.failed and run.verifica is None
    assert run.importa.summary.startswith("L'importazione non è potuta partire: rete.yml:")
    assert "Traceback" not in run.importa.failed

"""The year's buttons (workflow_dispatch workflows) run here with the real `rete`
commands on the sample content, as far as a machine without GitHub allows (see
``tests/azioni.py``): what each leaves to download, and what its page says."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from ..azioni import Simulation, load
from ..conftest import TREES

HOSTILE = "$(touch PWNED-1)`touch PWNED-2`"


@pytest.fixture
def sim(tmp_path) -> Simulation:
    return Simulation(tmp_path)


def press(sim: Simulation, workflow: str, **inputs: str):
    """Press the button with these inputs; return (the job, the artifact's folder)."""
    flow = load(workflow)
    declared = flow[True]["workflow_dispatch"] or {}
    assert set(inputs) == set(declared.get("inputs", {}))
    sim.new_run()
    (name,) = flow["jobs"]
    job = sim.run_job(flow, name, {f"inputs.{k}": v for k, v in inputs.items()}, check=False)
    uploads = [s["with"]["name"] for s in flow["jobs"][name]["steps"]
               if "upload-artifact" in s.get("uses", "")]
    (artifact,) = uploads
    return job, sim.artifacts / artifact


def pdf_pages(path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(path).pages)


def test_the_booklet_and_the_posters_to_download(sim):
    job, artifact = press(sim, "libretto.yml", tema="", anno="", formato="A4")
    assert not job.failed, job.failed
    assert sorted(p.name for p in artifact.iterdir()) == ["libretto.pdf", "manifesti.pdf"]
    assert pdf_pages(artifact / "libretto.pdf") > 5
    assert pdf_pages(artifact / "manifesti.pdf") >= 1
    assert job.summary.startswith("## Libretto del workshop\n")
    assert "Libretto pronto in" in job.summary and "## Manifesti per la mostra" in job.summary
    assert "«Artifacts», il file **libretto-del-workshop**" in job.summary


def test_the_booklet_of_one_theme_is_shorter(sim):
    everything, artifact = press(sim, "libretto.yml", tema="", anno="", formato="A3")
    pages = pdf_pages(artifact / "libretto.pdf")
    job, artifact = press(sim, "libretto.yml", tema="lettura-0-6", anno="2026", formato="A3")
    assert not job.failed, job.failed
    assert pdf_pages(artifact / "libretto.pdf") < pages


@pytest.mark.parametrize("inputs", [
    {"tema": HOSTILE, "anno": "", "formato": "A3"},
    {"tema": "--out=/tmp/altrove.pdf", "anno": "", "formato": "A3"},
    {"tema": "", "anno": HOSTILE, "formato": "A3"},
], ids=["tema-con-comandi", "tema-come-opzione", "anno-con-comandi"])
def test_a_wrong_input_is_an_italian_message_on_the_page_and_never_a_command(sim, inputs):
    job, _ = press(sim, "libretto.yml", **inputs)
    assert job.failed
    assert "**Non è andato a buon fine.**" in job.summary
    assert "errore: --" in job.summary and "Traceback" not in job.summary
    assert [p for p in sim.base.rglob("PWNED-*")] == []


def test_april_analysis_as_text_and_spreadsheet(sim):
    job, artifact = press(sim, "analisi.yml", anno="")
    assert not job.failed, job.failed
    assert sorted(p.name for p in artifact.iterdir()) == ["analisi.txt", "analisi.xlsx"]
    text = (artifact / "analisi.txt").read_text("utf-8")
    assert text.strip() and text.strip() in job.summary
    assert load_workbook(artifact / "analisi.xlsx").sheetnames


def test_a_year_that_is_not_a_year_says_how_to_write_it(sim):
    job, _ = press(sim, "analisi.yml", anno="duemila")
    assert job.failed
    assert "l'anno va scritto con quattro cifre, per esempio 2026" in job.summary


def test_may_candidates(sim):
    job, artifact = press(sim, "candidati.yml")
    assert not job.failed, job.failed
    assert sorted(p.name for p in artifact.iterdir()) == ["candidati.txt", "candidati.xlsx"]
    assert "## Candidati di maggio" in job.summary


def test_october_check_gives_the_spreadsheet_for_the_board(sim):
    job, artifact = press(sim, "verifica-ottobre.yml", anno="2026")
    assert not job.failed, job.failed
    assert sorted(p.name for p in artifact.iterdir()) == ["verifica.txt", "verifica.xlsx"]
    book = load_workbook(artifact / "verifica.xlsx")
    assert book.sheetnames
    assert "## Verifica di ottobre" in job.summary


def test_the_message_to_the_libraries_as_eml_html_and_text(sim):
    job, artifact = press(sim, "comunica.yml", dal="2026-01-01")
    assert not job.failed, job.failed
    names = sorted(p.name for p in artifact.iterdir())
    assert names == ["comunicazione.eml", "comunicazione.html", "comunicazione.txt",
                     "riepilogo.txt"]
    assert "## Comunicazione alle biblioteche" in job.summary


def test_check_everything_passes_on_clean_content(sim):
    # What the sample does not know of CSBNO (IPA code, PEC, accessibility statement…)
    # is a warning, which this strict button counts: a network that filled it in.
    block = (TREES / "minimo" / "rete.yml").read_text("utf-8").split("# What a public body")[1]
    registry = sim.source / "rete.yml"
    text = registry.read_text("utf-8").split("\nente:\n")[0]  # the sample's own ente
    registry.write_text(text + "\n# " + block, "utf-8")
    sim.push_main("l'ente")
    job, artifact = press(sim, "controlla.yml")
    assert not job.failed, job.failed
    assert "nessun problema" in (artifact / "controllo.txt").read_text("utf-8")
    assert "nessun problema" in job.summary


def test_check_everything_counts_warnings_and_annotates_them(sim):
    scheda = sim.source / "schede" / "memory-cafe-anziani.md"
    text = scheda.read_text("utf-8")
    scheda.write_text(text.replace("\n---\n", "\nparole_chiave: [uno, Uno]\n---\n", 1), "utf-8")
    sim.push_main("un avviso")
    job, artifact = press(sim, "controlla.yml")
    assert job.failed and job.ran[-1] == "actions/upload-artifact"  # the list, even so
    log = job.logs["Controlla schede, poli e rete.yml"]
    assert "::warning file=schede/memory-cafe-anziani.md" in log or \
        "::error file=schede/memory-cafe-anziani.md" in log
    report = (artifact / "controllo.txt").read_text("utf-8")
    assert "schede/memory-cafe-anziani.md" in report and report.strip() in job.summary


def test_every_button_names_its_artifact_in_italian():
    """What the page calls the download is the artifact's name: words a coordinator reads."""
    for workflow in ("libretto.yml", "analisi.yml", "candidati.yml", "verifica-ottobre.yml",
                     "comunica.yml", "controlla.yml"):
        (job,) = load(workflow)["jobs"].values()
        (upload,) = [s for s in job["steps"] if "upload-artifact" in s.get("uses", "")]
        assert upload["with"]["if-no-files-found"] == "error"
        assert upload["with"]["name"].replace("-", "").isalpha()

""".github/workflows/proposte.yml run here, as far as a machine without GitHub allows.

The three jobs run in order as GitHub would on a simulated ``issues`` event (see
``tests/azioni.py``): the conversion without write permission, the checks of
``verifica.yml`` on the proposal applied to main, and the small job that pushes.
Only the pytest step of the checks is left out: it is this very suite.
"""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta

import pytest

from rete.content.loader import read_document

from ..azioni import Simulation, git, load
from ..intake.test_issue import SCHEDA, catalog_of, github_body

FLOW = load("proposte.yml")
VERIFICA = load("verifica.yml")
NUMBER = 42
NAME = "schede/letture-ad-alta-voce-al-nido.md"
BRANCH = f"proposta-{NUMBER}"
CONVERT_IF = ("github.event.issue.state == 'open' && ( "
              "contains(github.event.issue.labels.*.name, 'scheda') || "
              "contains(github.event.issue.labels.*.name, 'polo') || "
              "contains(github.event.issue.labels.*.name, 'richiesta'))")
KIND = ("contains(github.event.issue.labels.*.name, 'polo') && 'polo' || "
        "contains(github.event.issue.labels.*.name, 'richiesta') && 'richiesta' || 'scheda'")
CHECKED = "needs.converti.outputs.esito == '0' && needs.verifica.result == 'success'"


def event(body: str, labels=("scheda",), action="opened", state="open") -> dict:
    return {"action": action, "issue": {"number": NUMBER, "body": body, "state": state,
                                        "title": "Proposta $(touch TITOLO)",
                                        "labels": [{"name": n} for n in labels]}}


def values_of(ev: dict) -> dict[str, str]:
    labels = [label["name"] for label in ev["issue"]["labels"]]
    return {
        "github.event.issue.body": ev["issue"]["body"],
        "github.event.issue.number": str(ev["issue"]["number"]),
        KIND: next((k for k in ("polo", "richiesta") if k in labels), "scheda"),
        "github.server_url": "https://github.com", "github.run_id": "7",
    }


class Run:
    """What each job of one run did."""

    def __init__(self, sim: Simulation, ev: dict, flow: dict = FLOW, tamper=None,
                 verifica_result: str | None = None):
        self.converti = self.verifica = self.pubblica = None
        labels = {label["name"] for label in ev["issue"]["labels"]}
        assert " ".join(flow["jobs"]["converti"]["if"].split()) == CONVERT_IF
        if ev["issue"]["state"] != "open" or not {"scheda", "polo", "richiesta"} & labels:
            return
        values = values_of(ev)
        sim.new_run()
        self.converti = sim.run_job(flow, "converti", values)
        esito = self.converti.outputs["converti"]["esito"]
        assert flow["jobs"]["converti"]["outputs"] == {
            "esito": "${{ steps.converti.outputs.esito }}"}
        if tamper:  # what a conversion job taken over by a hostile issue could upload
            tamper(sim.artifacts / "proposta")
        assert flow["jobs"]["verifica"]["if"] == "needs.converti.outputs.esito == '0'"
        result = "skipped"
        if esito == "0":
            called = flow["jobs"]["verifica"]
            assert called["uses"] == "./.github/workflows/verifica.yml"
            inputs = {f"inputs.{k}": v for k, v in called["with"].items()}
            self.verifica = sim.run_job(VERIFICA, "verifica", inputs,
                                        {"inputs.proposta": True}, check=False, skip=("Test",))
            result = "failure" if self.verifica.failed else "success"
        result = verifica_result or result
        assert flow["jobs"]["pubblica"]["if"] == (
            "${{ !cancelled() && needs.converti.result == 'success' }}")  # not after a newer edit
        values.update({"needs.converti.outputs.esito": esito, "needs.verifica.result": result})
        self.pubblica = sim.run_job(flow, "pubblica", values,
                                    {CHECKED: esito == "0" and result == "success"}, check=False)


@pytest.fixture
def sim(tmp_path) -> Simulation:
    return Simulation(tmp_path)


def body_of(answers: dict, sim: Simulation) -> str:
    return github_body("scheda", catalog_of(sim.source), answers, crlf=True)


def comments(sim: Simulation, number: int = NUMBER) -> list[str]:
    return [c["body"] for c in sim.gh_state()["comments"] if c["issue"] == str(number)]


def test_a_clean_issue_becomes_a_checked_branch_and_a_pull_request_that_closes_it(sim):
    run = Run(sim, event(body_of(SCHEDA, sim)))
    assert run.converti.ran[-3:] == ["Converti la issue in un file", "Raccogli i file nuovi",
                                     "actions/upload-artifact"]
    assert "Controlla schede e poli" in run.verifica.ran and not run.verifica.failed
    assert "Costruisci il sito" in run.verifica.ran
    assert run.pubblica.ran[2:] == ["Accetta solo i file nuovi", "Apri o aggiorna la pull request",
                                    "Rispondi sulla issue"]
    assert not run.pubblica.failed, run.pubblica.failed
    (comment,) = comments(sim)
    assert comment.startswith(f"La scheda è pronta: il file è `{NAME}`.")
    assert comment.endswith("<!-- rete:proposta -->\n")
    (pr,) = sim.gh_state()["prs"]
    assert pr["head"] == BRANCH
    create = next(c for c in sim.gh_calls() if c["args"][:2] == ["pr", "create"])
    assert f"Chiude #{NUMBER}." in create["args"][create["args"].index("--body") + 1]
    assert sorted(sim.branches()) == ["main", BRANCH]
    assert git("diff", "--name-status", "main", BRANCH, cwd=sim.origin) == f"A\t{NAME}\n"
    path = sim.base / "letta.md"
    path.write_text(sim.show(BRANCH, NAME), encoding="utf-8")
    doc, problems = read_document("scheda", path, NAME, "x")
    assert not problems and doc.data["titolo"] == SCHEDA["titolo"]


def test_an_edit_replaces_the_branch_and_updates_the_one_comment(sim):
    Run(sim, event(body_of(SCHEDA, sim)))
    edited = dict(SCHEDA, sintesi=SCHEDA["sintesi"] + " Anche d'estate.")
    run = Run(sim, event(body_of(edited, sim), action="edited"))
    assert not run.pubblica.failed, run.pubblica.failed
    assert "Anche d'estate." in sim.show(BRANCH, NAME)
    assert len(sim.gh_state()["prs"]) == 1
    assert len(comments(sim)) == 1
    methods = [c["args"][2] for c in sim.gh_calls() if c["args"][0] == "api" and "-X" in c["args"]]
    assert methods == ["POST", "PATCH"]


def test_an_edit_after_a_review_leaves_the_reviewed_branch_and_says_so(sim):
    Run(sim, event(body_of(SCHEDA, sim)))
    reviewed = sim.show(BRANCH, NAME)
    state = sim.gh_state()
    state["prs"][0]["reviews"] = [{"state": "APPROVED", "author": {"login": "coordina"}}]
    sim.set_gh_state(state)
    edited = dict(SCHEDA, sintesi="Tutt'altra sintesi, scritta dopo l'approvazione.")
    run = Run(sim, event(body_of(edited, sim), action="edited"))
    assert not run.pubblica.failed, run.pubblica.failed
    assert sim.show(BRANCH, NAME) == reviewed
    number = state["prs"][0]["number"]
    (note,) = comments(sim, number)
    assert note.startswith(f"La pull request #{number} è già stata esaminata")
    assert "<!-- rete:modifica -->" in note
    (comment,) = comments(sim)
    assert "è già stata esaminata" in comment
    assert not any(c["args"][:2] == ["pr", "create"] for c in sim.gh_calls()[2:])


def test_an_issue_with_problems_gets_them_as_a_comment_and_no_branch(sim):
    answers = dict(SCHEDA, **{"periodo.inizio": "31/02/2026"})
    answers.pop("sintesi")
    run = Run(sim, event(body_of(answers, sim)))
    assert run.verifica is None
    assert run.pubblica.ran[-1] == "Rispondi sulla issue"
    assert "Apri o aggiorna la pull request" not in run.pubblica.ran
    (comment,) = comments(sim)
    assert comment.startswith("La scheda non è ancora pronta")
    assert "- **errore** «Sintesi»: campo obbligatorio mancante" in comment
    assert sim.branches() == ["main"]


@pytest.mark.parametrize("ev", [
    event("qualunque", labels=("domanda",)),
    event("qualunque", state="closed"),
], ids=["senza-etichetta", "issue-chiusa"])
def test_an_issue_without_the_labels_or_closed_runs_nothing(sim, ev):
    assert Run(sim, ev).converti is None


HOSTILE = "$(touch PWNED-1) `touch PWNED-2` '; touch PWNED-3; echo ' \"$(touch PWNED-4)\""


def test_hostile_text_never_reaches_a_shell_as_code(sim):
    answers = dict(SCHEDA, titolo=f"Letture al nido {HOSTILE}"[:120],
                   **{"corpo.Descrizione": f"Testo {HOSTILE}\n\n$HOME ${{PATH}} \\\\"})
    run = Run(sim, event(body_of(answers, sim)))
    assert not run.pubblica.failed, run.pubblica.failed
    planted = [p for p in sim.base.rglob("*") if "PWNED" in p.name or "TITOLO" in p.name]
    assert planted == []
    (new,) = [n for n in sim.files(BRANCH, "schede/") if "letture-al-nido" in n]
    assert f"Testo {HOSTILE}\n\n$HOME ${{PATH}} \\\\" in sim.show(BRANCH, new)  # literally


def test_the_simulation_would_see_an_issue_body_pasted_into_a_script(sim):
    """The check above can fail: with the body written into the script, as
    ``${{ github.event.issue.body }}`` inside ``run:`` does, the hostile text runs."""
    unsafe = json.loads(json.dumps(FLOW))
    convert = next(s for s in unsafe["jobs"]["converti"]["steps"] if s.get("id") == "converti")
    convert["run"] = convert["run"].replace('"$BODY"', '"${{ github.event.issue.body }}"')
    answers = dict(SCHEDA, **{"corpo.Descrizione": f"Testo {HOSTILE}"})
    Run(sim, event(body_of(answers, sim)), flow=unsafe)
    assert [p.name for p in sim.base.rglob("PWNED-*")]


def test_an_issue_that_cannot_be_read_at_all_gets_the_reason_as_a_comment(sim):
    """`rete importa issue` exits with 2 and prints nothing (here: the repository's
    rete.yml is broken): the comment is what it said on stderr, and no branch opens."""
    body = body_of(SCHEDA, sim)
    (sim.source / "rete.yml").write_text("rete: [non chiusa\n", encoding="utf-8")
    sim.push_main("rotto")
    run = Run(sim, event(body))
    assert run.verifica is None
    (comment,) = comments(sim)
    assert comment.startswith("errore: rete.yml: sintassi YAML non valida")
    assert "Traceback" not in comment
    assert sim.branches() == ["main"]


# What a conversion job taken over by a hostile issue could put in the artifact.
def _modify(artifact):
    (artifact / "file" / "schede" / "biblioteca-dei-semi.md").write_text("---\n---\n", "utf-8")


def _workflow(artifact):
    target = artifact / "file" / ".github" / "workflows" / "ruba.yml"
    target.parent.mkdir(parents=True)
    target.write_text("on: push\n", "utf-8")


def _link(artifact):
    (artifact / "file" / "schede" / "collegata.md").symlink_to("/etc/passwd")


def _windows_name(artifact):
    source = next((artifact / "file" / "schede").iterdir())
    shutil.move(source, source.with_name("con.md"))


@pytest.mark.parametrize("tamper, reason", [
    (_modify, "schede/biblioteca-dei-semi.md: il file c'è già e non può essere cambiato"),
    (_workflow, ".github/workflows/ruba.yml: contiene «.», «..» o un nome nascosto"),
    (_link, "schede/collegata.md: è un collegamento simbolico"),
    (_windows_name, "con.md"),
], ids=["scheda-esistente", "workflow", "collegamento", "nome-di-windows"])
def test_a_forged_artifact_fails_the_checks_and_opens_nothing(sim, tamper, reason):
    run = Run(sim, event(body_of(SCHEDA, sim)), tamper=tamper)
    assert run.verifica.failed and reason in run.verifica.failed
    assert sim.branches() == ["main"] and sim.gh_state()["prs"] == []
    (comment,) = comments(sim)
    assert "I controlli della rete non sono passati" in comment


@pytest.mark.parametrize("tamper", [_modify, _workflow, _link])
def test_the_job_that_pushes_refuses_a_forged_artifact_even_after_passing_checks(sim, tamper):
    """Defence in depth: were the checks fooled too, the pushing job applies nothing."""
    run = Run(sim, event(body_of(SCHEDA, sim)), tamper=tamper, verifica_result="success")
    assert run.pubblica.outcomes["accetta"] == "failure"
    assert "Apri o aggiorna la pull request" not in run.pubblica.ran
    assert sim.branches() == ["main"]
    (comment,) = comments(sim)
    assert "La conversione ha prodotto file che non possono essere proposti" in comment


def test_only_the_bots_own_comment_is_updated(sim):
    """Anyone can paste the hidden marker into a comment: that one is never edited."""
    forged = {"id": 1, "issue": str(NUMBER), "user": {"login": "qualcuno"},
              "body": "Il mio commento <!-- rete:proposta -->"}
    sim.set_gh_state({"comments": [forged], "prs": []})
    Run(sim, event(body_of(SCHEDA, sim)))
    Run(sim, event(body_of(SCHEDA, sim), action="edited"))
    first, mine = sim.gh_state()["comments"]
    assert first == forged
    assert mine["user"]["login"] == "github-actions[bot]"


def test_an_issue_titled_with_a_windows_device_name_never_reaches_main_as_such(sim):
    """«Con!!!» once became schede/con.md, which the loader refuses: checked before the
    push, such a file never reaches a pull request, whatever name the importer picks."""
    run = Run(sim, event(body_of(dict(SCHEDA, titolo="Con!!!"), sim)))
    assert "Controlla schede e poli" in run.verifica.ran
    for branch in sim.branches():
        assert "schede/con.md" not in sim.files(branch, "schede/")
    if run.verifica.failed:
        assert sim.gh_state()["prs"] == []
        assert "I controlli della rete non sono passati" in comments(sim)[0]


def test_the_note_on_failed_checks_is_one_paragraph_with_the_runs_address(sim):
    run = Run(sim, event(body_of(SCHEDA, sim)), tamper=_windows_name)
    assert run.verifica.failed
    (comment,) = comments(sim)
    note = comment.split("\n\n")[-2]
    assert note == ("I controlli della rete non sono passati con questa scheda, e la pull "
                    "request non è stata aperta: chi coordina la rete trova i dettagli in "
                    "https://github.com/rete/esempio/actions/runs/7")


def test_a_request_issue_becomes_a_pull_request_with_its_request_file(sim):
    """The «Richiedi un servizio» form (label «richiesta») goes the same way: its
    file lands in richieste/, checked like every other proposal."""
    today = date.today()
    answers = {"polo": "polo-lettura-0-6", "servizio": "valigie-nidi",
               "biblioteca": "Biblioteca civica di Rho",
               "richiesta_il": today.strftime("%d/%m/%Y"),
               "referente.nome": "Marta Richiedente", "referente.email": "marta@rho.example.it",
               "periodo.dal": (today + timedelta(days=40)).strftime("%d/%m/%Y"),
               "stato": "nuova", "corpo": "Per il nido di via Roma, due sezioni."}
    body = github_body("richiesta", catalog_of(sim.source), answers, crlf=True)
    run = Run(sim, event(body, labels=("richiesta",)))
    assert run.converti.outputs["converti"]["esito"] == "0"
    assert "Controlla schede e poli" in run.verifica.ran and not run.verifica.failed
    assert not run.pubblica.failed, run.pubblica.failed
    (added,) = git("diff", "--name-status", "main", BRANCH, cwd=sim.origin).splitlines()
    status, name = added.split("\t")
    assert status == "A" and name.startswith("richieste/") and name.endswith(".md")
    path = sim.base / "richiesta.md"
    path.write_text(sim.show(BRANCH, name), encoding="utf-8")
    doc, problems = read_document("richiesta", path, name, "x")
    assert not problems
    assert {k: doc.data[k] for k in ("polo", "servizio", "biblioteca", "stato")} == {
        "polo": "polo-lettura-0-6", "servizio": "valigie-nidi", "biblioteca": "rho",
        "stato": "nuova"}
    assert doc.data["referente"]["email"] == "marta@rho.example.it"

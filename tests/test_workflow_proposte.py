""".github/workflows/proposte.yml run here, as far as a machine without GitHub allows.

The workflow's own ``run:`` scripts, read from the YAML, run with bash in a git
checkout of the sample content whose ``origin`` is a local bare repository. The
``${{ }}`` expressions of ``env:`` and ``if:`` are those the workflow uses, evaluated
from a simulated ``issues`` event; ``gh`` is a fake on PATH that records its
arguments. An expression the simulation does not know fails the test: the workflow
changed, and so must this simulation.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from rete.loader import read_document

from .conftest import ROOT, copy_sample
from .test_issue import SCHEDA, catalog_of, github_body

FLOW = yaml.safe_load((ROOT / ".github" / "workflows" / "proposte.yml").read_text("utf-8"))
NUMBER = 42
FAKE_GH = f"""#!{sys.executable}
import json, os, sys
args = sys.argv[1:]
entry = {{"args": args}}
if "--body-file" in args:
    with open(args[args.index("--body-file") + 1], encoding="utf-8") as f:
        entry["body_file"] = f.read()
with open(os.environ["FAKE_GH_LOG"], "a", encoding="utf-8") as log:
    log.write(json.dumps(entry) + "\\n")
if args[:2] == ["pr", "view"] and not os.environ.get("FAKE_GH_PR_EXISTS"):
    sys.exit(1)
"""
JOB_IF = ("contains(github.event.issue.labels.*.name, 'scheda') || "
          "contains(github.event.issue.labels.*.name, 'polo')")


def git(*args, cwd: Path) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "GIT_CONFIG_GLOBAL": os.devnull})
    assert done.returncode == 0, done.stderr
    return done.stdout


def expression(text: str, event: dict) -> str:
    """``text`` with each ``${{ }}`` replaced as GitHub does, before any shell sees it."""
    labels = [label["name"] for label in event["issue"]["labels"]]
    known = {
        "${{ github.event.issue.body }}": event["issue"]["body"],
        "${{ github.event.issue.number }}": str(event["issue"]["number"]),
        "${{ github.token }}": "gettone-finto",
        "${{ contains(github.event.issue.labels.*.name, 'polo') && 'polo' || 'scheda' }}":
            "polo" if "polo" in labels else "scheda",
    }
    for expr, value in known.items():
        text = text.replace(expr, value)
    assert "${{" not in text, f"espressione che la simulazione non conosce: {text}"
    return text


def condition(text: str, outputs: dict) -> bool:
    known = {"steps.converti.outputs.esito == '0'":
             outputs.get("converti", {}).get("esito") == "0"}
    assert text in known, f"condizione che la simulazione non conosce: {text}"
    return known[text]


class Runner:
    """One job of the workflow, run on a simulated event."""

    def __init__(self, base: Path):
        self.base = base
        self.origin = base / "origin.git"
        self.work = base / "checkout"
        self.temp = base / "runner-temp"
        self.bin = base / "bin"
        self.log = base / "gh.jsonl"
        for folder in (self.temp, self.bin):
            folder.mkdir()
        source = copy_sample(base / "contenuti")
        git("init", "-q", "-b", "main", cwd=source)
        git("add", ".", cwd=source)
        git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "contenuti",
            cwd=source)
        git("clone", "-q", "--bare", str(source), str(self.origin), cwd=base)
        gh = self.bin / "gh"
        gh.write_text(FAKE_GH, encoding="utf-8")
        gh.chmod(0o755)

    def run(self, event: dict, pr_exists: bool = False, flow: dict = FLOW) -> list[str]:
        """Run the job as GitHub would for ``event``; return the names of the steps run."""
        labels = [label["name"] for label in event["issue"]["labels"]]
        job = flow["jobs"]["proposta"]
        assert " ".join(job["if"].split()) == JOB_IF
        if not {"scheda", "polo"} & set(labels):
            return []
        if self.work.exists():  # every run starts from a fresh checkout of main
            subprocess.run(["rm", "-rf", str(self.work)], check=True)
        git("clone", "-q", str(self.origin), str(self.work), cwd=self.base)
        outputs: dict[str, dict[str, str]] = {}
        ran = []
        for step in job["steps"]:
            if "uses" in step or step["run"].startswith("python -m pip install"):
                continue  # checkout, Python and the install: done by this test's setup
            if "if" in step and not condition(step["if"], outputs):
                continue
            output = self.temp / f"output-{len(ran)}"
            output.touch()
            env = {"PATH": f"{self.bin}:{Path(sys.executable).parent}:/usr/bin:/bin",
                   "HOME": str(self.base), "RUNNER_TEMP": str(self.temp),
                   "GITHUB_OUTPUT": str(output), "FAKE_GH_LOG": str(self.log),
                   "GIT_CONFIG_GLOBAL": os.devnull, "LANG": "C.UTF-8"}
            if pr_exists:
                env["FAKE_GH_PR_EXISTS"] = "1"
            env.update({k: expression(v, event) for k, v in step.get("env", {}).items()})
            script = expression(step["run"], event)
            done = subprocess.run(["bash", "--noprofile", "--norc", "-e", "-c", script],
                                  cwd=self.work, env=env, capture_output=True, text=True)
            assert done.returncode == 0, f"{step['name']}: {done.stdout}{done.stderr}"
            if "id" in step:
                outputs[step["id"]] = dict(line.split("=", 1) for line in
                                           output.read_text("utf-8").splitlines() if line)
            ran.append(step["name"])
        return ran

    def gh_calls(self) -> list[dict]:
        if not self.log.exists():
            return []
        return [json.loads(line) for line in self.log.read_text("utf-8").splitlines()]

    def branches(self) -> list[str]:
        return git("branch", "--format=%(refname:short)", cwd=self.origin).split()

    def show(self, branch: str, path: str) -> str:
        return git("show", f"{branch}:{path}", cwd=self.origin)


def event(body: str, labels=("scheda",), action="opened") -> dict:
    return {"action": action, "issue": {"number": NUMBER, "body": body,
                                        "title": "Proposta $(touch TITOLO)",
                                        "labels": [{"name": n} for n in labels]}}


@pytest.fixture
def runner(tmp_path) -> Runner:
    return Runner(tmp_path)


def body_of(answers: dict, runner: Runner) -> str:
    return github_body("scheda", catalog_of(runner.base / "contenuti"), answers, crlf=True)


NAME = "schede/letture-ad-alta-voce-al-nido.md"


def test_a_clean_issue_becomes_a_branch_and_a_pull_request_that_closes_it(runner):
    ran = runner.run(event(body_of(SCHEDA, runner)))
    assert ran == ["Converti la issue in un file", "Rispondi sulla issue",
                   "Apri o aggiorna la pull request"]
    comment, view, create = runner.gh_calls()
    assert comment["args"][:4] == ["issue", "comment", str(NUMBER), "--body-file"]
    assert comment["body_file"].startswith(f"La scheda è pronta: il file è `{NAME}`.")
    assert view["args"] == ["pr", "view", f"proposta-{NUMBER}"]
    assert create["args"][:3] == ["pr", "create", "--head"]
    assert create["args"][3] == f"proposta-{NUMBER}"
    assert f"Chiude #{NUMBER}." in create["args"][create["args"].index("--body") + 1]
    assert sorted(runner.branches()) == ["main", f"proposta-{NUMBER}"]
    text = runner.show(f"proposta-{NUMBER}", NAME)
    path = runner.base / "letta.md"
    path.write_text(text, encoding="utf-8")
    doc, problems = read_document("scheda", path, NAME, "x")
    assert not problems and doc.data["titolo"] == SCHEDA["titolo"]
    # Edited again: the same branch is pushed again, and no second pull request opens.
    runner.log.unlink()
    edited = dict(SCHEDA, sintesi=SCHEDA["sintesi"] + " Anche d'estate.")
    assert len(runner.run(event(body_of(edited, runner), action="edited"),
                          pr_exists=True)) == 3
    assert [c["args"][:2] for c in runner.gh_calls()] == [["issue", "comment"],
                                                           ["pr", "view"]]
    assert "Anche d'estate." in runner.show(f"proposta-{NUMBER}", NAME)


def test_an_issue_with_problems_gets_them_as_a_comment_and_no_branch(runner):
    answers = dict(SCHEDA, **{"periodo.inizio": "31/02/2026"})
    answers.pop("sintesi")
    ran = runner.run(event(body_of(answers, runner)))
    assert ran == ["Converti la issue in un file", "Rispondi sulla issue"]
    (comment,) = runner.gh_calls()
    assert comment["body_file"].startswith("La scheda non è ancora pronta")
    assert "- **errore** «Sintesi»: campo obbligatorio mancante" in comment["body_file"]
    assert runner.branches() == ["main"]


def test_an_issue_without_the_labels_runs_nothing(runner):
    assert runner.run(event(body_of(SCHEDA, runner), labels=("domanda",))) == []
    assert runner.gh_calls() == [] and runner.branches() == ["main"]


HOSTILE = "$(touch PWNED-1) `touch PWNED-2` '; touch PWNED-3; echo ' \"$(touch PWNED-4)\""


def test_hostile_text_never_reaches_a_shell_as_code(runner):
    answers = dict(SCHEDA, titolo=f"Letture al nido {HOSTILE}"[:120],
                   **{"corpo.Descrizione": f"Testo {HOSTILE}\n\n$HOME ${{PATH}} \\\\"})
    assert len(runner.run(event(body_of(answers, runner)))) == 3
    planted = [p for p in runner.base.rglob("*") if "PWNED" in p.name or "TITOLO" in p.name]
    assert planted == []
    (branch,) = [b for b in runner.branches() if b != "main"]
    name = git("ls-tree", "-r", "--name-only", branch, "schede/", cwd=runner.origin).split()
    (new,) = [n for n in name if "letture-al-nido" in n]
    text = runner.show(branch, new)
    assert f"Testo {HOSTILE}\n\n$HOME ${{PATH}} \\\\" in text  # kept literally


def test_the_simulation_would_see_an_issue_body_pasted_into_a_script(runner):
    """The check above can fail: with the body written into the script, as
    ``${{ github.event.issue.body }}`` inside ``run:`` does, the hostile text runs."""
    unsafe = json.loads(json.dumps(FLOW))
    convert = next(s for s in unsafe["jobs"]["proposta"]["steps"] if s.get("id") == "converti")
    convert["run"] = convert["run"].replace('"$BODY"', '"${{ github.event.issue.body }}"')
    answers = dict(SCHEDA, **{"corpo.Descrizione": f"Testo {HOSTILE}"})
    runner.run(event(body_of(answers, runner)), flow=unsafe)
    assert [p.name for p in runner.base.rglob("PWNED-*")]


def test_an_issue_that_cannot_be_read_at_all_gets_the_reason_as_a_comment(runner):
    """`rete importa issue` exits with 2 and prints nothing (here: the repository's
    rete.yml is broken): the comment is what it said on stderr, and no branch opens."""
    body = body_of(SCHEDA, runner)
    source = runner.base / "contenuti"
    (source / "rete.yml").write_text("rete: [non chiusa\n", encoding="utf-8")
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "rotto", cwd=source)
    git("push", "-q", str(runner.origin), "main", cwd=source)
    ran = runner.run(event(body))
    assert ran == ["Converti la issue in un file", "Rispondi sulla issue"]
    (comment,) = runner.gh_calls()
    assert comment["body_file"].startswith("errore: rete.yml: sintassi YAML non valida")
    assert "Traceback" not in comment["body_file"]
    assert runner.branches() == ["main"]

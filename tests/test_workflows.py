"""The GitHub Actions workflows are valid and do what the README promises."""

from __future__ import annotations

import re
import subprocess
import sys

import yaml

from .conftest import ROOT

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
    assert list(flow[True]) == ["pull_request"]  # YAML 1.1 reads the key "on" as True
    assert flow["permissions"] == {"contents": "read"}
    steps = " ".join(s.get("run", "") for s in flow["jobs"]["verifica"]["steps"])
    assert "rete valida --formato github" in steps
    assert "pytest" in steps
    assert "mkdocs build --strict" in steps


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
    (name, job), = flow["jobs"].items()
    assert job["permissions"] == {"contents": "write", "issues": "write",
                                  "pull-requests": "write"}
    assert 0 < job["timeout-minutes"] <= 30
    assert "'scheda'" in job["if"] and "'polo'" in job["if"]
    steps = job["steps"]
    assert all("@" in s["uses"] for s in steps if "uses" in s)
    convert = next(s for s in steps if "rete importa issue" in s.get("run", ""))
    assert convert["env"]["BODY"] == "${{ github.event.issue.body }}"
    assert any("gh issue comment" in s.get("run", "") for s in steps)
    assert any("gh pr create" in s.get("run", "") for s in steps)


def test_the_script_check_catches_an_expanded_issue_body():
    bad = {"jobs": {"x": {"steps": [{"run": "echo ${{ github.event.issue.body }}"}]}}}
    assert [job for job, step in _runs(bad) if "${{" in step["run"]] == ["x"]


def test_every_job_has_a_time_limit():
    for path in sorted(WORKFLOWS.glob("*.yml")):
        for name, job in load(path.name)["jobs"].items():
            assert isinstance(job.get("timeout-minutes"), int), f"{path.name}: {name}"
            assert 0 < job["timeout-minutes"] <= 60, f"{path.name}: {name}"


PINNED = re.compile(r"^\s*(?:- )?uses: [\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")


def test_every_action_is_pinned_to_a_commit_with_its_version():
    lines = [line for path in sorted(WORKFLOWS.glob("*.yml"))
             for line in path.read_text("utf-8").splitlines() if "uses:" in line]
    assert lines
    assert [line for line in lines if not PINNED.match(line)] == []

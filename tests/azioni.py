"""GitHub Actions workflows run here, as far as a machine without GitHub allows.

A workflow's own ``run:`` scripts, read from its YAML, run with bash in a git
checkout of the sample content whose ``origin`` is a local bare repository.
Each job starts from a fresh checkout, as on GitHub where jobs run on different
machines; artifacts pass between jobs through a folder. The ``${{ }}``
expressions of ``env:``, ``with:`` and ``if:`` are those the workflow uses,
given by the test as a table; one the table does not know fails the test: the
workflow changed, and so must its test. ``gh`` is a fake on PATH that records
its arguments and answers from a small state of comments and pull requests.
Steps named «Installa…» install what this machine already has, and are skipped.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .conftest import ROOT, copy_sample

WORKFLOWS = ROOT / ".github" / "workflows"
REPO = "rete/esempio"
CHECKOUT = "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683"
UPLOAD = "actions/upload-artifact@ea165f8d65b6e75b540449e92b4886f43607fa02"
DOWNLOAD = "actions/download-artifact@d3f86a106a0bac45b974a628896c90dbdf5c8093"
SETUP_PYTHON = "actions/setup-python@a26af69be951a213d495a4c3e4e4022e16d87065"
CACHE = "actions/cache@5a3ec84eff668545956fd18022155c47e93e2684"
SITE = (".github", ".gitignore", "docs", "overrides", "scripts", "mkdocs.yml", "pyproject.toml",
        "requirements")
IGNORED = shutil.ignore_patterns("__pycache__", "*.egg-info")
STATUS_FUNCTIONS = ("always()", "cancelled()", "failure()")
EXPRESSION = re.compile(r"\$\{\{(.*?)\}\}")

FAKE_GH = f"""#!{sys.executable}
import json, os, sys
args = sys.argv[1:]
entry = {{"args": args}}
for flag in ("--body-file", "--input"):
    if flag in args:
        name = args[args.index(flag) + 1]
        entry["body"] = sys.stdin.read() if name == "-" else open(name, encoding="utf-8").read()
with open(os.environ["FAKE_GH_LOG"], "a", encoding="utf-8") as log:
    log.write(json.dumps(entry) + "\\n")
path = os.environ["FAKE_GH_STATE"]
state = json.load(open(path, encoding="utf-8"))
comments, prs = state["comments"], state["prs"]
if args[0] == "api" and "-X" not in args:
    url = args[1]
    number = url.split("/issues/")[1].split("/")[0]
    page = int(url.split("page=")[-1])
    mine = [c for c in comments if c["issue"] == number]
    print(json.dumps(mine[(page - 1) * 100:page * 100]))
elif args[0] == "api" and args[args.index("-X") + 1] == "POST":
    number = args[3].split("/issues/")[1].split("/")[0]
    comments.append({{"id": 1000 + len(comments), "issue": number,
                     "user": {{"login": "github-actions[bot]"}},
                     "body": json.loads(entry["body"])["body"]}})
elif args[0] == "api" and args[args.index("-X") + 1] == "PATCH":
    known = int(args[3].rsplit("/", 1)[1])
    (comment,) = [c for c in comments if c["id"] == known]
    comment["body"] = json.loads(entry["body"])["body"]
elif args[:2] == ["pr", "list"]:
    head = args[args.index("--head") + 1]
    print(json.dumps([{{"number": p["number"], "reviews": p["reviews"]}}
                      for p in prs if p["head"] == head and p["state"] == "OPEN"]))
elif args[:2] == ["pr", "create"]:
    prs.append({{"number": 100 + len(prs), "head": args[args.index("--head") + 1],
                "state": "OPEN", "reviews": [], "body": entry.get("body")}})
    print("https://github.com/{REPO}/pull/" + str(prs[-1]["number"]))
elif args[:2] == ["pr", "edit"]:
    (pr,) = [p for p in prs if p["number"] == int(args[2])]
    pr["body"] = entry["body"]
else:
    sys.exit("gh finto: comando sconosciuto " + " ".join(args))
json.dump(state, open(path, "w", encoding="utf-8"))
"""


def git(*args, cwd: Path) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "GIT_CONFIG_GLOBAL": os.devnull})
    assert done.returncode == 0, done.stderr
    return done.stdout


def load(name: str) -> dict:
    return yaml.safe_load((WORKFLOWS / name).read_text("utf-8"))


@dataclass
class Job:
    """What a job did: the steps run, their outputs, its summary and its checkout."""

    ran: list[str] = field(default_factory=list)
    outputs: dict[str, dict[str, str]] = field(default_factory=dict)
    outcomes: dict[str, str] = field(default_factory=dict)
    summary: str = ""
    work: Path | None = None
    failed: str | None = None  # the first step that failed, if one did
    logs: dict[str, str] = field(default_factory=dict)  # what each script printed


class Simulation:
    """A repository with the sample content, and the machines its jobs run on."""

    def __init__(self, base: Path):
        self.base = base
        self.origin = base / "origin.git"
        self.source = copy_sample(base / "contenuti")
        self.artifacts = base / "artefatti"
        self.bin = base / "bin"
        self.log = base / "gh.jsonl"
        self.state = base / "gh.json"
        for folder in (self.artifacts, self.bin):
            folder.mkdir()
        self.state.write_text(json.dumps({"comments": [], "prs": []}), "utf-8")
        for name in SITE:  # what `mkdocs build` needs besides the content
            copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy
            copy(ROOT / name, self.source / name, **({"ignore": IGNORED}
                                                    if (ROOT / name).is_dir() else {}))
        git("init", "-q", "-b", "main", cwd=self.source)
        self.commit("contenuti")
        git("clone", "-q", "--bare", str(self.source), str(self.origin), cwd=base)
        gh = self.bin / "gh"
        gh.write_text(FAKE_GH, encoding="utf-8")
        gh.chmod(0o755)
        self.jobs = 0

    def new_run(self) -> None:
        """Artifacts belong to one run of a workflow."""
        shutil.rmtree(self.artifacts)
        self.artifacts.mkdir()

    def commit(self, message: str) -> None:
        git("add", "-A", cwd=self.source)
        git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", message,
            cwd=self.source)

    def push_main(self, message: str) -> None:
        """What a librarian's upload on GitHub's web page does: a commit on main."""
        self.commit(message)
        git("push", "-q", str(self.origin), "main", cwd=self.source)

    def run_job(self, flow: dict, name: str, values: dict[str, str],
                conditions: dict[str, bool] | None = None, check: bool = True,
                skip: tuple[str, ...] = ()) -> Job:
        """Run job ``name`` of ``flow`` with the expressions' ``values``."""
        self.jobs += 1
        machine = self.base / f"macchina-{self.jobs}-{name}"
        work, temp = machine / "checkout", machine / "runner-temp"
        temp.mkdir(parents=True)
        summary = temp / "summary.md"
        summary.touch()
        values = {"runner.temp": str(temp), "github.token": "gettone-finto",
                  "github.repository": REPO, **values}
        conditions = conditions or {}
        job, result = flow["jobs"][name], Job(work=work)
        env_all = {**flow.get("env", {}), **job.get("env", {})}
        failing = False
        for step in job["steps"]:
            label = step.get("name") or step["uses"].split("@")[0]
            key = step.get("id", label)
            now = {**values, **{f"steps.{k}.outcome": v for k, v in result.outcomes.items()},
                   **{f"steps.{k}.outputs.{o}": v for k, out in result.outputs.items()
                      for o, v in out.items()}}
            status_check = any(f in str(step.get("if", "")) for f in STATUS_FUNCTIONS)
            if (failing and not status_check) or (
                    "if" in step and not self._condition(step["if"], conditions, result)):
                result.outcomes[key] = "skipped"
                continue
            if "uses" in step:
                self._action(step, work, now)
                result.ran.append(label)
                continue
            if label.startswith("Installa") or label in skip:
                continue
            output = temp / f"output-{len(result.ran)}"
            output.touch()
            env = {"PATH": f"{self.bin}:{Path(sys.executable).parent}:/usr/bin:/bin",
                   "HOME": str(machine), "RUNNER_TEMP": str(temp), "GITHUB_OUTPUT": str(output),
                   "GITHUB_STEP_SUMMARY": str(summary), "GITHUB_WORKSPACE": str(work),
                   "GITHUB_REPOSITORY": REPO, "FAKE_GH_LOG": str(self.log),
                   "FAKE_GH_STATE": str(self.state), "GIT_CONFIG_GLOBAL": os.devnull,
                   "LANG": "C.UTF-8", "RETE_SENZA_LIBRETTO": "1"}
            env.update({k: evaluate(str(v), now) for k, v in {**env_all,
                                                              **step.get("env", {})}.items()})
            script = evaluate(step["run"], now)
            done = subprocess.run(["bash", "--noprofile", "--norc", "-e", "-c", script],
                                  cwd=work, env=env, capture_output=True, text=True)
            result.outputs[key] = dict(line.split("=", 1) for line in
                                       output.read_text("utf-8").splitlines() if "=" in line)
            result.ran.append(label)
            result.outcomes[key] = "success" if done.returncode == 0 else "failure"
            result.logs[label] = done.stdout + done.stderr
            if done.returncode != 0:
                failing = True
                result.failed = result.failed or f"{label}: {done.stdout}{done.stderr}"
                assert not check, result.failed
        result.summary = summary.read_text("utf-8")
        return result

    def _condition(self, text: str, conditions: dict[str, bool], result: Job) -> bool:
        text = " ".join(str(text).split())
        if text.startswith("steps.") and text.endswith(".outcome == 'success'"):
            return result.outcomes.get(text.split(".")[1]) == "success"
        if text == "${{ !cancelled() }}":
            return True
        assert text in conditions, f"condizione che la simulazione non conosce: {text}"
        return conditions[text]

    def _action(self, step: dict, work: Path, values: dict[str, str]) -> None:
        if step["uses"] == CACHE:  # a first run: nothing to restore; rete makes everything
            return
        uses, given = step["uses"], {k: evaluate(str(v), values)
                                     for k, v in step.get("with", {}).items()}
        if uses == CHECKOUT:
            assert step["with"]["persist-credentials"] is False
            if work.exists():
                shutil.rmtree(work)
            git("clone", "-q", str(self.origin), str(work), cwd=self.base)
        elif uses == UPLOAD:
            shutil.copytree(given["path"], self.artifacts / given["name"], symlinks=True)
        elif uses == DOWNLOAD:
            shutil.copytree(self.artifacts / given["name"], given["path"], symlinks=True)
        else:
            assert uses == SETUP_PYTHON, f"azione che la simulazione non conosce: {uses}"

    def gh_calls(self) -> list[dict]:
        if not self.log.exists():
            return []
        return [json.loads(line) for line in self.log.read_text("utf-8").splitlines()]

    def gh_state(self) -> dict:
        return json.loads(self.state.read_text("utf-8"))

    def set_gh_state(self, state: dict) -> None:
        self.state.write_text(json.dumps(state), "utf-8")

    def branches(self) -> list[str]:
        return git("branch", "--format=%(refname:short)", cwd=self.origin).split()

    def show(self, branch: str, path: str) -> str:
        return git("show", f"{branch}:{path}", cwd=self.origin)

    def files(self, branch: str, under: str = "") -> list[str]:
        return git("ls-tree", "-r", "--name-only", branch, *([under] if under else []),
                   cwd=self.origin).split("\n")[:-1]


def evaluate(text: str, values: dict[str, str]) -> str:
    """``text`` with each ``${{ }}`` replaced as GitHub does, before any shell sees it."""
    def one(match: re.Match) -> str:
        key = match.group(1).strip()
        assert key in values, f"espressione che la simulazione non conosce: {key}"
        return values[key]
    return EXPRESSION.sub(one, text)

"""One comment per issue or pull request, updated in place at every run.

The bot's earlier comment is found by a hidden marker (an HTML comment, which
GitHub does not show) and edited with the REST API; without one, a new comment
is created. Only comments written by the workflow's own account are edited.
Needs ``gh`` with ``GH_TOKEN`` and ``GITHUB_REPOSITORY`` in the environment.
Standard library only.

    python3 .github/scripts/commenta.py NUMERO FILE [--marcatore NOME]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

BOT = "github-actions[bot]"
LIMIT = 60000  # GitHub refuses bodies over 65,536 characters


def gh(*args: str, data: dict | None = None) -> str:
    done = subprocess.run(["gh", *args], input=json.dumps(data) if data else None,
                          capture_output=True, text=True, check=True)
    return done.stdout


def previous(repo: str, number: str, marker: str) -> int | None:
    """The id of the bot's last comment carrying ``marker``, if any."""
    found, page = None, 1
    while True:
        batch = json.loads(gh("api", f"repos/{repo}/issues/{number}/comments"
                                     f"?per_page=100&page={page}"))
        for comment in batch:
            if comment["user"]["login"] == BOT and marker in (comment["body"] or ""):
                found = comment["id"]
        if len(batch) < 100:
            return found
        page += 1


def body_of(path: Path, marker: str) -> str:
    text = path.read_text("utf-8", errors="replace")
    if len(text) > LIMIT:
        text = text[:LIMIT] + "\n\n… (il resto è nella pagina dell'esecuzione, su GitHub)"
    return f"{text.rstrip()}\n\n{marker}\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("numero")
    parser.add_argument("file", type=Path)
    parser.add_argument("--marcatore", default="proposta")
    args = parser.parse_args(argv)
    repo = os.environ["GITHUB_REPOSITORY"]
    marker = f"<!-- rete:{args.marcatore} -->"
    data = {"body": body_of(args.file, marker)}
    known = previous(repo, args.numero, marker)
    if known is None:
        gh("api", "-X", "POST", f"repos/{repo}/issues/{args.numero}/comments", "--input", "-",
           data=data)
    else:
        gh("api", "-X", "PATCH", f"repos/{repo}/issues/comments/{known}", "--input", "-",
           data=data)
    return 0


if __name__ == "__main__":
    sys.exit(main())

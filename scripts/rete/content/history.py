"""When each scheda and polo was last changed: the day of the last commit that touched
its file (or, for a scheda-folder, any file in its folder), read from git's history
with one `git log` for the whole tree. Outside a git checkout, in a shallow clone
(where the oldest commit kept would seem to touch every file) or without git, nothing
is known and the pages fall back to the dates the files themselves give.
"""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

from .collections import FOLDERS

_MARK = "\x01"  # starts each commit's line in the log


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-c", "core.quotepath=off", "-C", str(root), *args],
                              capture_output=True, text=True, encoding="utf-8",
                              errors="replace", timeout=120, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def last_commits(root: Path) -> dict[str, date]:
    """The day of the last commit touching each path under the collections' folders,
    relative to ``root`` ("schede/x.md"), and each scheda-folder ("schede/x")."""
    shallow = _git(root, "rev-parse", "--is-shallow-repository")
    if shallow is None or shallow.strip() != "false":
        return {}
    log = _git(root, "log", f"--format={_MARK}%cs", "--name-only", "--relative", "--",
               *sorted(set(FOLDERS.values())))
    found: dict[str, date] = {}
    day = None
    for line in (log or "").splitlines():
        if line.startswith(_MARK):
            day = date.fromisoformat(line[1:])
        elif line and day and not line.startswith('"'):  # a quoted name: not ours
            parts = line.split("/")
            for key in (line, "/".join(parts[:2])) if len(parts) > 2 else (line,):
                found.setdefault(key, day)  # the log runs from the newest commit
    return found

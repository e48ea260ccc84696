"""Collect what an import changed in the checkout, for the job that may push it.

Runs in the job that parses untrusted text and holds no write permission. It
copies every new or changed file into ``ARTEFATTO/file/`` (same relative path)
and lists the deleted ones in ``ARTEFATTO/cancellati.txt``; the job that pushes
trusts none of it and checks it with ``accetta.py``. Prints ``modifiche=N`` for
``$GITHUB_OUTPUT``. Standard library only.

    python .github/scripts/raccogli.py ARTEFATTO
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path


def changes() -> list[tuple[str, str]]:
    """(status, path) for every change of the work tree, renames as delete + add."""
    out = subprocess.run(["git", "status", "--porcelain=v1", "-z", "--untracked-files=all",
                          "--no-renames"], capture_output=True, check=True).stdout
    return [(entry[:2].decode(), entry[3:].decode("utf-8", "surrogateescape"))
            for entry in out.split(b"\0") if entry]


def main(target: Path) -> int:
    files = target / "file"
    files.mkdir(parents=True, exist_ok=True)
    deleted, found = [], changes()
    for status, path in found:
        if "D" in status:
            deleted.append(path)
            continue
        copy = files / path
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, copy, follow_symlinks=False)
    (target / "cancellati.txt").write_text("".join(p + "\n" for p in deleted), "utf-8",
                                           errors="surrogateescape")
    print(f"modifiche={len(found)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))

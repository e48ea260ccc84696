"""Run one `rete` command for a button, and show what it said on the run's page.

The command's output is printed to the log as usual and added to the job summary
($GITHUB_STEP_SUMMARY) under a heading; an Italian error goes there too, so the
coordinator who pressed the button reads it without opening the log. Exits with
the command's own code. Standard library only.

    python .github/scripts/riassunto.py TITOLO [--testo FILE] [--scarica NOME] -- COMANDO…
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path


def fenced(text: str) -> list[str]:
    """``text`` in a code block no line of it can close."""
    fence = "~" * max(3, max((len(m) for m in re.findall(r"~+", text)), default=0) + 1)
    return [fence + "text", text.rstrip("\n"), fence]


def section(title: str, code: int, out: str, err: str, artifact: str | None) -> str:
    lines = [f"## {title}", ""]
    if out.strip():
        lines += [*fenced(out), ""]
    if code != 0:
        lines += ["**Non è andato a buon fine.** Ecco che cosa ha detto il programma:", "",
                  *fenced(err or out or f"(uscito con il codice {code})"), ""]
    elif artifact:
        lines += [f"Il risultato si scarica da questa pagina: più in basso, nella sezione "
                  f"«Artifacts», il file **{artifact}** (un archivio .zip).", ""]
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("titolo")
    parser.add_argument("--testo", type=Path, help="save the command's output here too")
    parser.add_argument("--scarica", help="the artifact's name, to tell where to find it")
    argv = sys.argv[1:] if argv is None else argv
    split = argv.index("--")  # everything after it is the command, options included
    args, command = parser.parse_args(argv[:split]), argv[split + 1:]
    done = subprocess.run(command, capture_output=True, text=True)
    sys.stdout.write(done.stdout)
    sys.stderr.write(done.stderr)
    if args.testo:
        args.testo.parent.mkdir(parents=True, exist_ok=True)
        args.testo.write_text(done.stdout, "utf-8")
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as page:
            page.write(section(args.titolo, done.returncode, done.stdout, done.stderr,
                               args.scarica))
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())

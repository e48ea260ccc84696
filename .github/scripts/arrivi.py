"""The inbox: import what arrived in arrivi/, and say file by file what happened.

Documents (.md, .txt, .docx and whatever `rete importa cartella` reads) go
through the folder import itself: imported ones move to arrivi/importati/,
refused ones stay with NOME.errori.txt beside them. A table (.csv, .xlsx, .xls, .ods)
is imported as `rete importa tabella` does, with the mapping NOME.mappa.yml
beside it; it moves to arrivi/importati/ with its mapping once every row is
imported or already there, and otherwise stays with NOME.errori.txt listing the
rows to correct (the rows already imported are found "already there" next time).
Writes the pull request's description, in Italian, to OUT/resoconto.md.

    python .github/scripts/arrivi.py arrivi OUT
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from rete.content import writer
from rete.intake import folder, mapping, report, share, table
from rete.intake.pipeline import CONFLICT, IMPORTED, PRESENT, REJECTED, Intake, Outcome
from rete.problems import ReteError
from riassunto import fenced  # this folder: python puts a script's own folder on the path

TABLES = (".csv", ".xlsx", ".xls", ".ods")
MAP = ".mappa.yml"
LIMIT = 60000  # GitHub refuses a description over 65,536 characters


@dataclass
class Arrival:
    """One file of the inbox and what became of it."""

    name: str
    status: str  # IMPORTED, PRESENT, CONFLICT, REJECTED, or "" for a file not read
    made: list[str] = field(default_factory=list)  # files written in schede/, poli/…
    same: list[str] = field(default_factory=list)  # files it equals or conflicts with
    errori: str | None = None  # the name of its .errori.txt
    text: str = ""  # what that file says, or why the file was not read


def documents(inbox: Path, intake: Intake) -> tuple[list[Arrival], list[str]]:
    """The folder import, as `rete importa cartella` runs it; and the names it left."""
    run = folder.run(inbox, intake)
    arrivals = []
    for o in run.outcomes:
        name = o.candidate.source
        errori = run.errori.get(name)
        text = (inbox / errori).read_text("utf-8-sig") if errori else ""
        arrivals.append(Arrival(name, o.status, [o.rel] if o.status == IMPORTED else [],
                                [o.rel] if o.status in (PRESENT, CONFLICT) else [], errori,
                                text.replace("\r\n", "\n")))
    return arrivals, run.skipped


def a_table(path: Path, intake: Intake) -> Arrival:
    """One table with its mapping: its rows placed, the table moved or left with errors."""
    plan_path = path.with_name(path.stem + MAP)
    clash = any(p != path and p.stem.casefold() == path.stem.casefold()
                for p in path.parent.iterdir())  # risposte.csv beside risposte.docx
    errori = path.with_name((path.name if clash else path.stem) + folder.ERRORS)
    try:
        if not plan_path.is_file():
            raise ReteError(f"manca la mappa delle colonne «{plan_path.name}»",
                            hint=f"metti accanto a «{path.name}» il file «{plan_path.name}», "
                                 "che dice a quale campo va ogni colonna")
        # What is moved at the end must be what was read now (share.move_done).
        read_as = [share.read(p, table.MAX_BYTES)[1] for p in (path, plan_path)]
        plan = mapping.load(plan_path)
        sheet = table.read(path, plan)
        mapping.match_headers(plan, sheet.headers)
        outcomes = [found if isinstance(found, Outcome) else intake.place(found)
                    for found in table.candidates(sheet, plan, intake.catalog)]
    except share.Refused as exc:
        return _refused(path, errori, f"Il file «{path.name}» non è stato importato: {exc}.\n")
    except ReteError as exc:
        text = (f"Il file «{path.name}» non è stato importato: {exc.message}.\n"
                + (f"Come correggere: {exc.hint}\n" if exc.hint else ""))
        if not plan_path.is_file():
            text += _suggested_map(path, plan_path.name)
        return _refused(path, errori, text)
    arrival = Arrival(path.name, IMPORTED,
                      [o.rel for o in outcomes if o.status == IMPORTED],
                      [o.rel for o in outcomes if o.status in (PRESENT, CONFLICT)])
    left = [o for o in outcomes if o.status in (REJECTED, CONFLICT)]
    if not left:
        arrival.status = IMPORTED if arrival.made else PRESENT
        errori.unlink(missing_ok=True)
        try:
            for done, fingerprint in zip((path, plan_path), read_as):
                share.move_done(done, fingerprint)
        except share.Changed:
            arrival.text = ("il file è cambiato mentre lo importavo: resta in arrivi/ e sarà "
                            "riletto la prossima volta")
        return arrival
    lines = [f"Il file «{path.name}» non è stato importato del tutto: "
             f"{len(left)} righe su {len(outcomes)} vanno guardate.",
             "Le altre sono state importate. Correggi queste righe nel file e rimettilo qui: "
             "le righe già importate non saranno importate due volte.", ""]
    for o in left:
        lines.append(f"{o.candidate.source.capitalize()}:")
        if o.status == CONFLICT:
            lines.append(f"  - c'è già una scheda con lo stesso titolo ma diversa ({o.rel}): "
                         "non è stata sovrascritta")
        lines += [f"  - {report.problem_line(o, p)}" for p in o.errors]
    refused = _refused(path, errori, "\n".join(lines) + "\n")
    refused.made, refused.same = arrival.made, arrival.same
    return refused


def _suggested_map(path: Path, name: str) -> str:
    """The mapping `rete importa tabella --mappa-vuota` would print, for the browser."""
    try:
        sheet = table.read(path)
    except ReteError:
        return ""
    return (f"\nEcco una mappa da cui partire, fatta dalle intestazioni del file: controlla "
            f"a quale campo va ogni colonna e salvala come «{name}» accanto alla tabella.\n\n"
            + mapping.empty(sheet.headers, sheet.described))


def _refused(path: Path, errori: Path, text: str) -> Arrival:
    writer.write_atomic(errori, ("\ufeff" + text).replace("\n", "\r\n"))
    return Arrival(path.name, REJECTED, errori=errori.name, text=text)


def run(inbox: Path, root: Path) -> list[Arrival]:
    intake = Intake(root)
    arrivals, left = documents(inbox, intake)
    tables = [n for n in left if n.lower().endswith(TABLES)]
    maps = {Path(t).stem + MAP for t in tables}
    for name in tables:
        arrivals.append(a_table(inbox / name, intake))
    for name in left:
        if name in maps or name in tables:
            continue
        why = ("è una mappa di colonne senza la sua tabella accanto" if name.endswith(MAP)
               else "non è un tipo di file che so importare (leggo .md, .txt, .docx, .odt, "
                    ".csv, .xlsx, .xls e .ods)")
        arrivals.append(Arrival(name, "", text=why))
    return arrivals


def code(text: str) -> str:
    """``text`` as inline code, whatever backticks or control characters it holds."""
    text = re.sub(r"[\x00-\x1f\x7f]", "�", text)
    ticks = "`" * (max((len(m) for m in re.findall(r"`+", text)), default=0) + 1)
    return f"{ticks} {text} {ticks}" if "`" in text else f"`{text}`"


# The lists of the description: (status, heading, what it means, which files to name).
_LISTS = [
    (IMPORTED, "Importati", "Spostati in `arrivi/importati/`; le nuove schede sono in questa "
                            "pull request.", " →", "made"),
    (PRESENT, "Già presenti", "Uguali a una scheda che c'è già: spostati in "
                              "`arrivi/importati/`, nessuna scheda nuova.", ": uguale a", "same"),
    (CONFLICT, "In conflitto", "C'è già una scheda con lo stesso titolo ma diversa: non è stata "
                               "sovrascritta. Il file resta in `arrivi/`; confronta le due "
                               "versioni e aggiorna la scheda a mano.", ": diverso da", "same"),
]


def markdown(arrivals: list[Arrival]) -> str:
    """The pull request's description: file by file, in Italian."""
    of = {s: [a for a in arrivals if a.status == s]
          for s in (IMPORTED, PRESENT, CONFLICT, REJECTED, "")}
    lines = ["Preparata automaticamente dai file caricati nella cartella `arrivi/`.",
             "", f"Importati: {len(of[IMPORTED])}, già presenti: {len(of[PRESENT])}, "
                 f"in conflitto: {len(of[CONFLICT])}, scartati: {len(of[REJECTED])}, "
                 f"non letti: {len(of[''])}.", ""]
    for status, heading, meaning, link, files in _LISTS:
        if of[status]:
            lines += [f"## {heading}", "", meaning, ""]
            lines += [f"- {code(a.name)}{link} {', '.join(map(code, getattr(a, files)))}"
                      for a in of[status]]
            lines.append("")
    if of[REJECTED]:
        lines += ["## Scartati", "", "Restano in `arrivi/`, con accanto il file `.errori.txt` "
                  "che dice a chi li ha mandati che cosa correggere.", ""]
        for a in of[REJECTED]:
            made = f" (righe importate: {', '.join(map(code, a.made))})" if a.made else ""
            lines += [f"### {code(a.name)}{made}", "", f"{code(a.errori or '')}:", "",
                      *fenced(a.text), ""]
    if of[""]:
        lines += ["## Non letti", "", "Restano in `arrivi/` così come sono.", ""]
        lines += [f"- {code(a.name)}: {a.text}" for a in of[""]] + [""]
    text = "\n".join(lines)
    if len(text) > LIMIT:
        text = text[:LIMIT] + "\n\n… (il resoconto completo è nella pagina dell'esecuzione)\n"
    return text


def main(argv: list[str]) -> int:
    inbox, out = Path(argv[0]), Path(argv[1])
    out.mkdir(parents=True, exist_ok=True)
    try:
        if not inbox.is_dir():
            raise ReteError(f"la cartella {inbox} non c'è")
        if (inbox / folder.DONE).is_symlink():
            raise ReteError(f"{inbox}/{folder.DONE} non è una cartella vera")
        text = markdown(run(inbox, Path.cwd()))
    except ReteError as exc:
        text = f"L'importazione non è potuta partire: {exc.message}.\n" + \
            (f"\nCome correggere: {exc.hint}\n" if exc.hint else "")
        (out / "resoconto.md").write_text(text, "utf-8")
        print(text, file=sys.stderr)
        return 1
    (out / "resoconto.md").write_text(text, "utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

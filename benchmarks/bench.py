"""`make bench`: time, peak memory and ratios on synthetic networks of 100 to 10,000 schede.

Nothing here asserts a time: it measures, prints a table and writes it to
benchmarks/RISULTATI.md with the date and the number of cores. Each step runs
in its own process, so its peak memory is its own. Ratios compare steps
measured in the same run on the same corpus:

- `rete valida` against the parse floor (read every file, split the
  front-matter, parse it with libyaml's CSafeLoader), the median of rounds run
  one after the other; from ``SPLIT_FROM`` files, `rete valida` reads and checks
  half of them in a second process (the floor uses one);
- the project's `mkdocs build` (hook, Pagefind) against a plain MkDocs Material
  build of the same pages written by `rete genera` (no hook, Material's search);
  at the smallest site size, the median of rounds run one after the other.

The booklet (``benchmarks/bench_libretto.py``): ``run(tree, out)`` prints the
booklet of each tree up to 1,000 schede, against `rete valida`; ``compare(200)``
measures issue 8's target, 200 schede of ~600 words against a plain WeasyPrint
render of the same HTML in the same run.
Issue 6's ``benchmarks/bench_importa.py`` (``run(fmt) -> seconds``, 1,000 survey
rows) gets two rows when it exists: the rows as CSV, and the same rows as XLSX
against the CSV, in alternating rounds (issue 19's target: at most 1.2×).
``python benchmarks/bench.py --solo importa`` measures only those two rows.

Environment: RETE_BENCH_N (default "100,1000,10000"), RETE_BENCH_SITO
(default "1000,5000"; "" skips the site), RETE_BENCH_GIRI (rounds of `rete valida`
against the floor, and of the site comparison at its smallest size, default 3), RETE_BENCH_LIBRETTO (the largest tree
whose booklet is printed, default 1000), RETE_BENCH_MOTORE (the engines of the plain
and the project's site builds, separated by commas: by default "properdocs,mkdocs",
properdocs being make sito's default).
``python benchmarks/bench.py --solo sito`` measures only the site's rows (at every
size of RETE_BENCH_SITO, default 1000, RETE_BENCH_GIRI rounds each, every round
printed with its wall and CPU time; then WeasyPrint alone on the workshop booklet's
HTML, the floor a build from scratch waits for, and Zensical's time on the generated
tree when `make zensical` installed it), and leaves RISULTATI.md as it is.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import make_tree  # noqa: E402,F401  (tests import it from here)
from rete.checks.validate import SPLIT_FROM  # noqa: E402

RESULTS = ROOT / "benchmarks" / "RISULTATI.md"
# a PDF of 10,000 schede is a night's work, not a benchmark step
BOOKLET_MAX = int(os.environ.get("RETE_BENCH_LIBRETTO", "1000"))
# Rounds of the plain and the project build, one after the other, at the smallest site size.
SITE_ROUNDS = int(os.environ.get("RETE_BENCH_GIRI", "3"))
SEARCH_WORD = "biblioteca"
WORKSHOP = 2026  # the corpus' workshop: its booklet holds the schede active that year


# --- the steps, each run in a child process -----------------------------------------

def step_floor(tree: Path) -> dict:
    """Read every file, split its front-matter, parse it with CSafeLoader: the floor."""
    import yaml

    files = [tree / "rete.yml", *sorted((tree / "poli").glob("*.md")),
             *sorted((tree / "schede").glob("*.md")),
             *sorted((tree / "schede").glob("*/index.md")),
             *sorted((tree / "richieste").glob("*.md"))]  # issue 21's tree has them
    for path in files:
        text = path.read_bytes().decode("utf-8-sig")
        if path.suffix == ".md":
            text = text.split("\n---\n", 1)[0].removeprefix("---\n")
        yaml.load(text, Loader=yaml.CSafeLoader)
    return {"file": len(files)}


def step_valida(tree: Path) -> dict:
    """What `rete valida` does: every problem, no model (the site's build makes that)."""
    from rete.runtime import collector
    from rete.runtime.helper import SECOND_PROCESS
    from rete.checks.validate import check_problems

    with collector.paused():  # as the command line does
        result = check_problems(tree, SECOND_PROCESS)
    return {"problemi": len(result.problems)}


def step_di_nuovo(tree: Path) -> dict:
    """`rete valida` again in the same process, one scheda edited: as under `mkdocs serve`."""
    from rete.runtime import collector
    from rete.runtime.cache import Cache
    from rete.checks.validate import check

    cache = Cache()  # as the site's hook keeps under `mkdocs serve`
    with collector.paused():
        check(tree, cache)
    edited = sorted((tree / "schede").glob("*.md"))[0]
    edited.write_text(edited.read_text("utf-8").replace("\n## Descrizione", "\n## Descrizione\n\n"
                                                        "Una riga in più.", 1), "utf-8")
    start = time.perf_counter()
    with collector.paused():
        check(tree, cache)
    return {"secondi": time.perf_counter() - start}


def step_pagine(tree: Path) -> dict:
    from rete.render import pages
    from rete.runtime import collector
    from rete.checks.validate import check

    with collector.paused():
        knowledge = check(tree).knowledge
    start = time.perf_counter()
    site = pages.render(knowledge)
    return {"pagine": len(site.pages), "secondi": time.perf_counter() - start}


def step_simili(tree: Path) -> dict:
    """«Pratiche simili» of every published scheda (issue 22), from the model: the index
    and each scheda's neighbours. Besides the process's peak, how much it grew here."""
    from rete.figures.simili import Simili
    from rete.runtime import collector
    from rete.checks.validate import check

    with collector.paused():
        knowledge = check(tree).knowledge
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start, cpu = time.perf_counter(), time.process_time()
    with collector.paused():  # as the site's build runs it
        found = Simili(knowledge).all(5)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    return {"secondi": seconds, "cpu": cpu, "schede": len(found), "crescita_mib": grown / 1024}


def step_importa(tree: Path) -> dict:
    seconds = _optional("bench_importa").run(fmt="csv")
    return {"secondi": seconds}


def step_importa_xlsx(tree: Path) -> dict:
    seconds = _optional("bench_importa").run(fmt="xlsx")
    return {"secondi": seconds}


def step_libretto(tree: Path) -> dict:
    module = _booklet_module()
    with tempfile.TemporaryDirectory() as out:
        module.run(tree, Path(out))
    return {}


# The engine of the plain and the project's builds: properdocs (make sito's default) or mkdocs.
ENGINE = os.environ.get("RETE_BENCH_MOTORE", "properdocs").split(",")[0]
# The engines the site's rows are measured with (RETE_BENCH_MOTORE: one, or several
# separated by commas): a child step builds with the one its environment names.
ENGINES = [e for e in os.environ.get("RETE_BENCH_MOTORE", "properdocs,mkdocs").split(",") if e]
NAMES = {"properdocs": "ProperDocs", "mkdocs": "MkDocs"}


def _engine(name: str) -> None:
    """The engine of the next child steps (``_mkdocs`` reads it in the child)."""
    os.environ["RETE_BENCH_MOTORE"] = name
ZENSICAL = ROOT / ".venv-zensical" / "bin" / "zensical"  # `make zensical`


def _mkdocs(config: Path, out: Path, extra: dict | None = None) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true",
           **(extra or {})}
    done = subprocess.run([sys.executable, "-m", ENGINE, "build", "--strict", "-q", "-f",
                           str(config), "-d", str(out)], env=env, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"{ENGINE} build non riuscito:\n{done.stderr[-3000:]}")


def step_sito(tree: Path) -> dict:
    """`make sito` from scratch: the project's build (``ENGINE``, the hook checks the
    content as `rete valida` does) with
    everything the site publishes (pages, Pagefind, the workshop's PDF booklet, the Word
    forms, the open data, the QR codes), nothing kept from an earlier build."""
    from rete.runtime.stored import FOLDER

    shutil.rmtree(tree / FOLDER, ignore_errors=True)
    return _make_sito(tree)


def step_sito_di_nuovo(tree: Path) -> dict:
    """`make sito` again with nothing changed: what the last build kept in .cache/rete
    (``rete.runtime.stored``) is published as it is."""
    return _make_sito(tree)


def _make_sito(tree: Path) -> dict:
    from tests.sito import prepare

    config = prepare(tree)  # before the clock: copying docs/ is not the build
    out = tree.parent / "sito"
    cpu, start = _children_cpu(), time.perf_counter()
    _mkdocs(config, out)  # as make sito: the hook's check is the only one
    return {"cartella": str(out), "secondi": time.perf_counter() - start,
            "cpu": _children_cpu() - cpu}


def _edited(tree: Path, in_booklet: bool) -> None:
    """One published scheda edited (a line added to its text): one the workshop's
    booklet holds, or one it does not."""
    from rete.booklet import document
    from rete.checks.validate import check

    k = check(tree).knowledge
    chosen = {s.slug for s in document.workshop(k).schede}
    scheda = next(s for s in k.pubblicate if (s.slug in chosen) == in_booklet)
    path = tree / scheda.rel
    path.write_text(path.read_text("utf-8") + f"\nUna riga in più, {time.time_ns()}.\n",
                    encoding="utf-8")


def step_sito_una_scheda(tree: Path) -> dict:
    """`make sito` after an edit to one scheda the booklet does not hold: its page, the
    pages listing it, the open data and the search index made again; the PDF kept."""
    _edited(tree, in_booklet=False)
    return _make_sito(tree)


def step_sito_libretto(tree: Path) -> dict:
    """`make sito` after an edit to one scheda of the workshop's booklet: the PDF laid
    out again too."""
    _edited(tree, in_booklet=True)
    return _make_sito(tree)


def step_serve(tree: Path) -> dict:
    """`make anteprima` (mkdocs serve --dirty): from saving one edited scheda to the
    browser being told to reload, the way a librarian waits for it."""
    import re
    import socket
    import threading

    from tests.sito import prepare

    config = prepare(tree)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "-f",
                               str(config), "--dev-addr", f"127.0.0.1:{port}"],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              env=env, cwd=tree)
    lines: list[tuple[float, str]] = []

    def read() -> None:
        for line in server.stdout:
            lines.append((time.perf_counter(), line))

    threading.Thread(target=read, daemon=True).start()

    def seen(pattern: str, after: int) -> float:
        while server.poll() is None:
            for when, line in lines[after:]:
                if re.search(pattern, line):
                    return when
            time.sleep(0.02)
        raise SystemExit("mkdocs serve è terminato:\n" + "".join(l for _, l in lines[-30:]))

    try:
        seen("Serving on", 0)
        times = []
        for edited in sorted((tree / "schede").glob("*.md"))[:3]:
            time.sleep(2)
            after = len(lines)
            edited.write_text(edited.read_text("utf-8").replace(
                "\n## Descrizione", "\n## Descrizione\n\nUna riga in più.", 1), "utf-8")
            start = time.perf_counter()
            times.append(seen("Reloading browsers", after) - start)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {"secondi": sorted(times)[1]}  # the median of three edits


def _generated(tree: Path, name: str) -> Path:
    """`rete genera`'s project folder for ``tree`` (not timed: it is the pages' source)."""
    from tests.sito import prepare

    prepare(tree)  # genera takes mkdocs.yml, docs/ and overrides/ from the project folder
    folder = tree.parent / name
    if folder.exists():
        shutil.rmtree(folder)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "rete", "genera", "--out", str(folder)],
                   check=True, capture_output=True, env=env, cwd=tree)
    return folder


def step_semplice(tree: Path) -> dict:
    """Plain MkDocs Material (``ENGINE``) on the same pages, written by `rete genera`,
    with Material's own search."""
    plain = _generated(tree, "semplice")
    config = (plain / "mkdocs.yml").read_text("utf-8")
    with_search = config.replace("plugins:\n- tags\n", "plugins:\n- search:\n    lang: it\n"
                                                        "- tags\n")
    if with_search == config:
        raise SystemExit("mkdocs.yml di rete genera: non trovo dove aggiungere la ricerca")
    (plain / "mkdocs.yml").write_text(with_search, encoding="utf-8")
    # timed: the build alone, not `rete genera` writing the pages it reads
    cpu, start = _children_cpu(), time.perf_counter()
    _mkdocs(plain / "mkdocs.yml", plain / "sito")
    return {"secondi": time.perf_counter() - start, "cpu": _children_cpu() - cpu}


def step_zensical(tree: Path) -> dict:
    """Zensical (``make zensical``) on the tree `rete genera` writes, with no rete code;
    `rete indice` after it, as make sito MOTORE=zensical does, is timed apart."""
    folder = _generated(tree, "zensical")
    cpu, start = _children_cpu(), time.perf_counter()
    done = subprocess.run([str(ZENSICAL), "build", "--clean"], cwd=folder,
                          capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"zensical build non riuscito:\n{done.stderr[-3000:]}")
    seconds, used = time.perf_counter() - start, _children_cpu() - cpu
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "rete", "indice", str(folder / "site")], cwd=tree,
                   check=True, capture_output=True)
    return {"secondi": seconds, "cpu": used, "indice_s": time.perf_counter() - start}


def step_weasyprint(tree: Path) -> dict:
    """WeasyPrint alone on the workshop booklet's HTML, as `make sito` lays it out: the
    HTML made first (not timed), then only ``HTML(...).write_pdf()``, no rete code. The
    floor of the PDF a build from scratch waits for: one document, laid out on one core."""
    from weasyprint import HTML

    from rete.booklet import document
    from rete.checks.validate import check

    k = check(tree).knowledge
    booklet = document.build(k, choice=document.workshop(k))
    html = document.to_html(booklet)
    used = resource.getrusage(resource.RUSAGE_SELF)
    cpu, start = used.ru_utime + used.ru_stime, time.perf_counter()
    laid_out = HTML(string=html, base_url=tree.resolve().as_uri() + "/").render()
    laid_out.write_pdf()
    seconds = time.perf_counter() - start
    used = resource.getrusage(resource.RUSAGE_SELF)
    return {"secondi": seconds, "cpu": used.ru_utime + used.ru_stime - cpu,
            "pagine": len(laid_out.pages)}


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


STEPS = {"floor": step_floor, "valida": step_valida, "di_nuovo": step_di_nuovo,
         "pagine": step_pagine,
         "libretto": step_libretto, "importa": step_importa,
         "importa_xlsx": step_importa_xlsx, "sito": step_sito,
         "sito_di_nuovo": step_sito_di_nuovo, "sito_una_scheda": step_sito_una_scheda,
         "sito_libretto": step_sito_libretto,
         "serve": step_serve, "simili": step_simili,
         "semplice": step_semplice, "zensical": step_zensical,
         "weasyprint": step_weasyprint}


def _child(name: str, tree: Path) -> None:
    import yaml  # noqa: F401  imports are not the work measured

    import rete.render.pages  # noqa: F401
    import rete.checks.validate  # noqa: F401

    start = time.perf_counter()
    extra = STEPS[name](tree)
    seconds = extra.pop("secondi", time.perf_counter() - start)
    peak = max(resource.getrusage(who).ru_maxrss
               for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    cpu = extra.pop("cpu", None)
    if cpu is None:
        cpu = sum(getattr(resource.getrusage(who), field)
                  for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
                  for field in ("ru_utime", "ru_stime"))
    print(json.dumps({"secondi": seconds, "memoria_mib": peak / 1024, "cpu": cpu, **extra}))


def _alternate(tree: Path, rounds: int, steps: tuple[str, str] = ("semplice", "sito")
               ) -> tuple[dict, dict, list[float]]:
    """The plain step and the project's (by default the plain build and the project's),
    ``rounds`` times one after the other: each one's median time and largest memory,
    and the sorted ratios of the rounds."""
    plains, builts = [], []
    for number in range(rounds):
        plains.append(run_step(steps[0], tree))
        builts.append(run_step(steps[1], tree))
        print(f"  giro {number + 1}: {steps[0]} {plains[-1]['secondi']:.2f} s, "
              f"{steps[1]} {builts[-1]['secondi']:.2f} s", flush=True)
    ratios = sorted(b["secondi"] / p["secondi"] for p, b in zip(plains, builts, strict=True))

    def middle(runs: list[dict]) -> dict:
        return {**runs[-1], "secondi": statistics.median(r["secondi"] for r in runs),
                "memoria_mib": max(r["memoria_mib"] for r in runs)}

    return middle(plains), middle(builts), ratios


EDITS = {"sito_una_scheda": "una scheda fuori dal libretto modificata",
         "sito_libretto": "una scheda del libretto modificata"}


def _site_rounds(tree: Path, rounds: int
                 ) -> tuple[dict, dict, dict, list[float], list[float], dict]:
    """Plain MkDocs, `make sito` from scratch, again with nothing changed, then after an
    edit outside and inside the booklet (``EDITS``), ``rounds`` times one after the
    other; each one's median and the sorted ratios of the project builds to the plain
    one of the same round (the edits' as ``{step: (median, ratios)}``). Every round is
    printed."""
    runs: dict[str, list[dict]] = {"semplice": [], "sito": [], "sito_di_nuovo": [],
                                   **{name: [] for name in EDITS}}
    for number in range(rounds):
        for name in runs:
            runs[name].append(run_step(name, tree))
        print(f"  giro {number + 1}: " + ", ".join(
            f"{name} {found[-1]['secondi']:.2f} s (cpu {found[-1]['cpu']:.2f} s)"
            for name, found in runs.items()), flush=True)

    def middle(found: list[dict]) -> dict:
        return {**found[-1], "secondi": statistics.median(r["secondi"] for r in found),
                "memoria_mib": max(r["memoria_mib"] for r in found)}

    def ratios(name: str) -> list[float]:
        return sorted(b["secondi"] / p["secondi"]
                      for p, b in zip(runs["semplice"], runs[name], strict=True))

    return (middle(runs["semplice"]), middle(runs["sito"]), middle(runs["sito_di_nuovo"]),
            ratios("sito"), ratios("sito_di_nuovo"),
            {name: (middle(runs[name]), ratios(name)) for name in EDITS})


def _ratio_said(ratios: list[float], than: str) -> str:
    """The median ratio and, when there were several rounds, every round's."""
    said = f"{statistics.median(ratios):.2f}× {than}"
    if len(ratios) > 1:
        said += (f" (mediana di {len(ratios)} giri alternati: "
                 + ", ".join(f"{r:.2f}×" for r in ratios) + ")")
    return said


def run_step(name: str, tree: Path) -> dict:
    """Run one step in a fresh process; its wall time (without start-up) and peak memory."""
    done = subprocess.run([sys.executable, __file__, "--passo", name, str(tree)],
                          capture_output=True, text=True, cwd=ROOT)
    if done.returncode:
        raise SystemExit(f"il passo {name} non è riuscito:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _optional(name: str):
    """Another issue's benchmark module with a ``run`` function, if it is there. Imported
    by its package name, so that its functions reach a spawned process by name."""
    if not (ROOT / "benchmarks" / f"{name}.py").exists():
        return None
    module = importlib.import_module(f"benchmarks.{name}")
    return module if hasattr(module, "run") else None


def _booklet_module():
    return _optional("bench_libretto")


# --- what a reader's browser downloads ------------------------------------------------

def first_search_bytes(site: Path) -> dict:
    """Open the search page with a fresh headless Chromium, search, count every response."""
    from playwright.sync_api import sync_playwright

    from tests.sito import served

    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"]
    bodies: dict[str, bytes] = {}
    with served(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium")
                                             or "/usr/bin/chromium", args=args)
        page = browser.new_context().new_page()
        page.on("response", lambda r: bodies.__setitem__(r.url, r.body()))
        page.goto(f"{url}cerca/?q={SEARCH_WORD}")
        page.wait_for_selector("#rete-ricerca-risultati a", timeout=60_000)
        page.wait_for_load_state("networkidle")
        browser.close()
    def total(only: str = "", packed: bool = False) -> int:
        return sum(len(gzip.compress(b) if packed else b) for u, b in bodies.items() if only in u)

    return {"totale": total(), "gzip": total(packed=True), "pagefind": total("/pagefind/"),
            "pagefind_gzip": total("/pagefind/", packed=True), "richieste": len(bodies)}


def largest_page(site: Path) -> tuple[int, str]:
    pages = [(p.stat().st_size, p.relative_to(site).parent.as_posix() or "/")
             for p in site.rglob("*.html")]
    return max(pages)


# --- the run -----------------------------------------------------------------------

def _kib(n: float) -> str:
    return f"{n / 1024:,.0f} KiB".replace(",", ".")


def main() -> None:
    counts = [int(n) for n in os.environ.get("RETE_BENCH_N", "100,1000,10000").split(",") if n]
    sites = [int(n) for n in os.environ.get("RETE_BENCH_SITO", "1000,5000").split(",") if n]
    booklet = _booklet_module() is not None
    rows: list[list[str]] = []
    notes: list[str] = []

    def row(n: int, what: str, measured: dict, ratio: str = "") -> None:
        rows.append([f"{n:,}".replace(",", "."), what, f"{measured['secondi']:.2f} s",
                     f"{measured['memoria_mib']:.0f} MiB", ratio])
        print(" | ".join(rows[-1]), flush=True)

    try:  # what was measured is written even when a later step fails
        with tempfile.TemporaryDirectory() as tmp:
            for n in sorted(set(counts) | set(sites)):
                base = Path(tmp) / str(n)
                tree = base / "rete"
                tree.mkdir(parents=True)
                # one scheda in two of a few paragraphs, beside those of 300-900 words
                make_tree(tree, n, short_every=2, workshop=WORKSHOP)
                if n in counts:
                    # one round can differ from the next by a third: the median of rounds
                    floor, valida, ratios = _alternate(tree, SITE_ROUNDS, ("floor", "valida"))
                    row(n, "soglia: lettura + CSafeLoader", floor)
                    row(n, f"rete valida (da {SPLIT_FROM} file, metà in un secondo processo)",
                        valida,
                        _ratio_said(ratios, "soglia"))
                    if n == max(counts):
                        short_rows(base / "brevi", n, row)
                    if valida["problemi"]:
                        notes.append(f"A {n} schede `rete valida` trova {valida['problemi']} "
                                     "problemi.")
                    again = run_step("di_nuovo", tree)
                    row(n, "rete valida di nuovo, una scheda modificata (come in serve)", again,
                        f"{again['secondi'] / floor['secondi']:.2f}× soglia")
                    row(n, "pagine generate (render)", run_step("pagine", tree))
                    if n >= 1000:  # issue 22's target: at most 3 s and 300 MB at 10,000
                        near = run_step("simili", tree)
                        row(n, "pratiche simili di tutte le schede (indice e 5 vicine)", near,
                            f"+{near['crescita_mib']:.0f} MiB oltre il modello; "
                            f"{near['cpu']:.2f} s di CPU")
                    if booklet and n <= BOOKLET_MAX:
                        libretto = run_step("libretto", tree)
                        row(n, "libretto", libretto,
                            f"{libretto['secondi'] / valida['secondi']:.2f}× rete valida")
                if n in sites:
                    # On a shared virtual machine one build can differ from the next by a
                    # third: the ratio is the median of rounds run one after the other.
                    rounds = SITE_ROUNDS if n == min(sites) else 1
                    for engine in ENGINES:
                        _engine(engine)
                        name = NAMES.get(engine, engine)
                        plain, built, again, ratios, again_ratios, edits = _site_rounds(
                            tree, rounds)
                        row(n, f"{name} semplice (ricerca di Material)", plain)
                        row(n, f"make sito da zero ({name}; controllo, pagine, Pagefind, "
                               f"libretto PDF del workshop: {built_booklet(tree)}, moduli, "
                               "dati aperti, QR)", built,
                            _ratio_said(ratios, f"{name} semplice"))
                        row(n, f"make sito di nuovo, niente cambiato (.cache/rete; {name})",
                            again, _ratio_said(again_ratios, f"{name} semplice"))
                        for step, (measured, edit_ratios) in edits.items():
                            row(n, f"make sito di nuovo, {EDITS[step]} ({name})", measured,
                                _ratio_said(edit_ratios, f"{name} semplice"))
                    alone = run_step("weasyprint", tree)
                    row(n, "WeasyPrint da solo sull'HTML del libretto del workshop (nessun "
                           f"codice di rete; {alone['pagine']} pagine)", alone,
                        f"CPU {alone['cpu']:.2f} s")
                    if ZENSICAL.exists():
                        z = run_step("zensical", tree)
                        row(n, "zensical build dell'albero di rete genera (Zensical 0.0.73; "
                               f"rete indice a parte: {z['indice_s']:.2f} s)", z)
                    if n == min(sites):
                        row(n, "anteprima: da una scheda salvata alla pagina ricaricata "
                               "(mkdocs serve --dirty, mediana di 3)", run_step("serve", tree))
                    site = Path(built["cartella"])
                    size, where = largest_page(site)
                    notes.append(f"A {n} schede la pagina HTML più grande è {where} "
                                 f"({_kib(size)}).")
                    if n == max(sites):
                        try:
                            search = first_search_bytes(site)
                            notes.append(
                                f"A {n} schede la prima ricerca («{SEARCH_WORD}», pagina Cerca "
                                f"appena aperta) scarica {_kib(search['totale'])} in "
                                f"{search['richieste']} richieste ({_kib(search['gzip'])} compressi "
                                f"con gzip, come li manda un server web), di cui "
                                f"{_kib(search['pagefind'])} di Pagefind "
                                f"({_kib(search['pagefind_gzip'])} con gzip: programma, indice, "
                                "frammenti).")
                        except Exception as exc:  # noqa: BLE001 - a missing browser is a note
                            notes.append(f"Prima ricerca non misurata: {exc}")
                shutil.rmtree(base)
            if booklet and BOOKLET_MAX >= 200:  # issue 8's measure: 200 schede of ~600 words
                compared = _booklet_module().compare(200)
                rows.append(["200", "libretto (schede di ~600 parole)",
                             f"{compared['libretto_s']:.2f} s", f"{compared['libretto_mb']:.0f} MiB",
                             f"{compared['rapporto']:.2f}× WeasyPrint semplice "
                             f"({compared['semplice_s']:.2f} s; impaginazione sola "
                             f"{compared['impaginazione_s'] / compared['semplice_s']:.2f}×; "
                             "mediana di 3 giri alternati: "
                             + ", ".join(f"{r:.2f}×" for r in compared["rapporti"]) + ")"])
            if _optional("bench_importa"):
                import_rows(row)
            if _optional("bench_richieste"):  # issue 21: 10,000 requests, 200 poli
                _optional("bench_richieste").rows(row)
            if _optional("bench_federa"):  # issue 25: 5 and 50 networks × 2,000 schede
                _optional("bench_federa").rows(row)
                _optional("bench_federa").search_rows(row)
    except BaseException as exc:
        notes.append(f"Misura interrotta: {type(exc).__name__}: {exc}"[:300])
        raise
    finally:
        if not booklet:
            notes.append("Libretto: non misurato (manca benchmarks/bench_libretto.py "
                         "con run()).")
        write_results(rows, notes)


def site_only() -> None:
    """The site's rows alone (RETE_BENCH_SITO, RETE_BENCH_GIRI rounds at every size,
    RETE_BENCH_MOTORE), printed with every round's wall and CPU time; Zensical's time
    too when `make zensical` installed it (with the first engine only: neither depends
    on it)."""
    for number, engine in enumerate(ENGINES):
        _engine(engine)
        print(f"motore: {engine}", flush=True)
        _site_only_rows(engine, others=number == 0)


def _site_only_rows(engine: str, others: bool) -> None:
    for n in [int(n) for n in os.environ.get("RETE_BENCH_SITO", "1000").split(",") if n]:
        with tempfile.TemporaryDirectory() as tmp:
            tree = Path(tmp) / str(n) / "rete"
            tree.mkdir(parents=True)
            make_tree(tree, n, short_every=2, workshop=WORKSHOP)
            plain, built, again, ratios, again_ratios, edits = _site_rounds(tree, SITE_ROUNDS)
            for what, measured, ratio in (
                    (f"{engine} semplice (ricerca di Material)", plain, ""),
                    (f"make sito da zero ({engine}; libretto: {built_booklet(tree)})", built,
                     _ratio_said(ratios, "semplice")),
                    ("make sito di nuovo, niente cambiato", again,
                     _ratio_said(again_ratios, "semplice")),
                    *((f"make sito di nuovo, {EDITS[name]}", measured,
                       _ratio_said(edit_ratios, "semplice"))
                      for name, (measured, edit_ratios) in edits.items())):
                print(f"{n} | {what} | {measured['secondi']:.2f} s | "
                      f"{measured['memoria_mib']:.0f} MiB | {ratio}", flush=True)
            if not others:
                continue
            alone = run_step("weasyprint", tree)
            print(f"{n} | WeasyPrint da solo sull'HTML del libretto del workshop (nessun "
                  f"codice di rete) | {alone['secondi']:.2f} s (cpu {alone['cpu']:.2f} s) | "
                  f"{alone['memoria_mib']:.0f} MiB | {alone['pagine']} pagine; "
                  f"{alone['secondi'] / plain['secondi']:.2f}× semplice", flush=True)
            if ZENSICAL.exists():
                z = run_step("zensical", tree)
                print(f"{n} | zensical build dell'albero generato | {z['secondi']:.2f} s "
                      f"(cpu {z['cpu']:.2f} s) | {z['memoria_mib']:.0f} MiB | rete indice "
                      f"{z['indice_s']:.2f} s", flush=True)


def built_booklet(tree: Path) -> str:
    """How many schede and poli the workshop's booklet of ``tree`` holds."""
    from rete.booklet import document
    from rete.checks.validate import check

    choice = document.workshop(check(tree).knowledge)
    return f"{len(choice.schede)} schede e {len(choice.poli)} poli"


def short_rows(tree: Path, n: int, row) -> None:
    """`rete valida` on ``n`` schede all of a few paragraphs, against the parse floor:
    there the fixed cost of each file is most of the work."""
    tree.mkdir(parents=True)
    make_tree(tree, n, short_every=1)
    floor, valida, ratios = _alternate(tree, SITE_ROUNDS, ("floor", "valida"))
    row(n, "soglia, schede brevi (qualche paragrafo)", floor)
    row(n, "rete valida, schede brevi", valida, _ratio_said(ratios, "soglia"))
    shutil.rmtree(tree)


def import_rows(row) -> None:
    """Issue 19's measure: the same 1,000 survey rows as CSV and as XLSX, in alternating
    rounds (the target: XLSX in at most 1.2× the CSV's time)."""
    as_csv, as_xlsx, ratios = _alternate(ROOT, SITE_ROUNDS, ("importa", "importa_xlsx"))
    row(1000, "rete importa tabella, CSV (righe di questionario)", as_csv)
    row(1000, "rete importa tabella, XLSX (le stesse righe)", as_xlsx,
        _ratio_said(ratios, "CSV"))


def write_results(rows: list[list[str]], notes: list[str]) -> None:
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                            capture_output=True, text=True).stdout.strip() or "?"
    lines = ["# Risultati di `make bench`", "",
             f"Misurati il {when} su {os.cpu_count()} core ({platform.machine()}, "
             f"Python {platform.python_version()}, commit {commit}). "
             "Ogni passo gira in un processo suo: "
             "tempo senza l'avvio di Python, memoria massima del processo e dei suoi figli.",
             "", "| schede | passo | tempo | memoria | rapporto |",
             "|---:|---|---:|---:|---|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    lines += [""] + [f"- {note}" for note in notes]
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines[-len(notes) - 1:]))
    print(f"\nScritto {RESULTS.relative_to(ROOT)}")


if _optional("bench_richieste"):  # issue 21's steps, run in a child like the others
    STEPS.update(verifica_richieste=_optional("bench_richieste").step_verifica)

if _optional("bench_federa"):  # issue 25: a federation of 50 networks
    STEPS.update(federa=_optional("bench_federa").step_federa)

if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--passo":
        _child(sys.argv[2], Path(sys.argv[3]))
    elif sys.argv[1:] == ["--solo", "sito"]:  # issue 23's rows, RISULTATI.md untouched
        site_only()
    elif sys.argv[1:] == ["--solo", "importa"]:  # just these rows, RISULTATI.md untouched
        import_rows(lambda n, what, measured, ratio="": print(
            f"{n} | {what} | {measured['secondi']:.2f} s | {measured['memoria_mib']:.0f} MiB | "
            f"{ratio}", flush=True))
    else:
        main()

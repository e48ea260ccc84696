"""The booklet at scale: n schede of ~600 words, against a plain WeasyPrint render.

The goal (issue 8): the whole booklet (contents with target-counter, outline, QR
codes, running headers, index of libraries) costs at most 1.3× a plain WeasyPrint
render of the same HTML bodies measured in the same run, and under 400 MB. Each
render runs in its own process, so each peak memory is its own. The plain render
holds the same content as the booklet (the poli's pages and the schede), so the
ratio measures what the booklet adds: cover, contents, QR codes, running
headers, index of libraries, and (the booklet's clock only) loading the content
and making its HTML. The layout alone is printed too, against the same plain
render; the target is judged on the whole.

    .venv/bin/python benchmarks/bench_libretto.py [n]

``make bench`` calls ``run(tree, out)`` at every size it measures.
"""

from __future__ import annotations

import multiprocessing
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import NOUNS as WORDS, make_tree  # noqa: E402

RATIO = 1.3
MEMORY_MB = 400


def _long_bodies(root: Path, words: int = 600) -> None:
    """Make every scheda's body about ``words`` words, in paragraphs and sections."""
    rng = random.Random(8)
    for path in sorted((root / "schede").glob("*.md")):
        head = path.read_text("utf-8").split("\n---\n", 1)[0]
        paragraphs = [" ".join(rng.choice(WORDS) for _ in range(60)).capitalize() + "."
                      for _ in range(words // 60)]
        body = "\n\n".join(["## Descrizione", *paragraphs[:5], "## Come si realizza",
                            *paragraphs[5:]])
        path.write_text(f"{head}\n---\n\n{body}\n", encoding="utf-8")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _booklet(tree: str, queue) -> None:
    from rete.booklet import document, pdf
    from rete.checks.validate import check

    start = time.perf_counter()
    k = check(Path(tree)).knowledge
    b = document.build(k)
    source = document.to_html(b)
    prepared = time.perf_counter()
    laid_out, _ = pdf.render(source, b.folders, Path(tree))
    laid_out.write_pdf()
    end = time.perf_counter()
    queue.put((end - start, _peak_mb(), len(laid_out.pages), end - prepared))


def _plain(tree: str, queue) -> None:
    from weasyprint import HTML

    from rete.booklet import document
    from rete.checks.validate import check

    # The same bodies, prepared outside the clock: only WeasyPrint is measured.
    k = check(Path(tree)).knowledge
    b = document.build(k)
    bodies = "\n".join(f"<article>{e.html}</article>"
                       for e in [*b.poli, *(e for _, entries in b.parts for e in entries)])
    page = f"<!DOCTYPE html><html lang='it'><body>{bodies}</body></html>"
    start = time.perf_counter()
    laid_out = HTML(string=page).render()
    laid_out.write_pdf()
    seconds = time.perf_counter() - start
    queue.put((seconds, _peak_mb(), len(laid_out.pages), seconds))


def _measure(target, tree: Path) -> tuple[float, float, int, float]:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=target, args=(str(tree), queue))
    process.start()
    result = queue.get()
    process.join()
    return result


def run(tree: Path, out: Path) -> None:
    """Print the booklet of ``tree`` into ``out`` (the step of ``make bench``)."""
    from rete.booklet import document, pdf
    from rete.checks.validate import check

    b = document.build(check(Path(tree)).knowledge)
    pdf.write(document.to_html(b), Path(out) / "libretto.pdf", b.folders, Path(tree))


def compare(n: int = 200, rounds: int = 3) -> dict:
    """Measure the booklet and the plain render on ``n`` schede, ``rounds`` times each,
    one after the other; print and return the medians. On a shared virtual machine one
    round can differ from the next by a tenth: the median of alternating rounds is
    what the target is judged on."""
    plain_runs, booklet_runs = [], []
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "rete"
        tree.mkdir()
        make_tree(tree, n)
        _long_bodies(tree)
        for _ in range(rounds):
            plain_runs.append(_measure(_plain, tree))
            booklet_runs.append(_measure(_booklet, tree))
    ratios = sorted(b[0] / p[0] for p, b in zip(plain_runs, booklet_runs, strict=True))
    plain_s = statistics.median(r[0] for r in plain_runs)
    booklet_s = statistics.median(r[0] for r in booklet_runs)
    layout_s = statistics.median(r[3] for r in booklet_runs)
    booklet_mb = max(r[1] for r in booklet_runs)
    plain_mb = max(r[1] for r in plain_runs)
    booklet_pages, plain_pages = booklet_runs[0][2], plain_runs[0][2]
    ratio = statistics.median(ratios)
    print(f"libretto, {n} schede di ~600 parole     {booklet_s:7.2f} s  {booklet_mb:6.0f} MB  "
          f"{booklet_pages} pagine (mediana di {rounds})")
    print(f"  di cui impaginazione (WeasyPrint)     {layout_s:7.2f} s  "
          f"(rapporto {layout_s / plain_s:.2f})")
    print(f"WeasyPrint semplice, stessi testi       {plain_s:7.2f} s  {plain_mb:6.0f} MB  "
          f"{plain_pages} pagine (mediana di {rounds})")
    verdict = "ok" if ratio <= RATIO and booklet_mb < MEMORY_MB else "FUORI OBIETTIVO"
    print(f"rapporto {ratio:.2f} (mediana; i giri: {', '.join(f'{r:.2f}' for r in ratios)}; "
          f"obiettivo ≤ {RATIO}), memoria {booklet_mb:.0f} MB "
          f"(obiettivo < {MEMORY_MB} MB): {verdict}")
    return {"schede": n, "libretto_s": booklet_s, "semplice_s": plain_s, "rapporto": ratio,
            "rapporti": ratios, "impaginazione_s": layout_s, "libretto_mb": booklet_mb,
            "semplice_mb": plain_mb, "pagine": booklet_pages}


if __name__ == "__main__":
    compare(int(sys.argv[1]) if len(sys.argv) > 1 else 200)

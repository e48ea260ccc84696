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
    from rete.validate import check

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
    from rete.validate import check

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
    from rete.validate import check

    b = document.build(check(Path(tree)).knowledge)
    pdf.write(document.to_html(b), Path(out) / "libretto.pdf", b.folders, Path(tree))


def compare(n: int = 200) -> dict:
    """Measure the booklet and the plain render on ``n`` schede; print and return them."""
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "rete"
        tree.mkdir()
        make_tree(tree, n)
        _long_bodies(tree)
        plain_s, plain_mb, plain_pages, _ = _measure(_plain, tree)
        booklet_s, booklet_mb, booklet_pages, layout_s = _measure(_booklet, tree)
    ratio = booklet_s / plain_s
    print(f"libretto, {n} schede di ~600 parole     {booklet_s:7.2f} s  {booklet_mb:6.0f} MB  "
          f"{booklet_pages} pagine")
    print(f"  di cui impaginazione (WeasyPrint)     {layout_s:7.2f} s  "
          f"(rapporto {layout_s / plain_s:.2f})")
    print(f"WeasyPrint semplice, stessi testi       {plain_s:7.2f} s  {plain_mb:6.0f} MB  "
          f"{plain_pages} pagine")
    verdict = "ok" if ratio <= RATIO and booklet_mb < MEMORY_MB else "FUORI OBIETTIVO"
    print(f"rapporto {ratio:.2f} (obiettivo ≤ {RATIO}), memoria {booklet_mb:.0f} MB "
          f"(obiettivo < {MEMORY_MB} MB): {verdict}")
    return {"schede": n, "libretto_s": booklet_s, "semplice_s": plain_s, "rapporto": ratio,
            "impaginazione_s": layout_s, "libretto_mb": booklet_mb, "semplice_mb": plain_mb, "pagine": booklet_pages}


if __name__ == "__main__":
    compare(int(sys.argv[1]) if len(sys.argv) > 1 else 200)

"""Benchmarks on a synthetic network of 1000 schede: time, memory and page sizes.

Run with `make bench`. Nothing here asserts a time: it measures and prints.
"""

from __future__ import annotations

import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rete.render import pages  # noqa: E402
from rete.validate import check  # noqa: E402
from tests.sito import prepare  # noqa: E402

SCHEDE = int(os.environ.get("RETE_BENCH_SCHEDE", "1000"))
WORDS = ("biblioteca lettura bambini famiglie prestito volontari scuola incontro comunità "
         "libri archivio gioco laboratorio servizio rete").split()


def _word(rng: random.Random) -> str:
    return "".join(rng.choice("bcdfglmnprstv") + rng.choice("aeiou") for _ in range(3))


def make_tree(root: Path, n: int, title_words: int = 5) -> None:
    """A valid network of ``n`` schede, 60 libraries, 15 themes, 10 audiences."""
    rng = random.Random(42)
    libs = [f"biblioteca-{i}" for i in range(60)]
    themes = [f"tema-{i}" for i in range(15)]
    lines = ["nome: Rete di prova", "sito: https://rete.example.it/", "biblioteche:"]
    lines += [f"  - {{id: {b}, nome: Biblioteca {i}, comune: Comune {i}}}"
              for i, b in enumerate(libs)]
    lines += ["temi:"] + [f"  - {{id: {t}, nome: Tema {i}}}" for i, t in enumerate(themes)]
    audiences = [f"pubblico-{i}" for i in range(10)]
    lines += ["destinatari:"] + [f"  - {{id: {a}, nome: Pubblico {i}}}"
                                 for i, a in enumerate(audiences)]
    (root / "rete.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "schede").mkdir()
    (root / "poli").mkdir()
    for i, t in enumerate(themes):
        (root / "poli" / f"polo-{i}.md").write_text(
            f"---\nnome: Polo {i}\ntema: {t}\nbiblioteca: {libs[i]}\n"
            f"sintesi: Il polo offre servizi alle biblioteche della rete sul tema {i}.\n"
            f"referente: {{nome: Referente {i}, email: polo{i}@example.it}}\nstato: proposto\n"
            f"---\n\nDescrizione del polo {i}.\n", encoding="utf-8")
    for i in range(n):
        body = " ".join(rng.choice(WORDS) for _ in range(300))
        (root / "schede" / f"scheda-{i:04d}.md").write_text(
            f"---\ntitolo: {' '.join(_word(rng) for _ in range(title_words)).capitalize()}\n"
            f"biblioteca: {rng.choice(libs)}\ntema: {rng.choice(themes)}\n"
            f"destinatari: [{', '.join(rng.sample(audiences, rng.randint(1, 3)))}]\n"
            f"sintesi: Una pratica di prova che descrive un servizio della biblioteca {i}.\n"
            f"referente: {{nome: Persona {i}, email: persona{i}@example.it}}\n"
            f"periodo: {{inizio: 2026-01-01}}\n"
            f"parole_chiave: [{', '.join(rng.sample(WORDS, 2))}]\n"
            f"---\n\n## Descrizione\n\n{body}\n", encoding="utf-8")


def measure(label: str, func):
    start = time.perf_counter()
    value = func()
    print(f"{label:<38} {time.perf_counter() - start:7.2f} s")
    return value


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "rete"
        tree.mkdir()
        measure(f"genera {SCHEDE} schede finte", lambda: make_tree(tree, SCHEDE))
        result = measure("rete valida (in memoria)", lambda: check(tree))
        print(f"{'problemi trovati':<38} {len(result.problems):7d}")
        site = measure("pagine generate (in memoria)", lambda: pages.render(result.knowledge))
        print(f"{'pagine generate':<38} {len(site.pages):7d}")
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{'memoria massima (validazione + pagine)':<38} {rss:7.0f} MiB")
        config = prepare(tree)
        out = Path(tmp) / "site"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config),
                   "-d", str(out)]
        done = measure("mkdocs build --strict (con Pagefind)",
                       lambda: subprocess.run(command, env=env, capture_output=True, text=True))
        if done.returncode:
            print(done.stderr[-3000:])
            sys.exit(1)
        child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"{'memoria massima della costruzione':<38} {child:7.0f} MiB")
        htmls = sorted(out.rglob("*.html"), key=lambda p: p.stat().st_size)
        largest: dict[str, int] = {}
        for page in htmls:
            section = page.relative_to(out).parts[0] if len(page.relative_to(out).parts) > 1 \
                else "home"
            largest[section] = max(largest.get(section, 0), page.stat().st_size)
        for section, size in sorted(largest.items()):
            print(f"{'  la più grande in ' + section:<38} {size / 1024:7.1f} KiB")
        total = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
        print(f"{'pagine HTML':<38} {len(htmls):7d}")
        print(f"{'pagina HTML più grande':<38} {htmls[-1].stat().st_size / 1024:7.1f} KiB "
              f"({htmls[-1].relative_to(out).parent})")
        scheda = out / "schede" / "scheda-0000" / "index.html"
        print(f"{'una pagina di scheda':<38} {scheda.stat().st_size / 1024:7.1f} KiB")
        print(f"{'sito intero':<38} {total / 1024 / 1024:7.1f} MiB")
        shutil.rmtree(out)


if __name__ == "__main__":
    main()

"""Issue 25's benchmark: a generated federation of 50 networks × 2,000 schede.

Rows for `make bench` (``rows(row)``, called by ``bench.py`` when this module is there;
alone: ``python benchmarks/bench_federa.py``, or ``RETE_BENCH_RETI=5,50``): `rete federa
--out` over 5 and 50 networks (targets at 50: at most 60 s and 1.5 GB), with the largest
page written (target: at most 60 KB). Each network is the sample's open data, exported
once by `rete esporta`, its schede repeated under new ids up to 2,000, one in ten taking up
a practice of another network by address. Each step runs in its own process
(``bench.run_step``); nothing here asserts a time.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import random
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

NETWORKS = [int(n) for n in os.environ.get("RETE_BENCH_RETI", "5,50").split(",") if n]
SCHEDE = int(os.environ.get("RETE_BENCH_SCHEDE_RETE", "2000"))


def site(i: int) -> str:
    return f"https://rete-{i}.example.it/"


def make_federation(root: Path, networks: int, schede: int = SCHEDE, seed: int = 25) -> Path:
    """``networks`` exports of ``schede`` schede each and the federazione.yml naming them."""
    from rete.cli import main

    export = root / "campione"
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["--radice", str(ROOT), "esporta", "--formato", "json",
                     "--out", str(export)]) == 0
    data = {n: json.loads((export / f"{n}.json").read_text("utf-8")) for n in ("schede", "poli")}
    sample_site = data["schede"]["sito"]
    catalogue = (export / "catalogo.jsonld").read_text("utf-8")
    base = data["schede"]["schede"]
    rng = random.Random(seed)
    lines = ["nome: Portale di prova", "sito: https://portale.example.it/", "reti:"]
    for i in range(networks):
        folder = root / f"rete-{i}"
        folder.mkdir()
        records = []
        for n in range(schede):
            s = dict(base[n % len(base)], id=f"{base[n % len(base)]['id']}-{n}")
            s.pop("ripresa_da", None)
            if n % 10 == 0 and networks > 1:
                other = rng.choice([j for j in range(networks) if j != i])
                s["ripresa_da"] = [f"{site(other)}schede/{base[0]['id']}-{rng.randrange(schede)}/"]
            records.append(s)
        for name, items in (("schede", records), ("poli", data["poli"]["poli"])):
            out = dict(data[name], sito=site(i), rete=f"Rete {i}", **{name: items})
            (folder / f"{name}.json").write_text(json.dumps(out, ensure_ascii=False), "utf-8")
        (folder / "catalogo.jsonld").write_text(catalogue.replace(sample_site, site(i)), "utf-8")
        lines += [f"  - id: rete-{i}", f"    nome: Rete numero {i}", f"    sito: {site(i)}",
                  f"    dati: rete-{i}"]
    shutil.rmtree(export)
    (root / "federazione.yml").write_text("\n".join(lines) + "\n", "utf-8")
    return root / "federazione.yml"


def step_federa(tree: Path) -> dict:
    """`rete federa federazione.yml --out portale --formato json`, in ``tree``."""
    from rete.cli import main

    out = tree / "portale"
    with contextlib.redirect_stdout(io.StringIO()) as printed:
        code = main(["federa", str(tree / "federazione.yml"), "--out", str(out),
                     "--formato", "json"])
    if code:
        raise SystemExit(f"rete federa è uscito con {code}")
    pages = list(out.rglob("*.html"))
    largest = max(pages, key=lambda p: p.stat().st_size)
    return {"pagine": len(pages), "pagina_massima": largest.stat().st_size,
            "pagina_massima_nome": str(largest.relative_to(out)),
            "reti": len(json.loads(printed.getvalue())["reti"])}


def rows(row) -> None:
    from benchmarks import bench

    for networks in NETWORKS:
        with tempfile.TemporaryDirectory() as tmp:
            tree = Path(tmp)
            make_federation(tree, networks)
            done = bench.run_step("federa", tree)
            row(networks * SCHEDE, f"rete federa: {networks} reti × {SCHEDE:,} schede".replace(
                ",", "."), done,
                f"{done['pagine']:,} pagine; la più grande {done['pagina_massima'] / 1024:.1f} KiB "
                f"({done['pagina_massima_nome']}; obiettivo: al massimo 60 KB)".replace(",", "."))


def search_rows(row) -> None:
    """The first search across every network's bundle (target at 50: at most 600 KB gzip
    before the first results). Built and measured here, in this process."""
    import resource
    import time

    for networks in NETWORKS:
        start = time.perf_counter()
        found = first_search(networks)
        measured = {"secondi": time.perf_counter() - start,
                    "memoria_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
        row(networks * SCHEDE, f"prima ricerca del portale su {networks} indici Pagefind "
            "(costruzione degli indici compresa)", measured,
            f"{found['pagefind_gzip'] / 1024:.0f} KiB con gzip dagli indici prima dei primi "
            f"risultati, {found['richieste']} richieste (obiettivo a 50 reti: al massimo 600 KB)")


def run() -> None:
    """The rows, printed (RISULTATI.md untouched)."""
    def _print(n, what, measured, ratio=""):
        print(f"{n} | {what} | {measured['secondi']:.2f} s | {measured['memoria_mib']:.0f} MiB"
              f" | {ratio}", flush=True)

    rows(_print)




# --- the first search across every network's Pagefind bundle ---------------------------

def make_bundles(root: Path, networks: int, schede: int = SCHEDE) -> list[str]:
    """``networks`` Pagefind bundles of ``schede`` pages each (the sample's schede, as
    pages), at ``root/rete-i/pagefind/``; the networks' site paths."""
    from html import escape

    from rete.publish.search import Indexer

    from rete.cli import main

    export = root / "campione"
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["--radice", str(ROOT), "esporta", "--formato", "json",
                     "--out", str(export)]) == 0
    base = json.loads((export / "schede.json").read_text("utf-8"))["schede"]
    paths = []
    for i in range(networks):
        index = Indexer()
        for n in range(schede):
            s = base[n % len(base)]
            html = (f'<html lang="it"><head><title>{escape(s["titolo"])} {n}</title></head>'
                    f'<body><main data-pagefind-body><h1>{escape(s["titolo"])} {n}</h1>'
                    f'<p>{escape(s["sintesi"])}</p><p>{escape(s["testo"])}</p></main></body>'
                    "</html>")
            index.add(html, f"/schede/{s['id']}-{n}/")
        index.write(str(root / f"rete-{i}" / "pagefind"))
        paths.append(f"rete-{i}/")
    return paths


def _keep(bodies: dict, response) -> None:
    """A response's body, when it has one (a HEAD answer has none)."""
    try:
        bodies[response.url] = response.body()
    except Exception:  # noqa: BLE001 - playwright's Error: no body to read
        bodies.setdefault(response.url, b"")


def first_search(networks: int) -> dict:
    """Bytes a fresh Chromium downloads (and their gzip size) from opening the portal's
    search to its first results, over ``networks`` merged bundles."""
    import gzip
    import shutil as which
    import threading
    from functools import partial
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    from playwright.sync_api import sync_playwright

    from rete.cli import main

    class Cors(SimpleHTTPRequestHandler):
        def end_headers(self):
            self.send_header("Access-Control-Allow-Origin", "*")
            super().end_headers()

        def log_message(self, *args):
            pass

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        paths = make_bundles(root / "siti", networks)
        server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Cors, directory=str(root)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_port}/"
        fed = make_federation(root / "fed", networks, schede=20)
        text = fed.read_text("utf-8")
        for i in range(networks):
            text = text.replace(f"sito: {site(i)}", f"sito: {url}siti/rete-{i}/")
        fed.write_text(text, "utf-8")
        with contextlib.redirect_stdout(io.StringIO()):
            assert main(["federa", str(fed), "--out", str(root / "portale")]) == 0
        bodies: dict[str, bytes] = {}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=which.which("chromium") or "/usr/bin/chromium",
                args=["--headless", "--no-sandbox", "--disable-gpu"])
            page = browser.new_context().new_page()
            page.on("response", partial(_keep, bodies))
            page.goto(f"{url}portale/cerca.html?q=biblioteca")
            page.wait_for_selector("#rete-ricerca-risultati a", timeout=120_000)
            page.wait_for_load_state("networkidle")
            browser.close()
        server.shutdown()
        server.server_close()
    bundles = {u: b for u, b in bodies.items() if "/pagefind/" in u}
    kinds: dict[str, int] = {}
    for u, b in bundles.items():  # where the bytes go: .pf_meta, .pf_index, .pf_fragment…
        kind = Path(u.split("?")[0]).suffix or Path(u).name
        kinds[kind] = kinds.get(kind, 0) + len(b)
    return {"reti": networks, "richieste": len(bodies), "per_tipo": kinds,
            "pagefind": sum(map(len, bundles.values())),
            "pagefind_gzip": sum(len(gzip.compress(b)) for b in bundles.values()),
            "totale_gzip": sum(len(gzip.compress(b)) for b in bodies.values())}


if __name__ == "__main__":
    run()

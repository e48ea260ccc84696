"""The benchmark's generated federation (benchmarks/bench_federa.py) at a small size:
what `make bench` measures at 50 networks × 2,000 schede still builds, within 60 KB a page,
and follows practices across networks."""

from __future__ import annotations

import json

from benchmarks.bench_federa import make_bundles, make_federation, step_federa
from rete import cli
from rete.federation.cards import MAX_PAGE


def test_the_generated_federation_builds_within_the_page_bound(tmp_path, capsys):
    make_federation(tmp_path, 3, schede=120)
    done = step_federa(tmp_path)
    assert done["reti"] == 3 and done["pagina_massima"] <= MAX_PAGE
    assert cli.main(["federa", str(tmp_path / "federazione.yml"), "--formato", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [r["schede"] for r in data["reti"]] == [120, 120, 120]
    assert len(data["adozioni_tra_reti"]) == 3 * 12
    assert all(a["da_rete"] and a["da_rete"] != a["rete"] for a in data["adozioni_tra_reti"])


def test_the_search_benchmark_builds_a_pagefind_bundle_per_network(tmp_path):
    """What the first-search row of `make bench` serves: one bundle of the asked number
    of pages for each network (an import moved in a refactoring once broke it unseen)."""
    paths = make_bundles(tmp_path, 2, schede=3)
    assert paths == ["rete-0/", "rete-1/"]
    for path in paths:
        entry = json.loads((tmp_path / path / "pagefind" / "pagefind-entry.json").read_text())
        assert entry["languages"]["it"]["page_count"] == 3

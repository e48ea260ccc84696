"""The workflows that build the site keep rete's shelf (.cache/rete) between runs, so
a push that changed nothing the booklet is made from does not lay it out again."""

from __future__ import annotations

import pytest

from rete.runtime.stored import FOLDER

from .test_workflows import load

CACHE = "actions/cache@5a3ec84eff668545956fd18022155c47e93e2684"


@pytest.mark.parametrize("name, job", [("pubblica.yml", "costruisci"),
                                       ("verifica.yml", "verifica")])
def test_the_site_build_restores_and_saves_the_shelf(name, job):
    steps = load(name)["jobs"][job]["steps"]
    cached = [i for i, s in enumerate(steps) if s.get("uses", "").startswith(CACHE)]
    built = [i for i, s in enumerate(steps) if "mkdocs build" in s.get("run", "")
             or "make sito" in s.get("run", "") or "properdocs build" in s.get("run", "")]
    assert len(cached) == 1 and built and cached[0] < built[0]
    given = steps[cached[0]]["with"]
    assert given["path"] == FOLDER.as_posix()
    # keyed by what the products are made from; the latest cache restored otherwise
    for source in ("rete.yml", "schede/**", "poli/**", "scripts/rete/**"):
        assert f"'{source}'" in given["key"]
    prefix = given["key"].split("${{ hashFiles")[0]
    assert given["restore-keys"].strip() == prefix

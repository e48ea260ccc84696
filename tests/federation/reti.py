"""Three example networks made from the sample content: its open data exported once by
`rete esporta`, then copied with other ids, sites, names and themes per network."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from rete import cli

from ..conftest import copy_sample

SITES = {"alfa": "https://alfa.example.it/", "beta": "https://beta.example.org/rete/",
         "gamma": "https://gamma.example.net/"}


def export_sample(tmp: Path) -> Path:
    tree = copy_sample(tmp / "albero")
    out = tmp / "export"
    assert cli.main(["--radice", str(tree), "esporta", "--out", str(out)]) == 0
    return out


def edit(folder: Path, name: str, change) -> None:
    path = folder / f"{name}.json"
    data = json.loads(path.read_text("utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")


def make_networks(export: Path, root: Path) -> Path:
    """alfa: the sample as exported; beta: its themes renamed, one scheda taking up an
    alfa practice by address; gamma: fewer schede, a scheda taking up a beta practice.
    Returns federazione.yml."""
    sample = json.loads((export / "schede.json").read_text("utf-8"))["sito"]
    for rid, site in SITES.items():
        shutil.copytree(export, root / rid)
        for path in (root / rid).iterdir():  # each network publishes from its own site
            if path.suffix in (".json", ".jsonld", ".ttl"):
                path.write_text(path.read_text("utf-8").replace(sample, site), "utf-8")
    first = json.loads((export / "schede.json").read_text("utf-8"))["schede"]

    def beta(data):
        data["rete"] = "Rete Beta"
        for s in data["schede"]:
            s["tema"] = "b-" + s["tema"]
        data["schede"][0]["ripresa_da"] = [SITES["alfa"] + f"schede/{first[1]['id']}/"]
        data["nomi"]["temi"] = {"b-" + k: v for k, v in data["nomi"]["temi"].items()}

    def gamma(data):
        data["rete"] = "Rete Gamma"
        data["schede"] = data["schede"][:5]
        data["schede"][2]["ripresa_da"] = [SITES["beta"] + f"schede/{first[3]['id']}/#come"]

    edit(root / "beta", "schede", beta)
    edit(root / "gamma", "schede", gamma)
    theme = first[1]["tema"]
    (root / "federazione.yml").write_text(
        "nome: Biblioteche di prova in rete\n"
        "sito: https://portale.example.it/\n"
        "ente: Rete delle Reti di prova\n"
        "reti:\n" + "".join(
            f"  - id: {rid}\n    nome: Rete {rid.capitalize()}\n    sito: {site}\n"
            f"    dati: {rid}\n" for rid, site in SITES.items())
        + f"temi:\n  {theme}: [beta:b-{theme}]\n", "utf-8")
    return root / "federazione.yml"

"""`rete federa`: federazione.yml checked in Italian, each network's open data read or
left out with its reason, and the figures across networks (`--formato json`)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from rete import cli
from rete.federation.config import load
from rete.federation.exports import read_all

from .reti import SITES, edit


def run(capsys, *args) -> tuple[int, str, str]:
    code = cli.main(["federa", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def published(folder: Path, name: str) -> int:
    return len(json.loads((folder / f"{name}.json").read_text("utf-8"))[name])


def test_the_json_lists_every_network_and_only_json_is_printed(federation, capsys):
    code, out, err = run(capsys, federation, "--formato", "json")
    assert code == 0 and err == ""
    data = json.loads(out)  # the whole standard output
    root = federation.parent
    assert data["reti"] == [{"id": rid, "schede": published(root / rid, "schede"),
                             "poli": published(root / rid, "poli")} for rid in SITES]
    assert data["reti"][2]["schede"] == 5 and data["escluse"] == []


def test_practices_taken_up_from_another_network_are_followed(federation, export, capsys):
    first = json.loads((export / "schede.json").read_text("utf-8"))["schede"]
    data = json.loads(run(capsys, federation, "--formato", "json")[1])
    cross = data["adozioni_tra_reti"]
    assert {"scheda": first[0]["id"], "rete": "beta",
            "ripresa_da": f"https://alfa.example.it/schede/{first[1]['id']}/",
            "da_rete": "alfa"} in cross
    assert {"scheda": first[2]["id"], "rete": "gamma",
            "ripresa_da": f"https://beta.example.org/rete/schede/{first[3]['id']}/#come",
            "da_rete": "beta"} in cross
    # the sample's own addresses of sites the portal does not list: da_rete null
    assert all(a["da_rete"] is None for a in cross
               if not a["ripresa_da"].startswith(tuple(SITES.values())))


BROKEN = {
    "manca": (lambda d: shutil.rmtree(d), "manca il file schede.json"),
    "rotto": (lambda d: (d / "poli.json").write_text("{non è json", "utf-8"),
              "il file poli.json non è un JSON leggibile"),
    "versione": (lambda d: edit(d, "schede", lambda x: x.update(versione=99)),
                 "nella versione 99, che il portale non conosce"),
    "licenza": (lambda d: edit(d, "poli", lambda x: x.pop("licenza")),
                "non dice con quale licenza"),
    "forma": (lambda d: edit(d, "schede", lambda x: x.update(schede={"a": 1})),
              "non ha la forma dei dati aperti di rete"),
}


@pytest.mark.parametrize("case", BROKEN)
def test_a_network_that_cannot_be_read_is_left_out_with_its_reason(federation, capsys, case):
    damage, reason = BROKEN[case]
    damage(federation.parent / "gamma")
    code, out, err = run(capsys, federation, "--formato", "json")
    data = json.loads(out)
    assert code == 0 and [r["id"] for r in data["reti"]] == ["alfa", "beta"]
    [left] = data["escluse"]
    assert left["id"] == "gamma" and reason in left["motivo"]
    code, out, _ = run(capsys, federation)
    assert f"- gamma: esclusa, {left['motivo']}" in out and "2 reti su 3 lette" in out


def test_exit_1_only_when_no_network_can_be_read(federation, capsys):
    for rid in ("alfa", "beta"):
        (federation.parent / rid / "schede.json").unlink()
    assert run(capsys, federation)[0] == 0
    (federation.parent / "gamma" / "schede.json").unlink()
    code, out, err = run(capsys, federation, "--formato", "json")
    assert code == 1 and len(json.loads(out)["escluse"]) == 3
    assert "nessuna rete può essere letta" in err


def test_an_export_without_version_is_read_as_version_1(federation, capsys):
    for name in ("schede", "poli"):
        edit(federation.parent / "alfa", name, lambda x: x.pop("versione"))
    code, out, _ = run(capsys, federation)
    assert code == 0
    assert "- alfa: " in out and "(dati senza «versione»: letti come versione 1)" in out


def test_the_export_says_its_version_and_the_names_behind_the_ids(export):
    data = json.loads((export / "schede.json").read_text("utf-8"))
    assert data["versione"] == 1
    s = data["schede"][0]
    assert data["nomi"]["biblioteche"][s["biblioteca"]].startswith("Biblioteca")
    assert s["tema"] in data["nomi"]["temi"]


def test_themes_are_matched_by_id_or_by_the_mapping(federation, export):
    fed, problems = load(federation)
    assert problems == []
    theme = json.loads((export / "schede.json").read_text("utf-8"))["schede"][1]["tema"]
    assert fed.regional_theme("beta", f"b-{theme}") == theme
    assert fed.regional_theme("alfa", theme) == theme
    assert fed.regional_theme("beta", "b-altro") == "b-altro"
    networks, _ = read_all(fed)
    assert networks[1].name("temi", f"b-{theme}") != f"b-{theme}"


@pytest.mark.parametrize("text,line,message,hint", [
    ("nome: P\nsito: https://p.it/\nreti: []\n", 1, "troppo corto", None),
    ("nome: Portale\nsito: p.it\nreti:\n  - {id: a, nome: Aa, sito: https://a.it/, dati: a}\n",
     2, "https://", None),
    ("nome: Portale\nsito: https://p.it/\nreti:\n  - id: a\n    nome: A\n    sito: "
     "https://a.it/\n    dati: a\n    date: b\n", 8, "campo sconosciuto «date»",
     "forse intendevi «dati»?"),
    ("nome: Portale\nsito: https://p.it/\nreti:\n  - {id: a, nome: Aa, sito: https://a.it/, "
     "dati: a}\n  - {id: a, nome: Bb, sito: https://b.it/, dati: b}\n", 5,
     "la rete «a» è elencata due volte", None),
    ("nome: Portale\nsito: https://p.it/\nreti:\n  - {id: alfa, nome: Aa, sito: https://a.it/, "
     "dati: a}\ntemi:\n  lettura:\n    - alfo:leggere\n", 7, "nomina la rete «alfo»",
     "forse intendevi «alfa»?"),
    ("nome: Portale\nsito: https://p.it/\nreti:\n  - {id: alfa, nome: Aa, sito: https://a.it/, "
     "dati: a}\ntemi:\n  lettura: [leggere]\n", 6, "rete:tema", None),
])
def test_federazione_yml_problems_are_italian_with_line_and_hint(tmp_path, capsys, text, line,
                                                                 message, hint):
    path = tmp_path / "federazione.yml"
    path.write_text(text, "utf-8")
    fed, problems = load(path)
    assert fed is None and problems
    assert any(message in p.message or message in (p.hint or "") for p in problems), problems
    first = next(p for p in problems if message in p.message or message in (p.hint or ""))
    assert first.line == line or (line == 1 and first.line in (None, 1)), first
    if hint:
        assert first.hint == hint
    code, out, _ = run(capsys, path)
    assert code == 1 and "il portale non è stato costruito" in out and "Traceback" not in out


def test_rete_guida_federazione_prints_every_field(capsys):
    assert cli.main(["guida", "federazione"]) == 0
    out = capsys.readouterr().out
    for field in ("nome", "sito", "ente", "reti", "reti[].id", "reti[].nome", "reti[].sito",
                  "reti[].dati", "temi"):
        assert f"| `{field}` |" in out, field


def test_the_readme_federazione_yml_is_valid(tmp_path):
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text("utf-8")
    section = readme.split("## Una rete di reti", 1)[1]
    example = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "federazione.yml").write_text(example, "utf-8")
    fed, problems = load(tmp_path / "federazione.yml")
    assert problems == [] and [m.id for m in fed.reti] == ["csbno", "brianza"]
    assert fed.regional_theme("brianza", "lettura-adulti") == "lettura"


def test_data_are_read_from_an_address_as_from_a_folder(federation, capsys):
    """What CI does with the networks' sites, here against a server on this machine."""
    from ..sito import served

    root = federation.parent
    with served(root) as url:
        text = federation.read_text("utf-8")
        text = text.replace("    dati: alfa\n", f"    dati: {url}alfa/\n")
        text = text.replace("    dati: gamma\n", f"    dati: {url}non-ce/\n")
        federation.write_text(text, "utf-8")
        code, out, _ = run(capsys, federation, "--formato", "json")
    data = json.loads(out)
    assert code == 0 and [r["id"] for r in data["reti"]] == ["alfa", "beta"]
    assert data["reti"][0]["schede"] == published(root / "alfa", "schede")
    assert data["escluse"] == [{"id": "gamma", "motivo": "manca il file schede.json tra i dati "
                                                        "aperti della rete"}]


def test_with_json_a_wrong_federazione_yml_prints_nothing_on_standard_output(tmp_path, capsys):
    path = tmp_path / "federazione.yml"
    path.write_text("nome: Portale\nreti: 3\n", "utf-8")
    code, out, err = run(capsys, path, "--formato", "json")
    assert code == 1 and out == ""
    assert "federazione.yml:2: errore: campo «reti»" in err  # reti: 3 is not a list
    assert "sito" in err  # and the missing address is said too

""".github/scripts/accetta.py: the job that pushes takes from an artifact only what
an import may change; anything else, and nothing at all is applied."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import ROOT

SCRIPT = ROOT / ".github" / "scripts" / "accetta.py"


def accept(rules: str, artifact: Path, checkout: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), "--regole", rules, str(artifact)],
                          cwd=checkout, capture_output=True, text=True)


@pytest.fixture
def checkout(tmp_path) -> Path:
    root = tmp_path / "checkout"
    for rel, text in {"schede/esiste.md": "prima\n", "poli/polo.md": "polo\n",
                      "arrivi/mario.docx": "DOCX", "arrivi/vecchio.errori.txt": "vecchio\n",
                      "arrivi/rifiutato.txt": "testo\n", "rete.yml": "rete\n"}.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, "utf-8")
    return root


def artifact(tmp_path, files: dict[str, str], deleted=()) -> Path:
    base = tmp_path / "artefatto"
    (base / "file").mkdir(parents=True)
    for rel, text in files.items():
        (base / "file" / rel).parent.mkdir(parents=True, exist_ok=True)
        (base / "file" / rel).write_text(text, "utf-8")
    (base / "cancellati.txt").write_text("".join(d + "\n" for d in deleted), "utf-8")
    return base


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() if p.is_file() else b"<dir>"
            for p in sorted(root.rglob("*"))}


GOOD = {
    "proposta": ({"schede/nuova.md": "x\n"}, ()),
    "polo": ({"poli/nuovo.md": "x\n"}, ()),
    "richiesta": ({"richieste/prima.md": "x\n"}, ()),
    "cartella-con-materiali": ({"schede/nuova/index.md": "x\n", "schede/nuova/foto.jpg": "j"},
                               ()),
}
GOOD_INBOX = {
    "spostato": ({"schede/da-mario.md": "x\n", "arrivi/importati/mario.docx": "DOCX"},
                 ("arrivi/mario.docx",)),
    "errori-nuovi": ({"arrivi/rifiutato.errori.txt": "correggi\n"}, ()),
    "errori-aggiornati": ({"arrivi/vecchio.errori.txt": "nuovo\n"}, ()),
    "errori-tolti": ({}, ("arrivi/vecchio.errori.txt",)),
}


@pytest.mark.parametrize("rules, case", [("proposta", c) for c in GOOD] +
                         [("arrivi", c) for c in GOOD] + [("arrivi", c) for c in GOOD_INBOX])
def test_allowed_changes_are_applied_and_listed(tmp_path, checkout, rules, case):
    files, deleted = {**GOOD, **GOOD_INBOX}[case]
    before = snapshot(checkout)
    done = accept(rules, artifact(tmp_path, files, deleted), checkout)
    assert done.returncode == 0, done.stdout + done.stderr
    after = snapshot(checkout)
    for rel, text in files.items():
        assert after[rel] == text.encode()
    for rel in deleted:
        assert rel not in after
        assert f"tolto: {rel}" in done.stdout
    untouched = set(before) - set(files) - set(deleted)
    assert all(after[rel] == before[rel] for rel in untouched)


BAD = {
    "scheda-cambiata": ({"schede/esiste.md": "dopo\n"}, (),
                        "schede/esiste.md: il file c'è già e non può essere cambiato"),
    "rete-yml": ({"rete.yml": "x\n"}, (), "rete.yml: il file c'è già"),
    "fuori-dalle-raccolte": ({"docs/index.md": "x\n"}, (),
                             "docs/index.md: qui non si possono aggiungere file"),
    "workflow": ({".github/workflows/x.yml": "x\n"}, (), "un nome nascosto"),
    "punto-punto": ({}, ("arrivi/../rete.yml",), "arrivi/../rete.yml: contiene «.», «..»"),
    "controllo": ({"schede/a\x1b[32mok.md": "x\n"}, (), "schede/a\\u001b[32mok.md: contiene "
                                                         "caratteri di controllo"),
    "maiuscole": ({"schede/Esiste.md": "x\n"}, (), "stesso nome, a meno di maiuscole"),
    "cancellazione": ({}, ("schede/esiste.md",), "schede/esiste.md: qui non si possono togliere"),
    "arrivi-in-proposta": ({"arrivi/importati/mario.docx": "DOCX"}, (),
                           "qui non si possono aggiungere file"),
}
BAD_INBOX = {
    "tolto-senza-arrivare": ({}, ("arrivi/mario.docx",), "arrivi/mario.docx: sarebbe tolto "
                                                         "senza arrivare in arrivi/importati/"),
    "arriva-diverso": ({"arrivi/importati/mario.docx": "ALTRO"}, ("arrivi/mario.docx",),
                       "sarebbe tolto senza arrivare"),
    "arrivo-cambiato": ({"arrivi/mario.docx": "ALTRO"}, (), "il file c'è già"),
    "nuovo-in-arrivi": ({"arrivi/nuovo.docx": "x"}, (), "qui non si possono aggiungere file"),
    "non-esiste": ({}, ("arrivi/fantasma.txt",), "non c'è un file da togliere"),
    "tolto-importato": ({}, ("arrivi/importati/vecchio.docx",), "qui non si possono togliere"),
}


@pytest.mark.parametrize("rules, case", [("proposta", c) for c in BAD] +
                         [("arrivi", c) for c in BAD if c != "arrivi-in-proposta"] +
                         [("arrivi", c) for c in BAD_INBOX])
def test_any_other_change_refuses_the_whole_artifact(tmp_path, checkout, rules, case):
    files, deleted, reason = {**BAD, **BAD_INBOX}[case]
    files = {**files, "schede/innocua.md": "x\n"}  # one good file: not applied either
    before = snapshot(checkout)
    done = accept(rules, artifact(tmp_path, files, deleted), checkout)
    assert done.returncode == 1
    assert done.stdout.startswith("Le modifiche non sono state accettate, per questi motivi:")
    assert reason in done.stdout
    assert snapshot(checkout) == before


def test_links_and_special_files_in_the_artifact_are_refused(tmp_path, checkout):
    base = artifact(tmp_path, {"schede/vera.md": "x\n"})
    (base / "file" / "schede" / "link.md").symlink_to("/etc/passwd")
    (base / "file" / "poli").symlink_to("/etc")
    os.mkfifo(base / "file" / "schede" / "tubo.md")
    before = snapshot(checkout)
    done = accept("proposta", base, checkout)
    assert done.returncode == 1
    assert "- schede/link.md: è un collegamento simbolico" in done.stdout
    assert "- poli: è un collegamento simbolico" in done.stdout
    assert "- schede/tubo.md: non è un file normale" in done.stdout
    assert snapshot(checkout) == before


def test_a_link_in_the_checkout_is_never_followed(tmp_path, checkout):
    outside = tmp_path / "fuori"
    outside.mkdir()
    (checkout / "schede" / "cartella").symlink_to(outside)
    done = accept("proposta", artifact(tmp_path, {"schede/cartella/index.md": "x\n"}), checkout)
    assert done.returncode == 1
    assert "una cartella del percorso non è una cartella vera" in done.stdout
    assert list(outside.iterdir()) == []


def test_the_list_of_deletions_cannot_reach_outside(tmp_path, checkout):
    secret = tmp_path / "segreto.txt"
    secret.write_text("s", "utf-8")
    for line in ("../segreto.txt", str(secret), "arrivi/../rete.yml"):
        done = accept("arrivi", artifact(tmp_path / line.replace("/", "_"), {}, (line,)), checkout)
        assert done.returncode == 1, line
    assert secret.exists() and (checkout / "rete.yml").exists()

"""The `rete` command line, called in-process through ``rete.cli.main``.

Output formats, exit codes, Italian usage messages, `rete nuova` and its
templates, `rete guida`, and the repository's own sample content.
"""

from __future__ import annotations

import argparse
import errno
import os
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from rete.cli import main, parser
from rete.content.schema import schema
from rete.checks.validate import check

from ..conftest import ROOT

SCHEDA = "schede/letture-al-nido.md"
POLO = "poli/polo-lettura.md"
EMAIL = "  email: ragazzi@centrale.example.it"


# --- helpers ---------------------------------------------------------------

def edit(tree: Path, rel: str, old: str, new: str) -> None:
    """Replace ``old`` (which must be there) by ``new`` in one file of the tree."""
    path = tree / rel
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} non è in {rel}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def add_fields(tree: Path, rel: str, lines: str) -> None:
    """Add lines at the end of a document's front-matter."""
    path = tree / rel
    head, sep, rest = path.read_text("utf-8").partition("\n---\n")
    path.write_text(head + "\n" + lines.rstrip("\n") + sep + rest, "utf-8")


def add_image_without_alt(tree: Path) -> None:
    """An image without alternative text, and (the scheda being one file, not a folder)
    a file the site does not have."""
    edit(tree, SCHEDA, "## Come si realizza\n", "![](foto-nido.jpg)\n\n## Come si realizza\n")


def leave_polo_without_schede(tree: Path) -> None:
    """A warning and no error: no scheda has the polo's theme."""
    edit(tree, POLO, "tema: lettura-0-6", "tema: storia-locale")


def break_email(tree: Path) -> None:
    edit(tree, SCHEDA, EMAIL, "  email: ragazzi.centrale.example.it")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def usage_error(capsys, *argv: str) -> tuple[int, str, str]:
    """Run an invocation argparse refuses; return its exit code, stdout and stderr."""
    with pytest.raises(SystemExit) as exc:
        main(list(argv))
    captured = capsys.readouterr()
    return exc.value.code, captured.out, captured.err


@pytest.fixture
def uno_e_uno(minimo) -> Path:
    """The minimal tree with errors (lines 9 and 22) and one warning (line 22)."""
    break_email(minimo)
    add_image_without_alt(minimo)
    return minimo


# --- output formats ----------------------------------------------------------

EXPECTED_TESTO = """\
schede/letture-al-nido.md:9: errore: campo 'referente.email': l'indirizzo email non è valido: trovato il testo «ragazzi.centrale.example.it»
schede/letture-al-nido.md:22: errore: l'immagine «foto-nido.jpg» non porta a nessuna pagina né file del sito
    suggerimento: un file si pubblica dalla cartella della scheda: crea la cartella schede/NOME/, sposta la scheda in index.md, metti il file accanto
schede/letture-al-nido.md:22: avviso: un'immagine non ha il testo alternativo
    suggerimento: scrivi tra le parentesi quadre che cosa mostra: ![bambini che leggono](foto.jpg)
1 scheda e 1 polo controllati: 2 errori e 1 avviso.
"""


def test_formato_testo_is_exact(uno_e_uno, capsys):
    code, out, err = run(capsys, "valida", "--radice", str(uno_e_uno))
    assert out == EXPECTED_TESTO
    assert err == ""
    assert code == 1


def test_formato_testo_is_the_default(uno_e_uno, capsys):
    _, default, _ = run(capsys, "valida", "--radice", str(uno_e_uno))
    _, explicit, _ = run(capsys, "valida", "--radice", str(uno_e_uno), "--formato", "testo")
    assert default == explicit


def test_formato_github_annotations(uno_e_uno, capsys):
    code, out, _ = run(capsys, "valida", "--radice", str(uno_e_uno), "--formato", "github")
    lines = out.splitlines()
    assert lines[0] == (
        "::error file=schede/letture-al-nido.md,line=9,title=errore::campo 'referente.email': "
        "l'indirizzo email non è valido: trovato il testo «ragazzi.centrale.example.it»")
    assert lines[1] == (
        "::error file=schede/letture-al-nido.md,line=22,title=errore::l'immagine "
        "«foto-nido.jpg» non porta a nessuna pagina né file del sito — suggerimento: un file "
        "si pubblica dalla cartella della scheda: crea la cartella schede/NOME/, sposta la "
        "scheda in index.md, metti il file accanto")
    assert lines[2] == (
        "::warning file=schede/letture-al-nido.md,line=22,title=avviso::un'immagine non ha il "
        "testo alternativo — suggerimento: scrivi tra le parentesi quadre che cosa mostra: "
        "![bambini che leggono](foto.jpg)")
    assert lines[3] == "1 scheda e 1 polo controllati: 2 errori e 1 avviso."
    assert len(lines) == 4
    assert code == 1


def test_formato_github_without_line(minimo, capsys):
    """A problem with no line (a missing key) has no line= property."""
    edit(minimo, SCHEDA, "sintesi: Ogni settimana le bibliotecarie leggono ad alta voce ai "
                         "bambini del nido comunale.\n", "")
    _, out, _ = run(capsys, "valida", "--radice", str(minimo), "--formato", "github")
    first = out.splitlines()[0]
    assert first.startswith("::error file=schede/letture-al-nido.md,title=errore::campo 'sintesi'")
    assert "line=" not in first


def test_formato_json(minimo, capsys):
    # riga null: a missing key
    edit(minimo, SCHEDA, "sintesi: Ogni settimana le bibliotecarie leggono ad alta voce ai "
                         "bambini del nido comunale.\n", "")
    # campo with a numeric list index: a file attached to a plain (non-folder) scheda
    add_fields(minimo, SCHEDA, "materiali:\n  - titolo: Il volantino\n    file: volantino.pdf")
    # a draft is counted like any other scheda
    draft = (minimo / SCHEDA).read_text("utf-8")
    draft = draft.replace("titolo: Letture ad alta voce al nido",
                          "titolo: Laboratorio di fumetto per ragazzi\nbozza: true")
    draft = draft.replace("materiali:\n  - titolo: Il volantino\n    file: volantino.pdf\n", "")
    draft = draft.replace("periodo:", "sintesi: I ragazzi disegnano e scrivono un fumetto "
                                      "sulla storia della biblioteca.\nperiodo:")
    (minimo / "schede" / "fumetto.md").write_text(draft, "utf-8")

    code, out, _ = run(capsys, "valida", "--radice", str(minimo), "--formato", "json")
    data = json.loads(out)
    assert code == 1
    assert {"schede", "poli", "problemi"} <= set(data)
    assert data["schede"] == 2
    assert data["poli"] == 1
    for problem in data["problemi"]:
        assert {"file", "riga", "livello", "campo", "messaggio"} <= set(problem)
        assert problem["livello"] in ("errore", "avviso")
    by_field = {p["campo"]: p for p in data["problemi"]}
    assert set(by_field) == {"sintesi", "materiali.0.file"}
    missing = by_field["sintesi"]
    assert missing["riga"] is None
    assert missing["file"] == SCHEDA
    assert missing["livello"] == "errore"
    assert missing["messaggio"] == "campo obbligatorio mancante"
    attached = by_field["materiali.0.file"]
    assert isinstance(attached["riga"], int)
    assert attached["riga"] == 14
    assert "scheda-cartella" in attached["messaggio"]


def test_formato_json_clean_tree(minimo, capsys):
    code, out, _ = run(capsys, "valida", "--radice", str(minimo), "--formato", "json")
    assert json.loads(out) == {"schede": 1, "poli": 1, "problemi": []}
    assert code == 0


# --- exit codes --------------------------------------------------------------

def test_exit_0_when_clean(minimo, capsys):
    code, out, _ = run(capsys, "valida", "--radice", str(minimo))
    assert out == "1 scheda e 1 polo controllati: nessun problema.\n"
    assert code == 0


def test_exit_1_with_errors(minimo, capsys):
    break_email(minimo)
    code, _, _ = run(capsys, "valida", "--radice", str(minimo))
    assert code == 1


def test_exit_0_with_warnings_only(minimo, capsys):
    leave_polo_without_schede(minimo)
    code, out, _ = run(capsys, "valida", "--radice", str(minimo))
    assert ": avviso: " in out and ": errore: " not in out
    assert code == 0


def test_exit_1_with_warnings_and_severo(minimo, capsys):
    leave_polo_without_schede(minimo)
    code, _, _ = run(capsys, "valida", "--radice", str(minimo), "--severo")
    assert code == 1


def test_severo_on_a_clean_tree_is_0(minimo, capsys):
    code, _, _ = run(capsys, "valida", "--radice", str(minimo), "--severo")
    assert code == 0


def test_exit_2_bad_formato_in_italian(minimo, capsys):
    code, out, err = usage_error(capsys, "valida", "--radice", str(minimo), "--formato", "xml")
    assert code == 2
    assert "errore: argomento --formato: scelta non valida" in err
    assert "uso:" in err
    assert "usage:" not in err and "invalid choice" not in err
    assert out == ""


def test_exit_2_unknown_option_in_italian(minimo, capsys):
    code, _, err = usage_error(capsys, "valida", "--radice", str(minimo), "--colori")
    assert code == 2
    assert "argomenti non riconosciuti: --colori" in err
    assert "unrecognized" not in err


def test_exit_2_unknown_command_in_italian(capsys):
    code, _, err = usage_error(capsys, "valdia")
    assert code == 2
    assert "scelta non valida" in err


def test_no_command_prints_help_and_exits_2(capsys):
    code, out, _ = run(capsys)
    assert code == 2
    assert "uso:" in out


def test_radice_before_the_subcommand(uno_e_uno, capsys):
    code, out, _ = run(capsys, "--radice", str(uno_e_uno), "valida")
    assert out == EXPECTED_TESTO
    assert code == 1


def test_radice_after_the_subcommand(uno_e_uno, capsys):
    code, out, _ = run(capsys, "valida", "--radice", str(uno_e_uno))
    assert out == EXPECTED_TESTO
    assert code == 1


def test_missing_radice_folder_is_an_italian_error(tmp_path, capsys):
    missing = tmp_path / "non-esiste"
    code, out, err = run(capsys, "valida", "--radice", str(missing))
    assert code == 2
    assert out == ""
    assert err.startswith(f"errore: la cartella {missing} non esiste\n")
    assert "suggerimento:" in err
    assert "Traceback" not in err


def _rete(*argv: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rete", *argv], cwd=cwd, capture_output=True,
                          text=True, encoding="utf-8", timeout=120)


def test_real_process_exit_codes(minimo, tmp_path):
    clean = _rete("valida", "--radice", str(minimo), cwd=tmp_path)
    assert clean.returncode == 0, clean.stderr
    assert clean.stdout == "1 scheda e 1 polo controllati: nessun problema.\n"

    break_email(minimo)
    failing = _rete("valida", "--radice", str(minimo), cwd=tmp_path)
    assert failing.returncode == 1, failing.stderr
    assert ": errore: " in failing.stdout

    bad_usage = _rete("valida", "--radice", str(minimo), "--formato", "xml", cwd=tmp_path)
    assert bad_usage.returncode == 2
    assert "errore: argomento --formato: scelta non valida" in bad_usage.stderr

    missing = _rete("valida", "--radice", str(tmp_path / "non-esiste"), cwd=tmp_path)
    assert missing.returncode == 2
    assert missing.stderr.startswith("errore: la cartella ")
    assert "Traceback" not in missing.stderr


def test_real_process_finds_the_tree_from_a_subfolder(minimo):
    """Without --radice, the tree is the nearest folder upwards that holds rete.yml."""
    break_email(minimo)
    result = _rete("valida", cwd=minimo / "schede")
    assert result.returncode == 1
    assert result.stdout.startswith("schede/letture-al-nido.md:9: errore: ")


# --- rete nuova --------------------------------------------------------------

def test_nuova_scheda_writes_the_file(minimo, capsys):
    code, out, err = run(capsys, "nuova", "scheda", "biblioteca-dei-semi", "--radice", str(minimo))
    assert code == 0, err
    assert (minimo / "schede" / "biblioteca-dei-semi.md").is_file()
    assert "schede/biblioteca-dei-semi.md" in out


def test_nuova_scheda_refuses_an_existing_file(minimo, capsys):
    run(capsys, "nuova", "scheda", "semi", "--radice", str(minimo))
    (minimo / "schede" / "semi.md").write_text("il mio lavoro", "utf-8")
    code, _, err = run(capsys, "nuova", "scheda", "semi", "--radice", str(minimo))
    assert code == 2
    assert "esiste già schede/semi.md" in err
    assert (minimo / "schede" / "semi.md").read_text("utf-8") == "il mio lavoro"


def test_nuova_scheda_refuses_a_name_used_by_the_sample(minimo, capsys):
    code, _, err = run(capsys, "nuova", "scheda", "letture-al-nido", "--radice", str(minimo))
    assert code == 2
    assert "esiste già schede/letture-al-nido.md" in err


def test_nuova_scheda_cartella(minimo, capsys):
    code, _, err = run(capsys, "nuova", "scheda", "semi", "--cartella", "--radice", str(minimo))
    assert code == 0, err
    assert (minimo / "schede" / "semi" / "index.md").is_file()
    assert not (minimo / "schede" / "semi.md").exists()
    # the same name, as a plain file, is refused too
    code, _, err = run(capsys, "nuova", "scheda", "semi", "--radice", str(minimo))
    assert code == 2
    assert "esiste già schede/semi/index.md" in err


def test_nuova_refuses_an_invalid_name_and_suggests_one(minimo, capsys):
    code, out, err = run(capsys, "nuova", "scheda", "Letture al nido", "--radice", str(minimo))
    assert code == 2
    assert out == ""
    assert "il nome «Letture al nido» non è valido" in err
    assert "letture-al-nido" in err
    assert "rete nuova scheda letture-al-nido" in err
    assert "Traceback" not in err
    assert sorted(p.name for p in (minimo / "schede").iterdir()) == ["letture-al-nido.md"]


def test_nuova_polo_writes_the_file(minimo, capsys):
    code, _, err = run(capsys, "nuova", "polo", "polo-giochi", "--radice", str(minimo))
    assert code == 0, err
    assert (minimo / "poli" / "polo-giochi.md").is_file()


# A valid value for every field the templates leave to fill in (`key: ""`, `key: []`).
FILLED = {
    "titolo": "Prestito di giochi da tavolo in frazione",
    "biblioteca": "frazione",
    "tema": "storia-locale",
    "destinatari": "[adulti]",
    "sintesi": "Ogni mese la biblioteca presta scatole di giochi da tavolo alle famiglie.",
    "email": "giochi@frazione.example.it",
    "inizio": "2026-03-01",
    "stato": "proposto",
}


def fill(template: str) -> str:
    """Give every uncommented placeholder line a valid value; fail on an unknown one."""
    def value(match: re.Match) -> str:
        indent, key = match["indent"], match["key"]
        if key == "nome":  # the polo's name at the top, a person's name inside referente
            return f"{indent}nome: {'Anna Verdi' if indent else 'Polo dei giochi'}"
        assert key in FILLED, f"il modello ha un campo da compilare che il test non conosce: {key}"
        return f"{indent}{key}: {FILLED[key]}"

    return re.sub(r'^(?P<indent>[ \t]*)(?P<key>\w+): (?:""|\[\])[ \t]*$', value, template,
                  flags=re.MULTILINE)


@pytest.mark.parametrize("tipo", ["scheda", "polo"])
def test_template_fails_until_filled_then_validates(tipo, minimo, capsys):
    run(capsys, "nuova", tipo, "nuovo-modello", "--radice", str(minimo))
    path = minimo / ("schede" if tipo == "scheda" else "poli") / "nuovo-modello.md"
    rel = path.relative_to(minimo).as_posix()
    template = path.read_text("utf-8")

    code, out, _ = run(capsys, "valida", "--radice", str(minimo))
    assert code == 1
    template_problems = [line for line in out.splitlines() if line.startswith(rel)]
    assert template_problems, out
    assert any("è vuoto" in line or "campo obbligatorio" in line for line in template_problems)
    # the template's problems are its own: the rest of the tree is untouched
    assert all(line.startswith(rel) for line in out.splitlines() if ": errore: " in line)

    filled = fill(template)
    assert '""' not in "\n".join(l for l in filled.splitlines() if not l.lstrip().startswith("#"))
    path.write_text(filled, "utf-8")
    result = check(minimo)
    assert result.errors == [], [(p.file, p.line, p.field, p.message) for p in result.errors]


def test_template_lists_the_identifiers_of_the_tree(minimo, capsys):
    run(capsys, "nuova", "scheda", "nuovo-modello", "--radice", str(minimo))
    template = (minimo / "schede" / "nuovo-modello.md").read_text("utf-8")
    flat = re.sub(r"\n *# +", " ", template)  # comments are wrapped to fit a phone
    assert "valori possibili: centrale, frazione." in flat
    assert "valori possibili: lettura-0-6, storia-locale." in flat
    assert "Con i nomi: https://rete.example.it/identificativi/" in flat
    assert template.startswith("---\n")


# --- rete guida --------------------------------------------------------------

def test_guida_mentions_every_top_level_field(capsys):
    code, out, _ = run(capsys, "guida")
    assert code == 0
    assert "| Campo | Obbligatorio | Tipo | Che cosa scrivere |" in out
    assert "| --- | --- | --- | --- |" in out
    for kind in ("scheda", "polo", "rete"):
        assert f"### {schema(kind)['title']}" in out
        for prop in schema(kind)["properties"]:
            assert f"| `{prop}` |" in out, (kind, prop)


@pytest.mark.parametrize("kind", ["scheda", "polo", "rete"])
def test_guida_of_one_kind(kind, capsys):
    code, out, _ = run(capsys, "guida", kind)
    assert code == 0
    assert out.startswith(f"### {schema(kind)['title']}\n")
    for prop in schema(kind)["properties"]:
        assert f"| `{prop}` |" in out, prop
    others = {"scheda", "polo", "rete"} - {kind}
    assert not any(f"### {schema(o)['title']}" in out for o in others)


# --- Italian help --------------------------------------------------------------

def _subcommands() -> list[str]:
    action = next(a for a in parser()._actions if isinstance(a, argparse._SubParsersAction))
    return sorted(action.choices)


def test_the_known_subcommands_exist():
    assert {"valida", "nuova", "guida"} <= set(_subcommands())


@pytest.mark.parametrize("command", [None, *_subcommands()])
def test_help_is_italian(command, capsys):
    code, out, _ = usage_error(capsys, *([command] if command else []), "--help")
    assert code == 0
    assert "uso:" in out
    assert "opzioni:" in out
    for english in ("usage:", "show this help", "positional arguments", "options:",
                    "optional arguments"):
        assert english not in out, english


# --- documentation and sample content ------------------------------------------

def test_readme_documents_every_subcommand():
    readme = ROOT / "README.md"
    assert readme.is_file(), "manca README.md"
    text = readme.read_text("utf-8")
    for command in ("rete valida", "rete nuova", "rete guida", "rete analisi",
                    "rete candidati", "rete verifica"):
        assert command in text, command


def test_sample_content_has_no_problems(esempio, capsys):
    """The sample's only problems are what rete.yml does not know of CSBNO yet (its IPA
    code, PEC, data-protection officer, accessibility statement): warnings for the
    coordinators, which fail only the strict check."""
    result = check(esempio)
    others = [p for p in result.problems if p.file != "rete.yml" or p.is_error]
    assert others == [], [(p.file, p.line, p.message) for p in others]
    assert {p.field for p in result.problems} == {
        "ente.codice_ipa", "ente.indirizzo", "ente.pec", "privacy.rpd_email",
        "accessibilita", "segnalazioni"}
    assert result.counts["scheda"] > 0 and result.counts["polo"] > 0
    code, out, _ = run(capsys, "valida", "--radice", str(esempio))
    assert code == 0
    assert out.endswith("controllati: 6 avvisi.\n")


def test_nuova_polo_refuses_a_folder(minimo, capsys):
    assert main(["nuova", "polo", "polo-giochi", "--cartella", "--radice", str(minimo)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("errore: solo le schede possono essere cartelle con materiali")
    assert "rete nuova polo polo-giochi" in err
    assert not (minimo / "poli" / "polo-giochi").exists()


def test_nuova_refuses_a_missing_root(tmp_path, capsys):
    missing = tmp_path / "non-esiste"
    assert main(["nuova", "scheda", "prova", "--radice", str(missing)]) == 2
    assert f"errore: la cartella {missing} non esiste" in capsys.readouterr().err
    assert not missing.exists()


def test_control_characters_never_reach_the_terminal(minimo, capsys):
    scheda = minimo / "schede" / "letture-al-nido.md"
    # A value with one is refused (rete.checks.invisible); a key is only unknown, and named.
    scheda.write_text(scheda.read_text("utf-8").replace(
        "tema: lettura-0-6", 'tema: "lettura\\e[31m"\n"nota\\e[31m": x'), encoding="utf-8")
    main(["valida", "--radice", str(minimo)])
    out = capsys.readouterr().out
    assert "un carattere invisibile, U+001B (escape), dopo «lettura»" in out
    assert "campo sconosciuto «nota\\x1b[31m»" in out
    assert "\x1b" not in out


@pytest.mark.parametrize("where", [".", "schede", "poli/nuovi", ".."])
def test_genera_never_writes_over_the_content(esempio, capsys, where):
    before = sorted((p.relative_to(esempio), p.read_bytes()) for p in esempio.rglob("*")
                    if p.is_file())
    out = esempio / where
    assert main(["genera", "--radice", str(esempio), "--out", str(out)]) == 2
    assert "errore: non scrivo in" in capsys.readouterr().err
    after = sorted((p.relative_to(esempio), p.read_bytes()) for p in esempio.rglob("*")
                   if p.is_file())
    assert after == before


def test_genera_writes_into_a_new_folder_inside_the_tree(esempio, capsys, monkeypatch):
    from ..sito import prepare

    prepare(esempio)
    monkeypatch.setenv("RETE_SENZA_LIBRETTO", "1")
    assert main(["genera", "--radice", str(esempio), "--out", str(esempio / "_genera")]) == 0
    assert (esempio / "_genera" / "docs" / "schede" / "index.md").is_file()


@pytest.mark.parametrize("code, said", [
    (errno.ENOENT, "il file o la cartella non c'è"),
    (errno.ENOSPC, "il disco è pieno"),
    (errno.EACCES, "non ho il permesso"),
    (errno.EXDEV, "errore del sistema (EXDEV)"),
])
def test_a_system_error_is_said_in_italian_with_the_name_escaped(monkeypatch, capsys, code,
                                                                 said):
    from rete import cli

    def fails(args):
        raise OSError(code, os.strerror(code), "schede/a\x1b[32mimportata.md")

    monkeypatch.setattr(cli, "parser", lambda: argparse.ArgumentParser())
    monkeypatch.setattr(argparse.ArgumentParser, "parse_args",
                        lambda self, argv=None: argparse.Namespace(func=fails))
    assert cli.main([]) == 2
    err = capsys.readouterr().err
    assert err == ("errore: impossibile leggere o scrivere «schede/a\\x1b[32mimportata.md» "
                   f"({said})\n")
    assert os.strerror(code) not in err

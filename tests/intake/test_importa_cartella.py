"""`rete importa cartella`: encodings, recognition, idempotence, conflicts and no-loss."""

from __future__ import annotations

from pathlib import Path

import pytest

from rete.content import writer
from rete.cli import main
from rete.intake import pipeline, share
from rete.checks.validate import check

from ..conftest import TREES, copy_tree

SCHEDA = (TREES / "minimo" / "schede" / "letture-al-nido.md")


def source_text(title="Caffè letterario – “serale” per adulti, € 0 «gratis»",
                library="centrale", extra="") -> str:
    text = SCHEDA.read_text("utf-8")
    text = text.replace("Letture ad alta voce al nido", title).replace("centrale", library, 1)
    return text.replace("polo: polo-lettura\n", "polo: polo-lettura\n" + extra)


@pytest.fixture
def tree(tmp_path):
    root = copy_tree("minimo", tmp_path)
    (tmp_path / "in").mkdir()
    return root


def importa(tree, *extra, capsys=None):
    code = main(["--radice", str(tree), "importa", "cartella", str(tree.parent / "in"), *extra])
    return code


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def drop(tree, name, data) -> Path:
    path = tree.parent / "in" / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


@pytest.mark.parametrize("name, data", [
    ("utf8.md", source_text().encode("utf-8")),
    ("bom.md", b"\xef\xbb\xbf" + source_text().encode("utf-8")),
    ("windows.txt", source_text().replace("\n", "\r\n").encode("cp1252")),
    ("mac.md", source_text().replace("\n", "\r").encode("utf-8")),
    ("utf16.txt", source_text().encode("utf-16")),
])
def test_every_encoding_is_read_and_written_as_utf8(tree, name, data, capsys):
    drop(tree, name, data)
    assert importa(tree) == 0
    written = tree / "schede" / "caffe-letterario-serale-per-adulti-0-gratis.md"
    assert written.read_bytes() == source_text().encode("utf-8")
    assert (tree.parent / "in" / "importati" / name).read_bytes() == data
    assert not (tree.parent / "in" / name).exists()
    out = capsys.readouterr().out
    assert f"importata │ {name}" in out or "importata" in out
    assert "schede/caffe-letterario-serale-per-adulti-0-gratis.md" in out
    assert not check(tree).errors


def test_latin1_is_never_read_silently(tree, capsys):
    # 0x81 is undefined in Windows-1252 and invalid UTF-8: no reading of it is certain.
    drop(tree, "strano.md", source_text().encode("cp1252") + b"\x81\n")
    assert importa(tree) == 1
    errori = (tree.parent / "in" / "strano.errori.txt").read_text("utf-8-sig")
    assert "1. Il file non è in una codifica che conosco (UTF-8 o Windows-1252)" in errori
    assert list((tree / "schede").iterdir()) == [tree / "schede" / "letture-al-nido.md"]


def test_a_polo_is_recognised_from_its_fields(tree):
    polo = (tree / "poli" / "polo-lettura.md").read_text("utf-8")
    drop(tree, "polo.md", polo.replace("nome: ", "nome: Nuovo ", 1))
    assert importa(tree) == 0
    written = [p.name for p in (tree / "poli").iterdir()]
    assert len(written) == 2 and not check(tree).errors


def test_slug_folds_accents_and_collisions_get_a_suffix(tree):
    drop(tree, "a.md", source_text("Città, più letture!"))
    drop(tree, "b.md", source_text("Città, più letture!", library="frazione"))
    assert importa(tree) == 0
    assert (tree / "schede" / "citta-piu-letture.md").is_file()
    assert (tree / "schede" / "citta-piu-letture-2.md").is_file()


def test_rerun_imports_nothing_twice(tree, capsys):
    drop(tree, "a.md", source_text())
    assert importa(tree) == 0
    before = files(tree)
    drop(tree, "di-nuovo.md", source_text())  # the same scheda, sent again
    capsys.readouterr()
    assert importa(tree) == 0
    out = capsys.readouterr().out
    assert "già presente" in out and "Importate: 0, scartate: 0, già presenti: 1" in out
    assert files(tree) == before
    assert (tree.parent / "in" / "importati" / "di-nuovo.md").is_file()


def test_a_different_version_is_a_conflict_never_written_over(tree, capsys):
    original = (tree / "schede" / "letture-al-nido.md").read_bytes()
    changed = original.decode().replace("Serve un accordo", "Serve sempre un accordo")
    drop(tree, "nuova-versione.md", changed)
    assert importa(tree) == 1
    out = capsys.readouterr().out
    assert "conflitto" in out and "diversa da schede/letture-al-nido.md: non sovrascritta" in out
    assert (tree / "schede" / "letture-al-nido.md").read_bytes() == original
    assert (tree.parent / "in" / "nuova-versione.md").is_file()
    assert len(list((tree / "schede").iterdir())) == 1


def test_rejected_file_gets_errori_then_is_imported_when_fixed(tree, capsys):
    bad = source_text().replace("2026-03-01", "31/02/2026").replace(
        "ragazzi@centrale.example.it", "ragazzi at centrale")
    drop(tree, "Scheda Bollate.md", bad)
    assert importa(tree) == 1
    errori = tree.parent / "in" / "Scheda Bollate.errori.txt"
    text = errori.read_bytes().decode("utf-8-sig")
    assert "\r\n" in text
    assert text.replace("\r\n", "\n") == (
        "Il file «Scheda Bollate.md» non è stato pubblicato: ci sono 2 problemi da correggere.\n"
        "Correggi il file e rimandalo a chi coordina la rete (oppure rimettilo nella cartella "
        "condivisa): verrà controllato di nuovo.\n\n"
        "1. Campo «Referente › Email», riga 9: l'indirizzo email non è valido: trovato "
        "il testo «ragazzi at centrale»\n"
        "2. Campo «Periodo › Inizio», riga 11: data non valida: il testo «31/02/2026»\n"
        "   Come correggere: usa il formato AAAA-MM-GG, per esempio 2026-03-15\n")
    assert str(tree) not in text
    drop(tree, "Scheda Bollate.md", source_text())
    assert importa(tree) == 0
    assert not errori.exists()
    assert (tree.parent / "in" / "importati" / "Scheda Bollate.md").is_file()


@pytest.mark.parametrize("name, data, message", [
    ("vuoto.md", b"", "1. Il file è vuoto"),
    ("spazi.txt", b" \r\n\r\n", "1. Il file è vuoto"),
    ("binario.md", b"\x00\x01\x02PK", "1. Il file non è un testo (sembra un file binario)"),
    ("vecchio.doc", b"\xd0\xcf\x11\xe0", "1. È un documento Word 97-2003, che non so leggere"),
    ("solo-testo.txt", "Leggiamo ai bambini.".encode(),
     "1. Il file contiene solo il testo, senza i campi della scheda (titolo, biblioteca, tema…)"),
    ("yaml.md", b"---\ntitolo: [\n---\n", "1. Riga 3: sintassi YAML non valida"),
    ("grande.md", b"---\n" + b"x" * (2 * 1024 * 1024),
     "1. Il file è troppo grande: 2 MB, il limite è 1 MB"),
])
def test_bad_files_are_rejected_with_a_message_and_kept(tree, name, data, message):
    path = drop(tree, name, data)
    assert importa(tree) == 1
    assert path.read_bytes() == data
    errori = path.with_name(path.stem + ".errori.txt").read_text("utf-8-sig")
    assert message in errori


def test_only_text_lists_every_missing_field(tree):
    drop(tree, "solo.txt", "Leggiamo ai bambini del nido ogni settimana.")
    importa(tree)
    errori = (tree.parent / "in" / "solo.errori.txt").read_text("utf-8-sig")
    for label in ("Titolo", "Biblioteca", "Tema", "Destinatari", "Sintesi", "Referente",
                  "Periodo"):
        assert f"Campo «{label}»: campo obbligatorio mancante" in errori


def test_hidden_lock_and_other_files_are_left_alone(tree, capsys):
    drop(tree, "~$scheda.docx", b"lock")
    drop(tree, ".DS_Store", b"x")
    drop(tree, "foto.jpg", b"x")
    assert importa(tree) == 0
    out = capsys.readouterr().out
    assert "File non letti (si leggono solo .md, .txt, .docx e .odt): foto.jpg" in out
    assert sorted(files(tree.parent / "in")) == [".DS_Store", "foto.jpg", "~$scheda.docx"]


def test_prova_changes_nothing(tree, capsys):
    drop(tree, "a.md", source_text())
    drop(tree, "b.md", "")
    before = files(tree.parent)
    assert importa(tree, "--prova") == 1
    assert files(tree.parent) == before
    out = capsys.readouterr().out
    assert "da importare" in out and "Prova: non è stato scritto, spostato né cancellato" in out


def test_missing_folder_is_a_clear_error(tree, capsys):
    code = main(["--radice", str(tree), "importa", "cartella", str(tree / "manca")])
    assert code == 2
    assert "errore: la cartella" in capsys.readouterr().err


class Boom(KeyboardInterrupt):
    pass


def _explode(*args, **kwargs):
    raise Boom()


STEPS = {
    "write": (writer, "create_new"),
    "reread": (pipeline.Intake, "_reread"),
    "move": (share, "move_done"),
    "errori": (writer, "write_atomic"),
}


@pytest.mark.parametrize("step", sorted(STEPS))
def test_an_interruption_at_any_step_loses_and_duplicates_nothing(tree, monkeypatch, step):
    drop(tree, "a.md", source_text())
    drop(tree, "b.md", source_text("Un'altra pratica di lettura"))
    drop(tree, "c.md", "")
    owner, name = STEPS[step]
    with monkeypatch.context() as patch:
        patch.setattr(owner, name, _explode)
        assert importa(tree) == 130
    inbox = tree.parent / "in"
    for source in ("a.md", "b.md", "c.md"):  # every source is somewhere
        assert (inbox / source).exists() or (inbox / "importati" / source).exists()
    assert importa(tree) == 1  # c.md is empty
    assert sorted(p.name for p in (tree / "schede").iterdir()) == [
        "caffe-letterario-serale-per-adulti-0-gratis.md", "letture-al-nido.md",
        "un-altra-pratica-di-lettura.md"]
    assert sorted(files(inbox)) == ["c.errori.txt", "c.md", "importati/a.md", "importati/b.md"]
    assert not list(tree.rglob("*.tmp"))


def test_interrupted_after_link_before_unlink(tree, monkeypatch):
    drop(tree, "a.md", source_text())
    real_unlink = Path.unlink

    def fail_on_source(self, *args, **kwargs):
        if self.name == "a.md" and self.parent.name == "in":
            raise Boom()
        return real_unlink(self, *args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(Path, "unlink", fail_on_source)
        assert importa(tree) == 130
    assert importa(tree) == 0
    assert sorted(files(tree.parent / "in")) == ["importati/a.md"]

"""`rete importa cartella` against a shared folder anyone can write in: links, long
names, control characters in names, files replaced while imported, .odt files."""

from __future__ import annotations

import errno
import os
import re
from pathlib import Path

import pytest

from rete.content import writer
from rete.intake import folder, issue, pipeline, share
from rete.intake.pipeline import REJECTED, Candidate, Outcome
from rete.problems import error

from ..conftest import copy_tree
from .test_importa_cartella import drop, files, importa, source_text

SECRET = "token: segreto-del-coordinatore\npassword: 1234\n"


@pytest.fixture
def tree(tmp_path) -> Path:
    """A content tree, and beside it the shared folder «in»."""
    root = copy_tree("minimo", tmp_path)
    (tmp_path / "in").mkdir()
    return root


@pytest.fixture
def outside(tmp_path) -> Path:
    """A folder of the coordinator's, outside the share."""
    place = tmp_path / "fuori"
    place.mkdir()
    (place / "config.yml").write_text(SECRET, encoding="utf-8")
    (place / "scheda.md").write_text(source_text("Una scheda fuori dalla cartella"), "utf-8")
    return place


def inbox(tree) -> Path:
    return tree.parent / "in"


def row(out: str, name: str) -> list[str]:
    """The summary table's row of a source: [esito, origine, dove]."""
    return next(cells for line in out.splitlines()
                if len(cells := re.split(r" {2,}", line.strip())) == 3 and cells[1] == name)


def schede(tree) -> list[str]:
    return sorted(p.name for p in (tree / "schede").iterdir())


# Links -----------------------------------------------------------------------------

@pytest.mark.parametrize("name, target", [
    ("a.md", "config.yml"),  # a file of the coordinator's, read as a scheda
    ("b.md", "scheda.md"),  # a valid scheda elsewhere: still not imported
    ("c.docx", "config.yml"),
    ("d.txt", "manca.txt"),  # a broken link
    ("e.md", "."),  # a link to a folder
])
def test_a_link_in_the_share_is_reported_never_read(tree, outside, capsys, name, target):
    (inbox(tree) / name).symlink_to(outside / target)
    drop(tree, "buona.md", source_text())
    before = files(outside)
    assert importa(tree) == 1
    out = capsys.readouterr().out
    assert ("Collegamenti non seguiti (rete legge solo i file veri e propri, non i "
            f"collegamenti ad altri file o cartelle): {name}") in out
    assert "segreto" not in out
    assert files(outside) == before
    assert schede(tree) == ["caffe-letterario-serale-per-adulti-0-gratis.md",
                            "letture-al-nido.md"]
    left = sorted(os.listdir(inbox(tree)))
    assert left == sorted([name, "importati"])  # no .errori.txt beside the link
    assert (inbox(tree) / name).is_symlink()


def test_a_file_become_a_link_after_the_listing_is_refused_by_o_nofollow(tree, outside,
                                                                         monkeypatch):
    """Even when the check before opening is fooled, the opening does not follow."""
    link = inbox(tree) / "a.md"
    link.symlink_to(outside / "config.yml")
    monkeypatch.setattr(share, "is_link", lambda found: False)
    with pytest.raises(OSError) as caught:
        share.read(link, 1024)
    assert caught.value.errno == errno.ELOOP
    assert share.reason(caught.value) == share.LINK


def test_a_link_met_while_reading_is_a_refusal_with_the_reason(tree, outside, monkeypatch,
                                                               capsys):
    (inbox(tree) / "a.md").symlink_to(outside / "config.yml")
    monkeypatch.setattr(share, "entries", lambda f: ([inbox(tree) / "a.md"], []))
    assert importa(tree) == 1
    out = capsys.readouterr().out
    assert row(out, "a.md")[0] == "scartata"
    assert "è un collegamento a un altro file o a un'altra cartella: non lo seguo" in out
    assert "segreto" not in out
    errori = (inbox(tree) / "a.errori.txt").read_text("utf-8-sig")
    assert "segreto" not in errori and "non lo seguo" in errori


@pytest.mark.parametrize("special", [os.devnull, "fifo"])
def test_only_regular_files_are_read(tree, special):
    if special == "fifo":
        special = inbox(tree) / "coda.md"
        os.mkfifo(special)
        assert folder.sources(inbox(tree))[0] == []  # not even listed
    with pytest.raises(share.Refused, match="non è un file normale"):
        share.read(Path(special), 1024)


@pytest.mark.parametrize("make", ["link", "broken", "file"])
def test_importati_must_be_a_real_folder(tree, outside, capsys, make):
    done = inbox(tree) / "importati"
    if make == "link":
        done.symlink_to(outside)
    elif make == "broken":
        done.symlink_to(outside / "manca")
    else:
        done.write_text("non una cartella", encoding="utf-8")
    drop(tree, "a.md", source_text())
    before, sources = files(outside), sorted(os.listdir(inbox(tree)))
    assert importa(tree) == 2
    err = capsys.readouterr().err
    assert ("errore: «importati» nella cartella condivisa non è una cartella vera (è un "
            "collegamento o un file): non ci sposto nulla") in err
    assert "togli «importati» dalla cartella condivisa e rilancia" in err
    assert files(outside) == before and not (outside / "manca").exists()
    assert sorted(os.listdir(inbox(tree))) == sources
    assert schede(tree) == ["letture-al-nido.md"]


def test_importati_replaced_by_a_link_during_the_run_gets_nothing(tree, outside, monkeypatch,
                                                                  capsys):
    drop(tree, "a.md", source_text())
    real = pipeline.Intake.place

    def swap_then_place(self, cand):
        done = inbox(tree) / "importati"
        if done.is_dir() and not done.is_symlink():
            done.rmdir()
        done.symlink_to(outside)
        return real(self, cand)

    monkeypatch.setattr(pipeline.Intake, "place", swap_then_place)
    before = files(outside)
    assert importa(tree) == 1
    out = capsys.readouterr().out
    assert "Rimasti nella cartella:\n  - a.md: non l'ho spostato in importati/: «importati»" \
        in out
    assert files(outside) == before
    assert (inbox(tree) / "a.md").is_file()


def test_a_link_planted_as_errori_txt_is_replaced_not_followed(tree, outside):
    target = outside / "config.yml"
    target.chmod(0o600)
    (inbox(tree) / "vuoto.errori.txt").symlink_to(target)
    drop(tree, "vuoto.md", "")
    assert importa(tree) == 1
    assert target.read_text("utf-8") == SECRET
    errori = inbox(tree) / "vuoto.errori.txt"
    assert not errori.is_symlink()
    assert "Il file è vuoto" in errori.read_text("utf-8-sig")
    assert errori.stat().st_mode & 0o777 == writer._NEW_FILE_MODE  # not the target's


def test_a_link_planted_as_errori_txt_of_an_imported_file_is_removed_not_followed(tree,
                                                                                  outside):
    target = outside / "config.yml"
    (inbox(tree) / "a.errori.txt").symlink_to(target)
    drop(tree, "a.md", source_text())
    assert importa(tree) == 1  # the link is reported
    assert target.read_text("utf-8") == SECRET
    assert not os.path.lexists(inbox(tree) / "a.errori.txt")


def test_an_old_errori_that_cannot_be_removed_is_said(tree, capsys):
    (inbox(tree) / "a.errori.txt").mkdir()  # a folder with that name
    drop(tree, "a.md", source_text())
    drop(tree, "b.md", source_text("Un'altra pratica di lettura"))
    assert importa(tree) == 1
    out = capsys.readouterr().out
    assert ("  - a.md: non ho potuto cancellare il vecchio a.errori.txt: al suo posto c'è una "
            "cartella\n") in out
    assert sorted(os.listdir(inbox(tree) / "importati")) == ["a.md", "b.md"]


def test_a_link_planted_inside_importati_is_never_written_through(tree, outside):
    done = inbox(tree) / "importati"
    done.mkdir()
    (done / "a.md").symlink_to(outside / "config.yml")
    drop(tree, "a.md", source_text())
    assert importa(tree) == 0
    assert (outside / "config.yml").read_text("utf-8") == SECRET
    assert (done / "a-2.md").read_text("utf-8") == source_text()
    assert (done / "a.md").is_symlink()


def test_a_replaced_file_keeps_its_permissions_a_replaced_link_does_not_lend_its(tmp_path):
    target = tmp_path / "altrove.txt"
    target.write_text("x", encoding="utf-8")
    target.chmod(0o600)
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    writer.write_atomic(link, "nuovo")
    assert not link.is_symlink() and link.read_text("utf-8") == "nuovo"
    assert link.stat().st_mode & 0o777 == writer._NEW_FILE_MODE
    assert target.read_text("utf-8") == "x"
    kept = tmp_path / "kept.txt"
    kept.write_text("x", encoding="utf-8")
    kept.chmod(0o640)
    writer.write_atomic(kept, "y")
    assert kept.stat().st_mode & 0o777 == 0o640


# Long names and failures of one source ----------------------------------------------

def long_name(length: int, suffix=".md") -> str:
    return "s" * (length - len(suffix)) + suffix


@pytest.mark.parametrize("length", [200, 243, 244, 255])
def test_a_long_name_is_imported_and_moved(tree, length):
    name = long_name(length)
    drop(tree, name, source_text())
    assert importa(tree) == 0
    assert (inbox(tree) / "importati" / name).is_file()


@pytest.mark.parametrize("length", [200, 243, 244])
def test_a_long_rejected_name_gets_its_errori_beside_it(tree, length):
    """Before: the temporary name, 26 bytes longer than the source's, did not fit."""
    name = long_name(length)
    drop(tree, name, "")
    drop(tree, "z.md", source_text())  # after it in the listing
    assert importa(tree) == 1
    errori = inbox(tree) / (name[:-3] + ".errori.txt")
    assert "Il file è vuoto" in errori.read_text("utf-8-sig")
    assert (inbox(tree) / "importati" / "z.md").is_file()


@pytest.mark.parametrize("length", [248, 252, 255])
def test_an_errori_name_too_long_is_said_and_the_run_goes_on(tree, capsys, length):
    name = long_name(length)
    drop(tree, name, "")
    drop(tree, "z.md", source_text())
    assert importa(tree) == 1
    out = capsys.readouterr().out
    assert (f"non ho potuto scrivere {name[:-3]}.errori.txt accanto al file: il nome del "
            "file è troppo lungo (suggerimento: accorcia il nome del file") in out
    assert row(out, name) == ["scartata", name, "2 problemi"]  # no «vedi …»: there is none
    assert (inbox(tree) / "importati" / "z.md").is_file()
    assert (tree / "schede" / "caffe-letterario-serale-per-adulti-0-gratis.md").is_file()


def test_a_move_that_cannot_be_done_is_said_and_the_run_goes_on(tree, capsys):
    name = long_name(255)
    done = inbox(tree) / "importati"
    done.mkdir()
    (done / name).write_text("un'altra versione", encoding="utf-8")  # its -2 name is too long
    drop(tree, name, source_text())
    drop(tree, "z.md", source_text("Un'altra pratica di lettura"))
    assert importa(tree) == 1
    out = capsys.readouterr().out
    assert (f"  - {name}: non l'ho spostato in importati/: il nome del file è troppo "
            "lungo") in out
    assert row(out, name)[2] == "schede/caffe-letterario-serale-per-adulti-0-gratis.md " \
                                "(vedi sotto)"
    assert (inbox(tree) / name).is_file() and (done / "z.md").is_file()


@pytest.mark.parametrize("code, reason", [
    (errno.EACCES, "il file non si può leggere: non ho il permesso"),
    (errno.EIO, "il file non si può leggere: il disco non risponde bene"),
    (errno.ENAMETOOLONG, "il file non si può leggere: il nome del file è troppo lungo"),
    (errno.EXDEV, "il file non si può leggere: errore del sistema (EXDEV)"),
])
def test_a_file_that_cannot_be_read_is_refused_with_an_italian_reason(tree, monkeypatch,
                                                                      capsys, code, reason):
    real = share.read

    def failing(path, limit):
        if path.name == "a.md":
            raise OSError(code, "English text from the system", str(path))
        return real(path, limit)

    monkeypatch.setattr(share, "read", failing)
    drop(tree, "a.md", source_text())
    drop(tree, "b.md", source_text("Un'altra pratica di lettura"))
    assert importa(tree) == 1
    out = capsys.readouterr().out
    assert reason in out and "English" not in out and str(tree) not in out
    assert (inbox(tree) / "importati" / "b.md").is_file()
    assert "1. Il " + reason.removeprefix("il ") in (inbox(tree) / "a.errori.txt").read_text(
        "utf-8-sig")


@pytest.mark.parametrize("length", [1, 100, 240, 255])
def test_temporary_names_are_short_whatever_the_name_written(tmp_path, monkeypatch, length):
    seen = []
    real = os.replace

    def spy(src, dst):
        seen.append(Path(src).name)
        return real(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    writer.write_atomic(tmp_path / ("n" * length), "testo")
    writer.create_new(tmp_path / ("m" * length), "testo")
    assert len(seen) == 1 and seen[0].startswith(".rete-") and seen[0].endswith(".tmp")
    assert len(seen[0]) < 30
    assert sorted(os.listdir(tmp_path)) == sorted(["n" * length, "m" * length])


# Control characters in names ---------------------------------------------------------

NASTY = [  # a name, and the name as shown
    ("\x1b[32mimportata\x1b[0m.md", r"\x1b[32mimportata\x1b[0m.md"),  # a colour
    ("a\rimportata.md", r"a\x0dimportata.md"),  # a carriage return rewrites the line
    ("b\u202edm.txt", r"b\u202edm.txt"),  # right-to-left override: it reads backwards
    ("c\x07\x08\x7f.md", r"c\x07\x08\x7f.md"),
    ("d\x9b31m.md", r"d\x9b31m.md"),  # the one-byte CSI of C1
    ("e\u2028f\u2066.md", r"e\u2028f\u2066.md"),
]


@pytest.mark.parametrize("name, shown", NASTY)
def test_names_are_escaped_in_the_terminal_and_in_errori(tree, capsys, name, shown):
    drop(tree, name, "")
    assert importa(tree) == 1
    out = capsys.readouterr().out
    assert not any(c in out for c in "\x1b\r\x07\x08\x7f\x9b\u202e\u2028\u2066")
    assert row(out, shown)[0] == "scartata"
    assert f"\n{shown}:\n  - il file è vuoto" in out
    errori = next(p for p in inbox(tree).iterdir() if p.name.endswith(".errori.txt"))
    text = errori.read_text("utf-8-sig")
    assert f"Il file «{shown}» non è stato pubblicato" in text
    assert not any(c in text for c in "\x1b\x07\x08\x7f\x9b\u202e\u2028\u2066")


@pytest.mark.parametrize("name, shown", NASTY[:3])
def test_names_are_escaped_in_the_lists_of_files_not_read(tree, outside, capsys, name, shown):
    drop(tree, name + ".jpg", b"x")
    (inbox(tree) / ("link" + name)).symlink_to(outside / "config.yml")
    assert importa(tree) == 1
    out = capsys.readouterr().out
    assert not any(c in out for c in "\x1b\r\u202e")
    assert f"File non letti (si leggono solo .md, .txt, .docx e .odt): {shown}.jpg\n" in out
    assert f"cartelle): link{shown}\n" in out


def test_a_control_character_never_reaches_the_issue_comment():
    cand = Candidate(issue.SOURCE, {}, kind="scheda")
    outcome = Outcome(cand, REJECTED, "scheda", None, [
        error(issue.SOURCE, "«Biblioteca \x1b[31mdi\x07 Bollate\u202e» non è una biblioteca",
              field="biblioteca", hint="scegli \x9b1m una biblioteca")])
    text = issue.markdown(outcome)
    assert not any(c in text for c in "\x1b\x07\x9b\u202e")
    # The backslash of \x1b is itself escaped, so that GitHub shows it.
    assert r"«Biblioteca \\x1b\[31mdi\\x07 Bollate\\u202e»" in text
    assert r"(scegli \\x9b1m una biblioteca)" in text


# A file replaced while it is imported -------------------------------------------------

def _rewrite(path: Path) -> None:
    with open(path, "r+b") as handle:  # the same file, other bytes
        handle.seek(0, os.SEEK_END)
        handle.write(b"\nUna riga aggiunta dopo.\n")


def _same_size(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[-2] = ord("!") if data[-2] != ord("!") else ord("?")
    with open(path, "r+b") as handle:
        handle.write(bytes(data))


def _renamed_over(path: Path) -> None:  # a new file with the same bytes, as editors save
    new = path.with_name(".nuovo")
    new.write_bytes(path.read_bytes())
    os.replace(new, path)


def _new_version(path: Path) -> None:
    new = path.with_name(".nuovo")
    new.write_text(source_text("Caffè letterario per adulti, nuova versione"), "utf-8")
    os.replace(new, path)


def _link(path: Path) -> None:
    path.unlink()
    path.symlink_to(path.parent.parent / "fuori" / "config.yml")


CHANGES = {"riscritto": _rewrite, "stessa-dimensione": _same_size,
           "sostituito": _renamed_over, "nuova-versione": _new_version, "collegamento": _link}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_a_file_changed_before_the_move_stays_for_the_next_run(tree, outside, monkeypatch,
                                                               capsys, change):
    source = drop(tree, "a.md", source_text())
    real = pipeline.Intake.place

    def place_then_change(self, cand):
        outcome = real(self, cand)
        CHANGES[change](source)
        return outcome

    with monkeypatch.context() as patch:
        patch.setattr(pipeline.Intake, "place", place_then_change)
        assert importa(tree) == 1
    out = capsys.readouterr().out
    assert row(out, "a.md") == [
        "importata", "a.md", "schede/caffe-letterario-serale-per-adulti-0-gratis.md (vedi sotto)"]
    assert ("Rimasti nella cartella:\n  - a.md: il file è cambiato mentre lo importavo: l'ho "
            "lasciato nella cartella e alla prossima importazione verrà letto di nuovo\n") in out
    assert os.path.lexists(source)
    assert os.listdir(inbox(tree) / "importati") == []
    written = tree / "schede" / "caffe-letterario-serale-per-adulti-0-gratis.md"
    assert written.read_text("utf-8") == source_text()
    assert (outside / "config.yml").read_text("utf-8") == SECRET


def test_the_next_run_reads_the_version_left(tree, monkeypatch, capsys):
    source = drop(tree, "a.md", source_text())
    real = pipeline.Intake.place

    def place_then_change(self, cand):
        outcome = real(self, cand)
        _renamed_over(source)
        return outcome

    with monkeypatch.context() as patch:
        patch.setattr(pipeline.Intake, "place", place_then_change)
        assert importa(tree) == 1
    assert importa(tree) == 0  # the same bytes: already present, now archived
    assert (inbox(tree) / "importati" / "a.md").read_text("utf-8") == source_text()
    assert not source.exists()


def test_a_file_changed_after_it_is_linked_into_importati_stays(tree, monkeypatch, capsys):
    """The check after linking: what importati/ holds must be what was read."""
    source = drop(tree, "a.md", source_text())
    real = share._In.link

    def link_then_change(self, path, name):
        real(self, path, name)
        _rewrite(path)  # the same inode: importati/a.md changes with it

    monkeypatch.setattr(share._In, "link", link_then_change)
    assert importa(tree) == 1
    assert "il file è cambiato mentre lo importavo" in capsys.readouterr().out
    assert source.is_file() and os.listdir(inbox(tree) / "importati") == []


# .odt -------------------------------------------------------------------------------

@pytest.mark.parametrize("name, size", [("modulo.odt", 100), ("GRANDE.ODT", 5 * 1024 * 1024)])
def test_odt_is_read_by_the_word_reader(tree, monkeypatch, capsys, name, size):
    calls = []

    def fake_read(path, raw, catalog):
        calls.append((path.name, len(raw)))
        return folder._text_source(path.name, source_text().encode("utf-8"))

    monkeypatch.setattr(folder.docx_read, "read", fake_read)
    drop(tree, name, b"PK" + b"\0" * (size - 2))
    assert importa(tree) == 0
    assert calls == [(name, size)]
    assert (inbox(tree) / "importati" / name).is_file()
    assert ".odt" not in folder.OLD_FORMATS and folder.sources(inbox(tree))[1] == []


def test_odt_has_the_size_limit_of_docx(tree, monkeypatch):
    monkeypatch.setattr(folder, "MAX_DOCX", 1000)
    monkeypatch.setattr(folder.docx_read, "read", lambda *a: pytest.fail("read a big file"))
    drop(tree, "grande.odt", b"PK" + b"\0" * 2000)
    assert importa(tree) == 1
    errori = (inbox(tree) / "grande.errori.txt").read_text("utf-8-sig")
    assert "1. Il file è troppo grande" in errori

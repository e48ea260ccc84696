"""Zip bombs and lying archives, as .docx, .odt, .xlsx and .ods: refused before any parser
opens them, with an Italian reason, and never unpacked beyond what they declare."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import zipfile
from functools import cache
from io import BytesIO
from pathlib import Path

import docx
import openpyxl
import pytest

from rete.cli import main
from rete.intake import archive, docx_read
from rete.intake.pipeline import Intake
from rete.text import human_size

from ..conftest import ROOT, copy_tree

MIB = 1024 * 1024


def _base(suffix: str) -> dict[str, bytes]:
    """The members of a real, small file of that kind."""
    out = BytesIO()
    if suffix == ".docx":
        docx.Document().save(out)
    elif suffix == ".xlsx":
        openpyxl.Workbook().save(out)
    else:
        kind = "text" if suffix == ".odt" else "spreadsheet"
        with zipfile.ZipFile(out, "w") as package:
            package.writestr("mimetype", f"application/vnd.oasis.opendocument.{kind}")
            package.writestr("content.xml", "<office:document-content xmlns:office="
                                            "'urn:oasis:names:tc:opendocument:xmlns:office:1.0'/>")
    with zipfile.ZipFile(out) as package:
        return {info.filename: package.read(info) for info in package.infolist()}


def _zipped(members: dict[str, bytes], big: dict[str, int] | None = None) -> bytes:
    """``members`` and, for each name in ``big``, that many zeros written in chunks."""
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in members.items():
            package.writestr(name, data)
        for name, size in (big or {}).items():
            with package.open(name, "w", force_zip64=False) as member:
                for _ in range(size // MIB):
                    member.write(bytes(MIB))
    return out.getvalue()


def _patched(raw: bytes, name: str, *, declared: int | None = None,
             encrypted: bool = False) -> bytes:
    """``raw`` with member ``name``'s declared size (or its encryption flag) rewritten."""
    data = bytearray(raw)
    encoded = name.encode()
    at = data.find(b"PK\x01\x02")
    while at != -1:  # central directory entries
        length = struct.unpack_from("<H", data, at + 28)[0]
        if bytes(data[at + 46: at + 46 + length]) == encoded:
            offset = struct.unpack_from("<I", data, at + 42)[0]
            if declared is not None:
                struct.pack_into("<I", data, at + 24, declared)
                struct.pack_into("<I", data, offset + 22, declared)
            if encrypted:
                struct.pack_into("<H", data, at + 8, struct.unpack_from("<H", data, at + 8)[0] | 1)
                struct.pack_into("<H", data, offset + 6,
                                 struct.unpack_from("<H", data, offset + 6)[0] | 1)
        at = data.find(b"PK\x01\x02", at + 4)
    return bytes(data)


@cache
def crafted(case: str, suffix: str) -> bytes:
    base = _base(suffix)
    if case == "troppe-parti":
        return _zipped({**base, **{f"media/{i}.txt": b"x" for i in range(1001)}})
    if case == "parte-enorme":
        return _zipped(base, {"media/zeri.bin": 70 * MIB})
    if case == "compressione":
        return _zipped(base, {"media/zeri.bin": 2 * MIB})
    if case == "totale":
        return _zipped({**base, **{f"media/{i}.bin": os.urandom(MIB) for i in range(3)}})
    if case == "dimensione-falsa":
        return _patched(_zipped(base, {"media/zeri.bin": 100 * MIB}), "media/zeri.bin",
                        declared=1000)
    if case == "password":
        return _patched(_zipped({**base, "media/segreto.txt": b"x" * 100}), "media/segreto.txt",
                        encrypted=True)
    raise AssertionError(case)


CASES = {
    "troppe-parti": "il file contiene {} parti, più di 1000: non è un documento normale",
    "parte-enorme": "una parte del file (media/zeri.bin) si espande a 70 MB, oltre il limite di "
                    "64 MB",
    "compressione": "una parte del file (media/zeri.bin) è compressa ",
    "totale": "il contenuto del file si espande a {}, oltre il limite di 2 MB",
    "dimensione-falsa": "una parte del file (media/zeri.bin) non corrisponde a quello che il "
                        "file dichiara: è danneggiato o fatto per bloccare il computer",
    "password": "il file è protetto da una password",
}


def _expected(case: str, suffix: str) -> str:
    if case == "troppe-parti":
        return CASES[case].format(len(_base(suffix)) + 1001)
    if case == "totale":
        return CASES[case].format(human_size(sum(map(len, _base(suffix).values())) + 3 * MIB))
    return CASES[case]


@pytest.fixture
def small_total(monkeypatch):
    monkeypatch.setattr(archive, "MAX_TOTAL", 2 * MIB)


@pytest.mark.parametrize("suffix", [".docx", ".odt"])
@pytest.mark.parametrize("case", list(CASES))
def test_forms_are_refused_before_parsing(minimo, small_total, case, suffix):
    raw = crafted(case, suffix)
    found = docx_read.read(Path(f"modulo{suffix}"), raw, Intake(minimo).catalog)
    assert found.status == "scartata"
    [problem] = found.problems
    assert problem.message.startswith("il file non si apre: " + _expected(case, suffix)), \
        problem.message
    assert problem.hint


@pytest.mark.parametrize("suffix", [".xlsx", ".ods"])
@pytest.mark.parametrize("case", list(CASES))
def test_spreadsheets_are_refused_before_parsing(minimo, small_total, tmp_path, capsys, case,
                                                 suffix):
    file = tmp_path / f"risposte{suffix}"
    file.write_bytes(crafted(case, suffix))
    (tmp_path / "mappa.yml").write_text('colonne:\n  "Titolo": titolo\n', "utf-8")
    assert main(["--radice", str(minimo), "importa", "tabella", str(file), "--mappa",
                 str(tmp_path / "mappa.yml")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"errore: il file risposte{suffix} non si apre: "
                          + _expected(case, suffix)), err
    assert "suggerimento: " in err


def test_compression_ratio_is_said(minimo):
    found = docx_read.read(Path("m.docx"), crafted("compressione", ".docx"),
                           Intake(minimo).catalog)
    message = found.problems[0].message
    ratio = int(message.split("è compressa ")[1].split(" volte")[0])
    assert ratio > archive.MAX_RATIO and "a 2 MB): è il segno di un file fatto per bloccare " \
                                         "il computer" in message


def test_the_shared_folder_gets_the_reason_in_errori_txt(tmp_path):
    root = copy_tree("minimo", tmp_path)
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "bomba.docx").write_bytes(crafted("parte-enorme", ".docx"))
    assert main(["--radice", str(root), "importa", "cartella", str(inbox)]) == 1
    errori = (inbox / "bomba.errori.txt").read_text("utf-8")
    assert "1. Il file non si apre: una parte del file (media/zeri.bin) si espande a 70 MB, " \
           "oltre il limite di 64 MB\n   Come correggere: se il file è tuo" in errori
    assert (inbox / "bomba.docx").is_file()


def test_a_member_that_lies_about_its_size_is_never_unpacked_in_full(tmp_path):
    """100 MB of zeros declared as 1,000 bytes: reading stops at what is declared."""
    bomb = tmp_path / "bomba.docx"
    bomb.write_bytes(crafted("dimensione-falsa", ".docx"))
    script = (
        "import resource, sys\n"
        "from pathlib import Path\n"
        "from rete.intake import docx_read\n"
        "base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        f"found = docx_read.read(Path('b.docx'), Path({str(bomb)!r}).read_bytes(), None)\n"
        "print(found.status, (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base) // 1024)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=ROOT, check=True)
    status, grown_mib = done.stdout.split()
    assert status == "scartata"
    assert int(grown_mib) < 20  # the 100 MB were never held

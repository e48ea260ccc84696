"""A request's referente and notes are published nowhere.

The sample site is built (pages, feed, search index, open data, JSON-LD, the booklet's
PDF, the Word forms), then the open data, the booklet and the email kit are made by
their commands; every file that comes out, unpacked where it is packed (PDF, gzip,
zip), is searched for the sample requesters' names, email addresses and phones and for
the sentences of their notes. The polo's own referente, who is public, is found in
the same files: the search would see a requester if one were there.
"""

from __future__ import annotations

import gzip
import html
import io
import subprocess
import zipfile
from pathlib import Path

import pytest

from rete.cli import main
from rete.content.loader import read_tree

from ..conftest import ROOT, copy_sample

pytestmark = pytest.mark.lento

PUBLIC = "npl@pertini.example.it"  # a polo's referente: on its page, in the booklet


def secrets() -> set[str]:
    """What the sample requests say of the people asking, and their notes."""
    found: set[str] = set()
    for doc in read_tree(ROOT).documents:
        if doc.kind != "richiesta":
            continue
        who = doc.data["referente"]
        found |= {who["nome"], who["email"]} | ({who["telefono"]} if "telefono" in who else set())
        found |= {line.strip() for line in doc.body.split("\n") if len(line.strip()) > 25}
    return found


def texts(path: Path) -> list[str]:
    """The text of a file, and of what it packs."""
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    if path.suffix == ".pdf":
        done = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"],
                              capture_output=True, check=True)
        return [done.stdout.decode("utf-8")]
    if data[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(data)) as packed:
            return [packed.read(n).decode("utf-8", "replace") for n in packed.namelist()]
    text = data.decode("utf-8", "replace")
    return [text, html.unescape(text)]


def leaks(folder: Path, words: set[str]) -> tuple[list[str], int]:
    """Where ``words`` appear under ``folder``, and how many files hold PUBLIC."""
    found, public = [], 0
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        seen = "\n".join(texts(path))
        flat = " ".join(seen.split())  # a PDF or a wrapped line breaks a sentence anywhere
        public += PUBLIC in seen
        found += [f"{path.relative_to(folder)}: {w}" for w in words
                  if w in seen or " ".join(w.split()) in flat]
    return found, public


def test_the_sample_requests_have_people_and_notes_to_hide():
    words = secrets()
    assert sum("@" in w for w in words) >= 6, words
    assert any(" " in w and "@" not in w and len(w) > 25 for w in words), words


def test_no_published_file_names_a_requester_or_their_notes(sito_esempio):
    words = secrets()
    found, public = leaks(sito_esempio, words)
    assert not found, "\n".join(found)
    assert public >= 2  # the polo's page, its Word/PDF and search data: the search works
    assert (sito_esempio / "libretto.pdf").stat().st_size > 10_000  # the real booklet
    assert list((sito_esempio / "pagefind").rglob("*.pf_fragment"))


def test_open_data_booklet_and_email_kit_name_no_requester(tmp_path, capsys):
    tree = copy_sample(tmp_path / "rete")
    out = tmp_path / "uscita"
    for formato in ("json", "csv", "xlsx"):
        assert main(["esporta", "--radice", str(tree), "--formato", formato,
                     "--out", str(out / "dati")]) == 0
    assert main(["libretto", "--radice", str(tree), "--out", str(out / "libretto.pdf")]) == 0
    assert main(["comunica", "--radice", str(tree), "--dal", "2020-01-01",
                 "--out", str(out / "comunica")]) == 0
    capsys.readouterr()
    assert len(list(out.rglob("*"))) >= 8
    found, public = leaks(out, secrets())
    assert not found, "\n".join(found)
    assert public >= 2  # the booklet and the email kit name the polo's referente

"""The names importers write: whatever the title, the loader reads the file it becomes.

A title that folds to a name Windows reserves («Con!!!» -> con) or to the name of
the index pages gets the next free name the loader accepts, and the candidate is
checked under that final name, not a temporary one.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rete.cli import main as rete
from rete.intake import pipeline
from rete.intake.pipeline import IMPORTED, Candidate, Intake
from rete.content.listing import slug_problem
from rete.content.loader import read_document, read_tree

from ..conftest import copy_tree
from .test_issue import SCHEDA, catalog_of, github_body

DEVICES = ["con", "prn", "aux", "nul", "com1", "com9", "lpt1", "lpt9", "conin$", "clock$"]


def scheda_data(root: Path, title: str) -> dict:
    doc, _ = read_document("scheda", root / "schede" / "letture-al-nido.md", "x.md", "x")
    return dict(doc.data, titolo=title)


def names(root: Path) -> set[str]:
    return {p.name for p in (root / "schede").iterdir()}


@pytest.mark.parametrize("title, expected", [
    ("Con!!!", "con-2.md"),
    ("PRN ...", "prn-2.md"),
    ("  aux.txt  ", "aux-txt.md"),  # a dot becomes a hyphen: aux-txt is not a device
    ("NUL. ", "nul-2.md"),
    ("COM1 !!", "com1-2.md"),
    ("Lpt9??", "lpt9-2.md"),
    ("COM¹ ¹", "com1-1.md"),  # not com1 itself: a Windows name only when alone
    ("Index!", "index-2.md"),
    ("— index —", "index-2.md"),
    ("!!!!!", "scheda.md"),  # nothing left of the title: the kind's name
    ("Clock$$", "clock.md"),  # "$" folds away: clock is a good name
    ("Letture " * 15, "letture-" * 7 + "lett.md"),  # at most 60 characters
    ("Con" + " " * 70 + "!", "con-2.md"),
])
def test_a_title_never_becomes_a_name_the_loader_refuses(minimo, title, expected):
    intake = Intake(minimo)
    outcome = intake.place(Candidate("prova", scheda_data(minimo, title), "Un testo.",
                                     kind="scheda"))
    assert outcome.status == IMPORTED, outcome.problems
    assert outcome.rel == f"schede/{expected}"
    assert rete(["valida", "--radice", str(minimo)]) == 0


@pytest.mark.parametrize("device", DEVICES[:6])
def test_an_issue_titled_as_a_windows_device_passes_rete_valida(esempio, capsys,
                                                                 monkeypatch, device):
    answers = dict(SCHEDA, titolo=f"{device.upper()}!!!")
    body = github_body("scheda", catalog_of(esempio), answers)
    monkeypatch.setattr(sys, "stdin", io.StringIO(body))
    assert rete(["importa", "issue", "-", "--radice", str(esempio)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"La scheda è pronta: il file è `schede/{device}-2.md`."), out
    assert f"{device}.md" not in names(esempio)
    assert rete(["valida", "--radice", str(esempio)]) == 0


def test_a_folder_file_titled_con_is_written_as_con_2(minimo, tmp_path, capsys):
    inbox = tmp_path / "in"
    inbox.mkdir()
    text = (minimo / "schede" / "letture-al-nido.md").read_text("utf-8")
    (inbox / "con.md").write_text(text.replace("Letture ad alta voce al nido", "Con!!!"),
                                  encoding="utf-8")
    assert rete(["--radice", str(minimo), "importa", "cartella", str(inbox)]) == 0
    assert "con-2.md" in names(minimo) and "con.md" not in names(minimo)
    assert rete(["valida", "--radice", str(minimo)]) == 0


def test_the_candidate_is_checked_under_its_final_name(minimo, monkeypatch):
    """A candidate's problems are found with the name it gets, and still name its source."""
    seen = []
    intake = Intake(minimo)
    real = pipeline.check_document

    def spy(doc, catalog, **kwargs):
        seen.append((doc.rel, doc.slug, doc.path))
        return real(doc, catalog, **kwargs)

    monkeypatch.setattr(pipeline, "check_document", spy)
    outcome = intake.place(Candidate("mario.md", scheda_data(minimo, "Con!!!"), "Testo.",
                                     kind="scheda"))
    assert seen == [("schede/con-2.md", "con-2", minimo / "schede" / "con-2.md")]
    assert outcome.rel == "schede/con-2.md"
    assert all(p.file == "mario.md" for p in outcome.problems)


def test_a_name_taken_after_the_check_is_never_written_over(minimo):
    intake = Intake(minimo)  # knows nothing of what is written after it read the tree
    (minimo / "schede" / "con-2.md").write_text("occupato", encoding="utf-8")
    outcome = intake.place(Candidate("a", scheda_data(minimo, "Con!!!"), "T.", kind="scheda"))
    assert outcome.rel == "schede/con-3.md"
    assert (minimo / "schede" / "con-2.md").read_text("utf-8") == "occupato"
    assert "con.md" not in names(minimo)


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    root = copy_tree("minimo", tmp_path_factory.mktemp("nomi"))
    return root, Intake(root)


TITLES = st.one_of(
    st.text(min_size=5, max_size=130),
    st.builds(lambda d, a, b: a + d + b, st.sampled_from(DEVICES + ["index", "INDEX"]),
              st.sampled_from(["", " ", "  ", "¡"]),
              st.text(alphabet=" .!?-_$·…\u00a0¹²³", min_size=3, max_size=8)),
    st.builds(lambda w, n: (w + " ") * n, st.sampled_from(["Lettura", "àèìòù", "X"]),
              st.integers(10, 40)),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=TITLES)
def test_whatever_the_title_the_written_file_is_read_by_the_loader(shared, title):
    root, intake = shared
    outcome = intake.place(Candidate("prova", scheda_data(root, title), "Un testo.",
                                     kind="scheda"))
    if outcome.status != IMPORTED:
        return
    name = outcome.rel.removeprefix("schede/").removesuffix(".md")
    assert slug_problem("scheda", name) is None
    assert len(name) <= 64
    problems = [p for p in read_tree(root).problems
                if p.file == outcome.rel and p.is_error]
    assert not problems, (title, problems)

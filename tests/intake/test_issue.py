"""GitHub issue forms (`rete moduli`) and issues read back (`rete importa issue`)."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest

from rete.cli import main as rete
from rete.cli.moduli import expected
from rete.content.loader import read_document, read_tree
from rete.content.refs import Catalog
from rete.render.forms import issueform

from ..conftest import ROOT


def catalog_of(root) -> Catalog:
    tree = read_tree(root)
    return Catalog.from_registry(tree.registry.data, tree.ids()["poli"])


def github_body(kind: str, catalog: Catalog, answers: dict[str, object], crlf=False) -> str:
    """An issue body exactly as GitHub renders a submitted issue form."""
    parts = []
    for e in issueform.elements(kind, catalog):
        answer = answers.get(e.path)
        if e.type == "checkboxes":
            ticked = answer or []
            text = "\n".join(f"- [{'X' if o in ticked else ' '}] {o}" for o in e.options)
        elif isinstance(answer, list):
            text = ", ".join(answer)
        else:
            text = answer or "_No response_"
        parts.append(f"### {e.label}\n\n{text}")
    body = "\n\n".join(parts)
    return body.replace("\n", "\r\n") if crlf else body


SCHEDA = {
    "titolo": "Letture “ad alta voce” al nido",
    "biblioteca": "Biblioteca comunale di Bollate",
    "tema": "Lettura 0-6 anni / Nati per Leggere",
    "destinatari": ["Famiglie con bambini 0-6 anni", "Bambini 6-10 anni"],
    "sintesi": "Ogni mercoledì le volontarie leggono ai bambini del nido del quartiere.",
    "referente.nome": "Nicolò D’Amico",
    "referente.email": "ragazzi@bollate.example.it",
    "periodo.inizio": "01/03/2026",
    "partner": ["Biblioteca civica di Arese", "Biblioteca civica di Bresso"],
    "sdg": ["4 – Istruzione di qualità", "9 – Imprese, innovazione e infrastrutture"],
    "risorse.costo": "1.200,50",
    "materiali": "Programma | https://bollate.example.it/programma.pdf",
    "corpo.Descrizione": "Le volontarie leggono in cerchio.\n\nPoi si sceglie un libro.",
}


@pytest.mark.parametrize("crlf", [False, True], ids=["lf", "crlf"])
def test_an_issue_becomes_a_valid_scheda(esempio, capsys, crlf, monkeypatch):
    body = github_body("scheda", catalog_of(esempio), SCHEDA, crlf=crlf)
    monkeypatch.setattr(sys, "stdin", io.StringIO(body))
    code = rete(["importa", "issue", "-", "--radice", str(esempio)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert out.startswith("La scheda è pronta: il file è `schede/letture-ad-alta-voce-al-nido.md`.")
    path = esempio / "schede" / "letture-ad-alta-voce-al-nido.md"
    doc, problems = read_document("scheda", path, "x.md", "x")
    assert not problems
    assert doc.data["biblioteca"] == "bollate"
    assert doc.data["destinatari"] == ["famiglie-0-6", "bambini-6-10"]
    assert doc.data["partner"] == ["arese", "bresso"]
    assert doc.data["sdg"] == [4, 9]
    assert doc.data["periodo"] == {"inizio": "2026-03-01"}
    assert doc.data["risorse"] == {"costo": 1200.5}
    assert doc.data["materiali"] == [{"titolo": "Programma",
                                      "url": "https://bollate.example.it/programma.pdf"}]
    assert "stato" not in doc.data  # _No response_ is no answer
    assert doc.body.strip() == ("## Descrizione\n\nLe volontarie leggono in cerchio.\n\n"
                                "Poi si sceglie un libro.")
    assert rete(["valida", "--radice", str(esempio)]) == 0
    # The same issue again (an edit that changed nothing) writes nothing new.
    monkeypatch.setattr(sys, "stdin", io.StringIO(body))
    assert rete(["importa", "issue", "-", "--radice", str(esempio)]) == 0
    assert "c'è già" in capsys.readouterr().out
    assert len(list((esempio / "schede").glob("letture-ad-alta-voce-al-nido*"))) == 1


def test_problems_are_a_markdown_list_and_nothing_is_written(esempio, tmp_path, capsys):
    answers = dict(SCHEDA, titolo="Corto", biblioteca="Biblioteca di Bolate",
                   **{"periodo.inizio": "31/02/2026", "referente.email": "x@"})
    answers.pop("sintesi")
    issue = tmp_path / "issue.md"
    issue.write_text(github_body("scheda", catalog_of(esempio), answers), encoding="utf-8")
    before = sorted(p.name for p in (esempio / "schede").iterdir())
    assert rete(["importa", "issue", str(issue), "--radice", str(esempio)]) == 1
    out = capsys.readouterr().out
    assert out.splitlines()[0] == ("La scheda non è ancora pronta: correggi la issue "
                                   "(modificala) e il controllo riparte.")
    assert ("- **errore** «Sintesi»: campo obbligatorio mancante (rispondi alla domanda "
            "«Sintesi» (") in out  # the form's question, not a line of a file
    assert ("- **errore** «Biblioteca»: «Biblioteca di Bolate» non è una biblioteca della "
            "rete (forse intendevi «Biblioteca comunale di Bollate»?)") in out
    assert "- **errore** «Periodo › Inizio»: data non valida" in out
    assert "- **errore** «Referente › Email»: l'indirizzo email non è valido" in out
    assert sorted(p.name for p in (esempio / "schede").iterdir()) == before


def test_an_issue_becomes_a_polo_with_its_services(esempio, capsys, monkeypatch):
    answers = {"nome": "Polo della musica", "tema": "Musica e cinema",
               "biblioteca": "Biblioteca comunale di Bollate",
               "sintesi": "Il polo presta vinili e forma i bibliotecari della rete.",
               "referente.nome": "Maria Rossi", "referente.email": "m@bollate.example.it",
               "stato": "attivo", "attivo_dal": "2026-04-01",
               "servizi": "vinili | Prestito di vinili | Cento dischi | Scrivi al referente | "
                          "| in-sede, in-trasferta | 10 | 0\r\n"
                          "formazione | Formazione | Un incontro | Telefona",
               "corpo": "Testo libero del polo."}
    body = github_body("polo", catalog_of(esempio), answers, crlf=True)
    monkeypatch.setattr(sys, "stdin", io.StringIO(body))
    assert rete(["importa", "issue", "-", "--radice", str(esempio)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Il polo è pronto: il file è `poli/polo-della-musica.md`.")
    doc, _ = read_document("polo", esempio / "poli" / "polo-della-musica.md", "x.md", "x")
    assert [s["nome"] for s in doc.data["servizi"]] == ["Prestito di vinili", "Formazione"]
    assert doc.data["servizi"][0] | {} == {
        "id": "vinili", "nome": "Prestito di vinili", "descrizione": "Cento dischi",
        "come_richiederlo": "Scrivi al referente", "modalita": ["in-sede", "in-trasferta"],
        "anticipo_giorni": 10, "costo": 0}
    assert doc.body.strip() == "Testo libero del polo."


def test_unknown_sections_are_kept_in_the_text(esempio, capsys, monkeypatch):
    body = github_body("scheda", catalog_of(esempio), SCHEDA) + \
        "\n\n### Una domanda aggiunta a mano\n\nTesto da non perdere."
    monkeypatch.setattr(sys, "stdin", io.StringIO(body))
    assert rete(["importa", "issue", "-", "--radice", str(esempio)]) == 0
    out = capsys.readouterr().out
    assert "- **avviso**: la sezione «Una domanda aggiunta a mano» non è del modulo" in out
    text = (esempio / "schede" / "letture-ad-alta-voce-al-nido.md").read_text("utf-8")
    assert "## Una domanda aggiunta a mano\n\nTesto da non perdere." in text


def test_committed_issue_forms_are_what_rete_moduli_writes():
    for rel, text in expected(ROOT).items():
        assert (ROOT / rel).read_text("utf-8") == text, (
            f"{rel} non è aggiornato: lancia «rete moduli»")


def test_issue_forms_match_githubs_schema_and_use_dotted_ids(minimo, capsys):
    assert rete(["moduli", "--radice", str(minimo)]) == 0
    kinds = ("scheda", "polo", "richiesta")
    assert capsys.readouterr().out == "".join(
        f"Scritto .github/ISSUE_TEMPLATE/{k}.yml.\n" for k in kinds)
    files = [str(minimo / ".github/ISSUE_TEMPLATE" / f"{k}.yml") for k in kinds]
    files += [str(ROOT / ".github/ISSUE_TEMPLATE" / f"{k}.yml") for k in kinds]
    done = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema",
                           "vendor.github-issue-forms", *files], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    ids = [e.id for e in issueform.elements("scheda", catalog_of(minimo))]
    assert {"titolo", "referente__email", "periodo__inizio", "risorse__costo",
            "corpo__descrizione", "corpo__come_si_realizza"} <= set(ids)
    assert rete(["moduli", "--radice", str(minimo)]) == 0
    assert "è già aggiornato" in capsys.readouterr().out


def test_the_comment_shows_what_people_wrote_as_text(esempio, tmp_path, capsys):
    answers = dict(SCHEDA, biblioteca="<img src=x onerror=alert(1)> @coordinatori [x](y)")
    issue = tmp_path / "issue.md"
    issue.write_text(github_body("scheda", catalog_of(esempio), answers), encoding="utf-8")
    assert rete(["importa", "issue", str(issue), "--radice", str(esempio)]) == 1
    out = capsys.readouterr().out
    assert "«\\<img src=x onerror=alert(1)\\> @\u2060coordinatori \\[x\\](y)»" in out
    assert "«<img" not in out


CODE_IN_ANSWER = ("Si usa questo modello di avviso:\n\n```\n### Titolo\n\nTesto\n```\n\n"
                  "~~~\n### Tema\n~~~\n\n    ### rientrato\n\nFine.")


def test_a_heading_inside_a_code_block_of_an_answer_is_part_of_the_answer(
        esempio, capsys, monkeypatch):
    """GitHub puts each answer under "### Label"; a "### " the librarian wrote in a code
    block is the answer's own text, even when it is the label of another question."""
    answers = dict(SCHEDA, **{"corpo.Descrizione": CODE_IN_ANSWER})
    body = github_body("scheda", catalog_of(esempio), answers, crlf=True)
    monkeypatch.setattr(sys, "stdin", io.StringIO(body))
    assert rete(["importa", "issue", "-", "--radice", str(esempio)]) == 0
    out = capsys.readouterr().out
    assert "non è del modulo" not in out, out
    doc, _ = read_document("scheda", esempio / "schede" / "letture-ad-alta-voce-al-nido.md",
                           "x.md", "x")
    assert doc.data["titolo"] == SCHEDA["titolo"]  # "### Titolo" in the code took nothing
    assert doc.body.strip() == "## Descrizione\n\n" + CODE_IN_ANSWER


def test_a_fence_never_closed_hides_no_question():
    from rete.intake.issue import sections
    body = "### Titolo\n\n```\nnon chiuso\n\n### Sintesi\n\nUna sintesi."
    assert sections(body) == [("Titolo", "```\nnon chiuso"), ("Sintesi", "Una sintesi.")]


@pytest.mark.parametrize("lines, expected", [
    (["a", "```", "## x", "```", "b"], [False, True, True, True, False]),
    (["~~~~", "```", "~~~", "~~~~", "## y"], [True, True, True, True, False]),
    (["```python", "## x", "````"], [True, True, True]),
    (["```", "## mai chiuso"], [False, False]),
    (["``` a`b", "## x", "```"], [False, False, False]),  # backticks in the info: no fence
    (["    ```", "## x"], [False, False]),  # indented: code already, not a fence
])
def test_in_code_knows_which_lines_are_fenced_code(lines, expected):
    from rete.text import in_code
    assert in_code(lines) == expected


def test_a_missing_group_of_questions_is_named_by_the_group(esempio, tmp_path, capsys):
    answers = {k: v for k, v in SCHEDA.items() if not k.startswith("referente.")}
    issue = tmp_path / "issue.md"
    issue.write_text(github_body("scheda", catalog_of(esempio), answers), encoding="utf-8")
    assert rete(["importa", "issue", str(issue), "--radice", str(esempio), "--prova"]) == 1
    out = capsys.readouterr().out
    assert ("- **errore** «Referente»: campo obbligatorio mancante (rispondi alla domanda "
            "«Referente» (") in out

"""The workshop booklet read back from its PDF: text, outline, contents, QR codes.

The tree is tests/alberi/piccolo (two published schede, one with a bundle and its
image, a draft, a polo) plus a scheda full of hostile HTML; the PDF is made once.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from rete.booklet import document, pdf
from rete.cli import main
from rete.render import html as render_html
from rete.checks.validate import check

from ..conftest import ROOT, TREES

pypdf = pytest.importorskip("pypdf")

HOSTILE = """---
titolo: "<script>alert(1)</script> e <b>grassetto</b>"
biblioteca: frazione
tema: lettura-0-6
destinatari: [adulti]
sintesi: "[x](javascript:alert(1)) <img src=x onerror=alert(1)>"
referente: {nome: Anna Verdi, email: anna@frazione.example.it}
periodo: {inizio: 2025-02-01, fine: 2025-12-31}
---

## Corpo ostile

<script>alert('corpo')</script>

<img src="https://example.org/spia.png" alt="spia">

<img src="../../../segreto.png" alt="fuori">

[link normale](https://example.org/pagina)
"""


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("libretto")
    target = base / "piccolo"
    shutil.copytree(TREES / "piccolo", target)
    (target / "schede" / "ostile.md").write_text(HOSTILE, encoding="utf-8")
    (base / "segreto.png").write_bytes(b"\x89PNG segreto")
    # On the site the image's address is /segreto.png, a file of docs/ (so `rete valida`
    # accepts the link); the booklet loads only a bundle's images, never that one.
    (target / "docs").mkdir()
    (target / "docs" / "segreto.png").write_bytes(b"\x89PNG pubblico")
    return target


@pytest.fixture(scope="module")
def knowledge(tree):
    result = check(tree)
    assert not result.errors, result.problems
    return result.knowledge


@pytest.fixture(scope="module")
def printed(tree, knowledge, tmp_path_factory):
    out = tmp_path_factory.mktemp("pdf") / "libretto.pdf"
    booklet = document.build(knowledge)
    done = pdf.write(document.to_html(booklet), out, booklet.folders, tree)
    return out, done


@pytest.fixture(scope="module")
def reader(printed):
    return pypdf.PdfReader(printed[0])


@pytest.fixture(scope="module")
def texts(reader) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in reader.pages]


def flat(text: str) -> str:
    """Text without white space: the PDF may break a line inside a word like «</b>»."""
    return re.sub(r"\s+", "", text)


def _outline(reader) -> list[tuple[int, str, int]]:
    """(depth, title, page number from 1) of every bookmark."""
    found = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 0)
    return found


def test_cover_names_the_network_and_the_workshop(texts):
    assert "Rete di prova" in texts[0]
    assert "Buone pratiche in mostra" in texts[0]
    assert "20 maggio 2027 · Biblioteca centrale" in texts[0]


def test_every_published_scheda_and_polo_is_there_and_no_draft(knowledge, texts):
    everything = flat(" ".join(texts))
    for s in knowledge.pubblicate:
        assert flat(s.titolo) in everything, s.slug
    for p in knowledge.poli:
        assert flat(p.nome) in everything
    draft = next(s for s in knowledge.schede if s.bozza)
    assert flat(draft.titolo) not in everything
    assert flat("Gruppo di lettura") not in everything


def test_outline_has_every_part_and_scheda_pointing_at_its_page(knowledge, reader, texts):
    outline = _outline(reader)
    titles = {title: (depth, page) for depth, title, page in outline}
    assert titles["Poli di servizio"][0] == 0
    assert titles["Indice delle biblioteche"][0] == 0
    for t in ("Lettura 0-6 anni", "Storia locale"):
        assert titles[t][0] == 0
    for s in knowledge.pubblicate:
        depth, page = titles[s.titolo]
        assert depth == 1
        assert flat(s.titolo) in flat(texts[page - 1])
    assert titles[knowledge.poli[0].nome][0] == 1


def test_contents_page_numbers_are_where_each_scheda_starts(knowledge, reader, texts):
    outline = {title: page for _, title, page in _outline(reader)}
    # Read as laid out: each line of the contents is a page number, then its title.
    lines = [" ".join(line.split()) for line in
             reader.pages[1].extract_text(extraction_mode="layout").splitlines()]
    assert "Indice" in lines
    listed = {}
    for line in lines:
        found = re.fullmatch(r"(\d+) (.+)", line)
        if found:
            listed[found.group(2)] = int(found.group(1))
    for s in knowledge.pubblicate:
        page = listed[s.titolo]
        assert page == outline[s.titolo], s.titolo
        assert flat(s.titolo) in flat(texts[page - 1])
    assert listed["Poli di servizio"] == outline["Poli di servizio"]


def test_running_header_names_the_theme_and_footer_the_page(reader, texts):
    # Its own page (another scheda's may name it among the similar practices).
    page = next(i for i, t in enumerate(texts) if "I cittadini portano in biblioteca" in t
                and "Periodo" in t)
    assert "Storia locale" in texts[page]
    assert f"Pagina {page + 1} di {len(reader.pages)}" in texts[page]


def test_index_of_libraries_gives_the_pages_where_each_appears(reader):
    outline = {title: page for _, title, page in _outline(reader)}
    index = "\n".join(page.extract_text() for page in
                      reader.pages[outline["Indice delle biblioteche"] - 1:])
    pages = {line.split(": ", 1)[0]: re.findall(r"\d+", line.split(": ", 1)[1])
             for line in index.splitlines() if re.search(r": pagin[ae] \d", line)}
    scheda = str(outline["Archivio fotografico: le foto delle famiglie"])
    # the library that runs it and its partner
    assert scheda in pages["Biblioteca di frazione, Borgo"]
    assert scheda in pages["Biblioteca centrale, Borgo"]
    assert all(scheda not in found for library, found in pages.items()
               if library not in ("Biblioteca di frazione, Borgo", "Biblioteca centrale, Borgo"))
    assert all(found == sorted(found, key=int) for found in pages.values())


def test_hostile_html_appears_as_text(texts):
    everything = flat(" ".join(texts))
    assert flat("<script>alert(1)</script> e <b>grassetto</b>") in everything
    assert flat("[x](javascript:alert(1)) <img src=x onerror=alert(1)>") in everything
    assert "alert('corpo')" not in everything
    assert "Corpoostile" in everything


def test_only_bundle_images_are_loaded(printed, reader, texts):
    _, done = printed
    assert any(url.endswith("/segreto.png") for url in done.refused), done.refused
    assert not any("example.org" in url for url in done.refused)  # dropped before
    page = next(i for i, t in enumerate(texts) if "Archivio fotografico" in t and
                "Periodo" in t)
    pages = reader.pages[page:page + 3]
    assert any("/XObject" in (p.get("/Resources") or {}) for p in pages)


def test_qr_codes_decode_to_the_schede_addresses(knowledge, printed, reader, tmp_path):
    if not shutil.which("zbarimg") or not shutil.which("pdftoppm"):
        reason = "servono zbar-tools e poppler-utils (make strumenti-pdf)"
        if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
            pytest.fail(f"CI=true: {reason}", pytrace=False)
        pytest.skip(reason)
    outline = {title: page for _, title, page in _outline(reader)}
    for s in knowledge.pubblicate:
        page = outline[s.titolo]
        subprocess.run(["pdftoppm", "-png", "-r", "150", "-f", str(page), "-l", str(page),
                        str(printed[0]), str(tmp_path / s.slug)], check=True)
        image = next(tmp_path.glob(f"{s.slug}*.png"))
        done = subprocess.run(["zbarimg", "--quiet", "--raw", str(image)],
                              capture_output=True, text=True)
        slug_path = f"schede/{s.slug}/"
        assert done.stdout.strip() == f"https://rete.example.it/{slug_path}", done


def test_tema_and_anno_filter(knowledge):
    poli, schede = document.select(knowledge, tema="storia-locale")
    assert [s.slug for s in schede] == ["archivio-foto"] and poli == []
    _, schede = document.select(knowledge, anno=2025)
    assert {s.slug for s in schede} == {"archivio-foto", "ostile"}
    _, schede = document.select(knowledge, anno=2024)
    assert schede == []


def test_unknown_theme_is_a_message_with_a_suggestion(tree, capsys):
    assert main(["libretto", "--radice", str(tree), "--tema", "storia-locali"]) == 2
    err = capsys.readouterr().err
    assert "errore: --tema: il tema «storia-locali» non esiste in rete.yml" in err
    assert "forse intendevi: storia-locale" in err


def test_bad_year_is_a_message(tree, capsys):
    assert main(["libretto", "--radice", str(tree), "--anno", "25"]) == 2
    assert "--anno: atteso un anno di quattro cifre (per esempio 2026), ricevuto «25»" \
        in capsys.readouterr().err


def test_command_writes_the_pdf_silently_when_not_on_a_terminal(tree, tmp_path, capsys):
    out = tmp_path / "solo-storia.pdf"
    assert main(["libretto", "--radice", str(tree), "--tema", "storia-locale",
                 "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith(f"Libretto pronto in {out} (")
    assert captured.err == ""  # no progress bar outside a terminal
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(out).pages)
    # The other theme's scheda is not printed (its title may be named as a similar one).
    assert "Archivio fotografico" in text and "Ogni settimana le bibliotecarie" not in text


def test_links_inside_the_booklet_lead_to_its_pages(knowledge):
    booklet = document.build(knowledge)
    polo = booklet.poli[0].html
    assert 'href="#scheda.letture-al-nido"' in polo
    scheda = next(e for _, es in booklet.parts for e in es if e.anchor == "scheda.archivio-foto")
    assert 'href="https://rete.example.it/temi/storia-locale/"' in scheda.html
    assert 'href="https://rete.example.it/schede/archivio-foto/liberatoria.txt"' in scheda.html
    assert re.search(r'src="file:///[^"]*/archivio-foto/piazza\.png"', scheda.html)


def test_the_booklet_uses_the_site_markdown_extensions():
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8").replace("!!", ""))
    names, options = [], {}
    for item in config["markdown_extensions"]:
        name = item if isinstance(item, str) else next(iter(item))
        names.append(name)
        if isinstance(item, dict):
            options[name] = item[name]
    assert names == render_html.EXTENSIONS
    for name, value in render_html.CONFIGS.items():
        assert options[name] == value


# --- Posters ------------------------------------------------------------------------

def test_a_poster_shows_the_scheda_its_image_and_its_qr_code(tree, tmp_path, capsys):
    out = tmp_path / "manifesto.pdf"
    assert main(["libretto", "--radice", str(tree), "--poster", "archivio-foto",
                 "--out", str(out)]) == 0
    assert capsys.readouterr().out.startswith(f"Manifesto pronto in {out} (1 pagine)")
    page = pypdf.PdfReader(out).pages[0]
    assert abs(float(page.mediabox.height) - 1190.55) < 1  # A3 in points
    text = flat(page.extract_text())
    for words in ("Archivio fotografico: le foto delle famiglie", "Biblioteca di frazione",
                  "Storia locale", "I cittadini portano in biblioteca",
                  "Raccolte 340 fotografie", "https://rete.example.it/schede/archivio-foto/"):
        assert flat(words) in text, words
    assert "/XObject" in page["/Resources"]  # the bundle's image


def test_posters_of_every_scheda_in_a4(tree, knowledge, tmp_path):
    out = tmp_path / "manifesti.pdf"
    assert main(["libretto", "--radice", str(tree), "--tutti", "--formato", "A4",
                 "--out", str(out)]) == 0
    reader = pypdf.PdfReader(out)
    assert abs(float(reader.pages[0].mediabox.height) - 841.89) < 1
    text = flat(" ".join(p.extract_text() for p in reader.pages))
    for s in knowledge.pubblicate:
        assert flat(s.titolo) in text
    assert "Gruppodilettura" not in text


def test_a_draft_has_no_poster(tree, capsys):
    assert main(["libretto", "--radice", str(tree), "--poster", "bozza-gruppo-lettura"]) == 2
    err = capsys.readouterr().err
    assert "--poster: la scheda «bozza-gruppo-lettura» è una bozza" in err
    assert main(["libretto", "--radice", str(tree), "--poster", "archivio-fot"]) == 2
    assert "forse intendevi archivio-foto" in capsys.readouterr().err


LONG_POSTER = """---
titolo: "{titolo}"
biblioteca: frazione
partner: [centrale]
tema: lettura-0-6
destinatari: [adulti]
sintesi: "{sintesi}"
risultati: |
{risultati}
referente: {{nome: Anna Verdi, email: anna@frazione.example.it}}
periodo: {{inizio: 2025-02-01}}
---

Un testo lungo quanto serve.
"""


@pytest.fixture(scope="module")
def long_tree(tree, tmp_path_factory) -> Path:
    """The sample tree plus a scheda at the longest title and sintesi the schema
    allows and pages of results."""
    target = tmp_path_factory.mktemp("lungo") / "piccolo"
    shutil.copytree(tree, target)
    words = "Straordinariamente partecipata lettura condivisa ad alta voce".split()
    text = lambda n: " ".join(words[i % len(words)] for i in range(n))  # noqa: E731
    results = "\n\n".join(text(80) + "." for _ in range(5))  # under the 5,000 allowed
    (target / "schede" / "lunghissima.md").write_text(LONG_POSTER.format(
        titolo=text(40)[:120].rsplit(" ", 1)[0], sintesi=text(60)[:300].rsplit(" ", 1)[0],
        risultati="\n".join("  " + line for line in results.splitlines())), encoding="utf-8")
    return target


@pytest.mark.parametrize("size", ["A4", "A3"])
def test_every_poster_fits_one_page_whatever_its_length(long_tree, tmp_path, size):
    out = tmp_path / "manifesti.pdf"
    assert main(["libretto", "--radice", str(long_tree), "--tutti", "--formato", size,
                 "--out", str(out)]) == 0
    knowledge = check(long_tree).knowledge
    reader = pypdf.PdfReader(out)
    assert len(reader.pages) == len(knowledge.pubblicate)
    texts = [flat(page.extract_text()) for page in reader.pages]
    long_page = next(t for t in texts if flat("Straordinariamente partecipata") in t)
    assert long_page.count("https://rete.example.it/schede/lunghissima/") >= 1
    assert flat("Il testo completo è nella scheda online: inquadra il codice QR.") in long_page
    assert "…" in long_page
    # A poster that fits keeps all its text and no notice.
    short = next(t for t in texts if flat("Archivio fotografico") in t)
    assert flat("Raccolte 340 fotografie") in short
    assert flat("Il testo completo") not in short


def test_a_title_longer_than_any_page_is_cut_not_spilled(knowledge):
    from dataclasses import replace

    from rete.booklet import poster

    s = next(s for s in knowledge.pubblicate if s.slug == "archivio-foto")
    huge = replace(s, titolo="Fotografie " * 400, sintesi="Famiglie " * 800,
                   risultati="Risultato " * 3000)
    calls = []

    def render(document):
        calls.append(document)
        return pdf.render(document, [], ROOT)

    laid_out, _ = poster.fit(knowledge, [huge], "A4", render)
    assert len(laid_out.pages) == 1
    assert len(calls) > 1  # laid out again with less text
    assert "Il testo completo è nella scheda online" in calls[-1]


def test_progress_bar_shows_on_a_terminal_and_stdout_stays_clean(tree, tmp_path):
    """Under a pseudo-terminal, as a coordinator runs it: the bar is drawn on the
    terminal (stderr), while standard output, a pipe here, holds only the result."""
    import pty
    import sys

    out = tmp_path / "libretto.pdf"
    leader, follower = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100"}
    env.pop("NO_COLOR", None)
    done = subprocess.Popen([sys.executable, "-m", "rete", "libretto", "--radice", str(tree),
                             "--tema", "storia-locale", "--out", str(out)],
                            stdout=subprocess.PIPE, stderr=follower,
                            stdin=subprocess.DEVNULL, env=env)
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closes when the command ends
            break
        if not chunk:
            break
        shown += chunk
    stdout = done.stdout.read().decode()
    assert done.wait() == 0
    os.close(leader)
    terminal = shown.decode("utf-8", "replace")
    assert "Preparo le schede" in terminal or "Impagino il libretto" in terminal, terminal
    assert "\x1b[" in terminal  # drawn and redrawn in place
    assert stdout == f"Libretto pronto in {out} ({len(pypdf.PdfReader(out).pages)} pagine).\n"


def test_the_correction_link_is_for_the_screen_only(texts):
    assert not [i for i, t in enumerate(texts, 1) if "Correggi questa scheda" in t
                or "Correggi questo polo" in t or "Riprendi questa pratica" in t]


def test_two_processes_make_the_same_booklet_as_one(knowledge, monkeypatch):
    """From SHARED_FROM schede the other core makes the second half; the document,
    the order of the schede and the progress steps are the same as made by one."""
    steps: list[int] = []
    monkeypatch.setattr(document, "SHARED_FROM", 10**6)
    alone = document.to_html(document.build(knowledge, step=lambda: steps.append(1)))
    monkeypatch.setattr(document, "SHARED_FROM", 2)
    shared = document.build(knowledge, step=lambda: steps.append(2))
    assert document.to_html(shared) == alone
    assert steps.count(1) == steps.count(2) == document.steps(knowledge) >= 4

"""Hardening, class by class, at the level of each mechanism (issue 12).

The sanitiser's ids, classes and loads; the one URL decision the validator and the
sanitiser share; every output format on one line per record; checks that stay
linear on large adversarial input; caps on lists; markers and plugin directives in
librarians' pages. The end-to-end checks of the built site are in site/test_sito.py and
site/test_browser.py.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import html5lib
import pytest

from rete import formatters
from rete.content import urls
from rete.content.loader import Document
from rete.problems import error, warning
from rete.render import mdtext, pages, sanitize
from rete.checks.checks import check_body
from rete.checks.validate import check

from ..cli.test_cli import SCHEDA, add_fields, edit
from .test_fuzz import time_limit

PAGE = urls.page_address("https://rete.example.it/csbno/", "schede/nido/")

# Addresses a browser loads from another server (or from no server at all).
ELSEWHERE = [
    "https://evil.example/x.png", "//evil.example/x.png", "/\\evil.example/x.png",
    "\\/evil.example/x.png", "\\\\evil.example\\x.png", "\t//evil.example/x.png",
    "\n//evil.example/x.png", "\x01//evil.example/x.png", "/\t/evil.example/x.png",
    " //evil.example/x.png", "HTTPS://EVIL.EXAMPLE/x.png", "http://rete.example.it/x.png",
    "https://rete.example.it:8443/x.png", "https://rete.example.it.evil.example/x.png",
    "https://rete.example.it@evil.example/x.png", "data:image/png;base64,iVBORw0KGgo=",
    "javascript:alert(1)", "file:///etc/passwd", "ftp://evil.example/x.png",
    "https://[::1/x.png",
]
# Addresses on the page's own origin.
SAME = ["foto.jpg", "./foto.jpg", "sotto/foto.jpg", "../altra/foto.jpg", "/csbno/logo.png",
        "https://rete.example.it/csbno/logo.png", "//rete.example.it/x.png", "%2F%2Fevil.png",
        "foto.jpg?x=//evil.example", "#frammento"]


# --- One URL decision ------------------------------------------------------------

@pytest.mark.parametrize("url", ELSEWHERE, ids=repr)
def test_addresses_that_leave_the_site_are_elsewhere(url):
    assert urls.elsewhere(url, PAGE)


@pytest.mark.parametrize("url", SAME, ids=repr)
def test_addresses_on_the_site_are_not_elsewhere(url):
    assert not urls.elsewhere(url, PAGE)


def test_page_address_falls_back_when_the_site_is_unusable():
    assert urls.page_address(None, "schede/x/") == "https://rete.invalid/schede/x/"
    assert urls.page_address("non un indirizzo", "x/") == "https://rete.invalid/x/"
    assert urls.page_address("https://a.example/sito", "x/") == "https://a.example/sito/x/"


def _loads(html: str) -> list[tuple[str, str, str]]:
    """Every (element, attribute, value) that a browser would fetch, parsed as a browser."""
    tree = html5lib.parse(html, namespaceHTMLElements=False)
    return [(el.tag, name, value) for el in tree.iter() for name, value in el.attrib.items()
            if (el.tag, name) in urls.LOADS or name == "srcset"]


TAG_TEMPLATES = ['<img src="{u}" alt="x">', "<img src='{u}' alt=x>", '<video src="{u}"></video>',
                 '<video poster="{u}" controls></video>', '<audio src="{u}"></audio>',
                 '<video><source src="{u}"></video>']


@pytest.mark.parametrize("template", TAG_TEMPLATES)
@pytest.mark.parametrize("url", ELSEWHERE, ids=repr)
def test_the_sanitiser_loads_nothing_from_elsewhere(template, url):
    html = template.format(u=url.replace('"', "&quot;"))
    assert _loads(sanitize.clean(html, PAGE)) == []


@pytest.mark.parametrize("url", SAME, ids=repr)
def test_the_sanitiser_keeps_the_sites_own_images(url):
    kept = _loads(sanitize.clean(f'<img src="{url}" alt="x">', PAGE))
    assert [(tag, name) for tag, name, _ in kept] == [("img", "src")]


def test_srcset_is_never_kept():
    assert _loads(sanitize.clean('<img src="a.png" srcset="//evil.example/b.png 2x" alt="">',
                                 PAGE)) == [("img", "src", "a.png")]


def _doc(body: str) -> Document:
    return Document("scheda", Path("/x/schede/nido.md"), "schede/nido.md", "nido", body=body)


def _image_warnings(body: str) -> int:
    return sum("altro sito" in p.message
               for p in check_body(_doc(body), "https://rete.example.it/csbno/"))


@pytest.mark.parametrize("url", [u for u in ELSEWHERE if "\n" not in u], ids=repr)
def test_the_validator_warns_about_every_image_from_elsewhere(url):
    escaped = url.replace('"', "&quot;")
    assert _image_warnings(f"![foto]({url})") == 1
    assert _image_warnings(f'<img src="{escaped}" alt="foto">') == 1
    assert _image_warnings(f'<video poster="{escaped}"></video>') == 1


@pytest.mark.parametrize("url", SAME, ids=repr)
def test_the_validator_is_quiet_about_the_sites_own_images(url):
    assert _image_warnings(f"![foto]({url})") == 0
    assert _image_warnings(f'<img src="{url}" alt="foto">') == 0


# --- Theme ids and classes --------------------------------------------------------

THEIR_IDS = ["__config", "__drawer", "__search", "__toc", "__palette_0", "_x", "md-header",
             "MD-dialog", "rete-q", "rete-ricerca", "rete-ricerca-stato", "pagefind-ui",
             "tag:nati-per-leggere",
             "a b", 'q" onmouseover="alert(1)', "\x02wzxhzdk:0\x03", "", "-", "é:"]


@pytest.mark.parametrize("ident", THEIR_IDS, ids=repr)
def test_a_body_cannot_take_an_id_of_the_theme_or_the_site(ident):
    new = sanitize.own_id(ident)
    assert not sanitize.theirs(new) and new.startswith("s-")
    assert sanitize.own_id(ident) == new  # the same id always moves to the same place


@pytest.mark.parametrize("ident", ["descrizione", "come-si-realizza", "passo_2", "città", "2026"])
def test_ordinary_heading_ids_stay_as_they_are(ident):
    assert sanitize.own_id(ident) == ident


def _parsed(html: str):
    return html5lib.parse(html, namespaceHTMLElements=False)


@pytest.mark.parametrize("ident", THEIR_IDS[:12], ids=repr)
def test_ids_and_the_links_to_them_move_together(ident):
    html = sanitize.clean(f'<h2 id="{ident}">T</h2><a href="#{ident}">vai</a>', PAGE)
    tree = _parsed(html)
    heading, link = tree.find(".//h2"), tree.find(".//a")
    assert heading.get("id") == sanitize.own_id(ident)
    assert link.get("href") == "#" + sanitize.own_id(ident)


class _Toc:
    def __init__(self, id, title, children=()):
        self.id, self.title, self.children = id, title, list(children)


def test_the_table_of_contents_moves_ids_as_the_page_does():
    items = [_Toc("__config", "<b>Uno</b>", [_Toc('q" x="1', "Due")]), _Toc("tre", "Tre")]
    sanitize.clean_toc(items)
    assert [items[0].id, items[0].children[0].id, items[1].id] == ["s-config", "s-q-x-1", "tre"]
    assert items[0].title == "Uno"


THEME_CLASSES = ["md-dialog", "md-dialog--active", "md-banner", "md-header", "md-typeset",
                 "md-button md-button--primary", "md-overlay", "rete-cifre", "rete-cerca",
                 "rete-risultati", "rete-altri", "pagefind-ui", "headerlink2", "language-",
                 "highlight2"]


@pytest.mark.parametrize("classes", THEME_CLASSES)
def test_a_body_cannot_use_the_themes_classes(classes):
    html = sanitize.clean(f'<div class="{classes}">Sessione scaduta</div>', PAGE)
    assert _parsed(html).find(".//div").get("class") is None


def test_ordinary_markdown_classes_survive():
    html = sanitize.clean('<div class="admonition note md-dialog"><p class="admonition-title">'
                          'N</p></div><pre><code class="language-python">x</code></pre>'
                          '<span class="n">x</span>', PAGE)
    tree = _parsed(html)
    assert tree.find(".//div").get("class") == "admonition note"
    assert tree.find(".//code").get("class") == "language-python"
    assert tree.find(".//span").get("class") == "n"


# --- Markers and plugin directives are text in librarians' pages ----------------

@pytest.mark.parametrize("directive", ["<!-- material/tags -->", "<!--material/tags{}-->",
                                       "<!--\tmaterial/tags { include: [x] } -->",
                                       "<!-- rete:guida -->", "<!-- altro/plugin -->"])
def test_directives_in_a_body_are_inert(directive):
    out = mdtext.body(f"Testo.\n\n{directive}\n")
    assert directive not in out
    assert out.replace("\u2060", "") == f"Testo.\n\n{directive}"


def test_pages_carry_bodies_through_the_inert_filter(esempio):
    scheda = esempio / "schede" / "memory-cafe-anziani.md"
    scheda.write_text(scheda.read_text("utf-8") + "\n<!-- material/tags -->\n", "utf-8")
    site = pages.render(check(esempio).knowledge)
    page = site.pages["schede/memory-cafe-anziani.md"]
    assert "<!-- material/tags -->" not in page and "<!--\u2060 material/tags -->" in page


# --- Output formats: one line per record ------------------------------------------

NASTY = ["a\n::add-mask::segreto", "b\r::warning file=x::y", "c\u2028::error::z", "d\x85e",
         "e\u202eg", "f\x1b[2J", "g\tt"]


@pytest.mark.parametrize("nasty", NASTY, ids=repr)
@pytest.mark.parametrize("name", sorted(formatters.FORMATS))
def test_no_output_format_lets_a_value_start_a_line(name, nasty):
    problems = [error(f"schede/{nasty}.md", f"valore «{nasty}»", line=3, field=nasty,
                      hint=nasty), warning(nasty, nasty)]
    out = formatters.FORMATS[name](problems, {"scheda": 1, "polo": 0})
    for line in out.splitlines():
        assert not line.lstrip().startswith("::") or (
            name == "github" and line.startswith(("::error file=schede/", "::warning file=")))
        assert "\x1b" not in line and "\u202e" not in line
    for separator in ("\r", "\u2028", "\u2029", "\x85"):
        assert separator not in out
    if name == "json":
        assert json.loads(out)["problemi"][0]["messaggio"] == f"valore «{nasty}»"
    else:
        assert sum(line.startswith(("schede/", "::error")) for line in out.splitlines()) == 1


# --- Linear time -------------------------------------------------------------------

SIZE = 200_000  # characters of each adversarial input, like a large real scheda
RATIO = 25  # generous: a quadratic check is thousands of times slower at this size


def _timed(tree: Path, text: str) -> float:
    (tree / SCHEDA).write_text(text, "utf-8")
    # Processor time, not the clock: on a busy machine (CI runners, parallel jobs) waiting
    # for a core would count as work and a linear check could look quadratic.
    start = time.process_time()
    with time_limit(300):  # a quadratic check takes hours here: fail instead of waiting
        check(tree)
    return time.process_time() - start


def _front_and_body(tree: Path) -> tuple[str, str]:
    head, _, body = (tree / SCHEDA).read_text("utf-8").partition("\n---\n")
    return head, body


def _repeat(unit: str) -> str:
    return unit * (SIZE // len(unit))


BODIES = {
    "immagini-aperte": _repeat("!["), "immagini-senza-fine": _repeat("![a]("),
    "img-aperti": _repeat("<img "), "alt-aperto": '<img alt="' + _repeat("a"),
    "src-aperti": _repeat("<img src="), "immagini-annidate": _repeat("![![a](") + _repeat(")"),
    "video-aperti": _repeat("<video poster="), "righe-vuote": _repeat("\n"),
    "marcatori": _repeat("<!-- rete:guida -->"),
    # the link check (links.py)
    "collegamenti-aperti": _repeat("[a]("), "parentesi-aperte": _repeat("["),
    "collegamenti-annidati": _repeat("[a [b](") + _repeat(")"),
    "riferimenti-aperti": _repeat("[a]:\n"), "href-aperti": _repeat("<a href="),
    "apici-inversi": _repeat("`a"), "recinti-aperti": _repeat("```\n"),
    "commenti-aperti": _repeat("<!--"), "titoli-lunghi": "#" + _repeat("a "),
    "riga-lunga-senza-sottolineatura": "\n\n" + _repeat("a ") + "\n",
    "sottolineature": _repeat("a\n-\n\n"), "id-aperti": _repeat("<span id="),
    "attributi-aperti": _repeat("\n{: #"), "ancore": _repeat("[a](#b) "),
}
FRONTS = {
    "campi-sconosciuti": "".join(f"\nx{i}: 1" for i in range(SIZE // 10)),
    "parole-chiave-gruppi": "\nparole_chiave: [" + ",".join("{a: %d}" % i
                                                            for i in range(SIZE // 8)) + "]",
    "parole-chiave": "\nparole_chiave: [" + ",".join("k%d" % i for i in range(SIZE // 8)) + "]",
    "partner": "\npartner: [" + ",".join("b%d" % i for i in range(SIZE // 6)) + "]",
    "risorse-numeri": "\nrisorse: {costo: [" + ",".join("1.%03d,5" % (i % 1000)
                                                       for i in range(SIZE // 8)) + "]}",
    "materiali": "\nmateriali: [" + ",".join("{titolo: t%d, file: f%d.pdf}" % (i, i)
                                             for i in range(SIZE // 30)) + "]",
}


def _ratio(minimo: Path, adversarial: str, plain: str) -> float:
    _timed(minimo, plain)  # warm the caches (schemas, regular expressions)
    base = min(_timed(minimo, plain) for _ in range(2))
    # A plain file now costs a few milliseconds (the word count stops early, the parse is
    # remembered), where timer noise alone reaches the ratio: 20 ms is the floor. A
    # quadratic check still takes seconds at this size, far past RATIO times the floor.
    return _timed(minimo, adversarial) / max(base, 0.02)


@pytest.mark.parametrize("name", sorted(BODIES))
def test_body_checks_are_linear(minimo, name):
    head, body = _front_and_body(minimo)
    adversarial = BODIES[name]
    plain = _repeat("parola ")[:len(adversarial)]
    ratio = _ratio(minimo, f"{head}\n---\n{body}{adversarial}", f"{head}\n---\n{body}{plain}")
    assert ratio < RATIO, f"{name}: {ratio:.0f} volte più lento di un testo normale"


@pytest.mark.parametrize("name", sorted(FRONTS))
def test_front_matter_checks_are_linear(minimo, name):
    head, body = _front_and_body(minimo)
    adversarial = FRONTS[name]
    # As many YAML values in as many bytes, under one field that the checks skip.
    plain = "\naltro:" + "".join(f"\n  k{i}: {i}" for i in range(SIZE // 12))
    plain = plain[:plain.rindex("\n", 0, len(adversarial))]
    ratio = _ratio(minimo, f"{head}{adversarial}\n---\n{body}", f"{head}{plain}\n---\n{body}")
    assert ratio < RATIO, f"{name}: {ratio:.0f} volte più lento di un'intestazione normale"


# --- Caps on lists ---------------------------------------------------------------

@pytest.mark.parametrize("field, limit, item", [("parole_chiave", 15, "parola{}"),
                                               ("destinatari", 10, "d{}"),
                                               ("partner", 100, "b{}")])
def test_long_lists_are_capped_with_a_clear_message(minimo, field, limit, item):
    if field == "destinatari":
        edit(minimo, SCHEDA, "destinatari: [famiglie-0-6]\n", "")
    items = ", ".join(item.format(i) for i in range(limit + 300))
    add_fields(minimo, SCHEDA, f"{field}: [{items}]")
    found = [p for p in check(minimo).problems if p.field == field]
    assert [p.message for p in found] == [f"troppi elementi: {limit + 300}, al massimo {limit}"]
    assert found[0].hint == f"tieni i {limit} più importanti"


def test_many_unknown_fields_are_counted_not_listed_one_by_one(minimo):
    add_fields(minimo, SCHEDA, "\n".join(f"campo{i}: 1" for i in range(500)))
    problems = [p for p in check(minimo).problems if "sconosciut" in p.message]
    assert problems[0].message == "500 campi sconosciuti: ne sono elencati 20"
    assert len(problems) == 21


# --- Bundles: what a scheda-folder publishes ----------------------------------------

BUNDLE = "schede/letture-al-nido"


def as_bundle(tree: Path, materials: list[str] = (), body: str = "") -> Path:
    """Turn the minimal scheda into a folder, with materials naming ``materials``."""
    source = tree / SCHEDA
    folder = tree / BUNDLE
    folder.mkdir()
    text = source.read_text("utf-8")
    source.unlink()
    if materials:
        lines = "".join(f"  - titolo: Materiale {i}\n    file: {json.dumps(name)}\n"
                        for i, name in enumerate(materials))
        text = text.replace("\n---\n", f"\nmateriali:\n{lines}---\n", 1)
    (folder / "index.md").write_text(text + body, "utf-8")
    return folder


def published(tree: Path) -> set[str]:
    knowledge = check(tree).knowledge
    return set(pages.render(knowledge).assets) if knowledge else set()


def messages(tree: Path) -> list[str]:
    return [f"{p.file}: {p.level.value}: {p.message}" for p in check(tree).problems]


@pytest.mark.parametrize("name", ["pagina.html", "pagina.htm", "disegno.svg", "dati.xml",
                                  "pagina.xhtml", "script.js", "DISEGNO.SVG", "stile.css",
                                  "senza-estensione", "archivio.zip"])
def test_a_material_of_an_active_or_unknown_kind_is_an_error_naming_it(minimo, name):
    folder = as_bundle(minimo, [name])
    (folder / name).write_text("<svg onload=alert(1)><script>alert(1)</script></svg>", "utf-8")
    found = [m for m in messages(minimo) if "non si pubblicano" in m]
    assert len(found) == 1 and f"«{name}»" in found[0], messages(minimo)
    assert published(minimo) == set()


@pytest.mark.parametrize("name", ["volantino.pdf", "dati.xlsx", "foto.JPG", "audio.mp3",
                                  "video.mp4", "note.txt", "programma.md", "tabella.csv"])
def test_a_material_of_an_allowed_kind_is_published(minimo, name):
    folder = as_bundle(minimo, [name])
    (folder / name).write_bytes(b"x")
    assert not check(minimo).errors
    assert published(minimo) == {f"{BUNDLE}/{name}"}


def test_only_named_or_shown_files_are_published(minimo):
    body = ("\n![foto](foto.jpg) ![altra](sotto/altra%20foto.png \"titolo\")\n"
            "<img src=\"./video-poster.webp\" alt=\"x\"> <video src=\"clip.webm\"></video>\n")
    folder = as_bundle(minimo, ["volantino.pdf"], body)
    for name in ("volantino.pdf", "foto.jpg", "sotto/altra foto.png", "video-poster.webp",
                 "clip.webm", "bozza.docx", "pagina.html", "dati.xml"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(b"x")
    assert published(minimo) == {f"{BUNDLE}/{n}" for n in (
        "volantino.pdf", "foto.jpg", "sotto/altra foto.png", "video-poster.webp", "clip.webm")}
    found = messages(minimo)
    for name in ("bozza.docx", "pagina.html", "dati.xml"):
        assert f"{BUNDLE}/{name}: avviso: il file non è tra i materiali della scheda e non " \
               "viene pubblicato" in found


@pytest.mark.parametrize("shown", ["![mappa](mappa.svg)", '<img src="mappa.svg" alt="m">',
                                   '<video poster="pagina.html"></video>'])
def test_a_body_cannot_show_an_active_file_from_its_folder(minimo, shown):
    folder = as_bundle(minimo, [], f"\n{shown}\n")
    for name in ("mappa.svg", "pagina.html"):
        (folder / name).write_text("<svg onload=alert(1)/>", "utf-8")
    assert any("il testo mostra" in m and "errore" in m for m in messages(minimo))
    assert published(minimo) == set()


@pytest.mark.parametrize("target", ["..", "../..", "/"])
def test_a_linked_bundle_folder_is_refused(minimo, target):
    (minimo / "schede" / "tutto").symlink_to(target)
    found = messages(minimo)
    assert "schede/tutto: errore: è un collegamento a un altro file o a un'altra cartella: " \
           "non viene letto né pubblicato" in found
    assert not any(p.startswith("schede/tutto/") for p in published(minimo))


def test_a_linked_scheda_file_is_refused(minimo, tmp_path):
    outside = tmp_path / "fuori.md"
    outside.write_text((minimo / SCHEDA).read_text("utf-8"), "utf-8")
    (minimo / "schede" / "copia.md").symlink_to(outside)
    assert any(m.startswith("schede/copia.md: errore: è un collegamento") for m in
               messages(minimo))


WINDOWS_NAMES = ["con.pdf", "aux/foto.jpg", "nul.txt", "a:b.txt", "q?x.txt", "x.pdf.",
                 "x.pdf ", "COM1.csv", "lpt9.png", "a<b>.pdf", "pipe|.pdf", 'vir"golette.pdf',
                 "stella*.pdf", "Prn.Tar.pdf"]


@pytest.mark.parametrize("name", WINDOWS_NAMES, ids=repr)
def test_names_windows_cannot_hold_are_errors_in_files_and_materials(minimo, name):
    folder = as_bundle(minimo, [name])
    try:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(b"x")
    except OSError:
        pytest.skip("questo disco non ammette il nome")
    found = messages(minimo)
    assert any(m.startswith(f"{BUNDLE}/{name}: errore: il nome del file non va bene")
               for m in found), found
    assert any(m.startswith(f"{BUNDLE}/index.md: errore: ") and f"«{name}»" in m
               for m in found), found
    assert published(minimo) == set()


@pytest.mark.parametrize("slug", ["con", "aux", "nul", "com1", "lpt3"])
def test_reserved_windows_names_are_refused_for_schede_and_by_rete_nuova(minimo, slug, capsys):
    (minimo / SCHEDA).rename(minimo / "schede" / f"{slug}.md")
    assert any(m.startswith(f"schede/{slug}.md: errore: il nome del file «{slug}» non va bene")
               for m in messages(minimo))
    from rete.cli import main
    assert main(["nuova", "scheda", slug, "--radice", str(minimo)]) == 2
    assert f"il nome «{slug}» non va bene" in capsys.readouterr().err
    assert not (minimo / "schede" / f"{slug}" / "index.md").exists()


@pytest.mark.parametrize("written, saved", [("caffè.pdf", "caffe\u0300.pdf"),
                                            ("caffe\u0300.pdf", "caffè.pdf"),
                                            ("città/è.pdf", "citta\u0300/e\u0300.pdf")])
def test_material_names_compare_in_nfc(minimo, written, saved):
    folder = as_bundle(minimo, [written])
    (folder / saved).parent.mkdir(parents=True, exist_ok=True)
    (folder / saved).write_bytes(b"x")
    assert not check(minimo).errors, messages(minimo)
    site = pages.render(check(minimo).knowledge)
    nfc = written.replace("e\u0300", "è").replace("a\u0300", "à")
    assert set(site.assets) == {f"{BUNDLE}/{nfc}"}
    assert site.assets[f"{BUNDLE}/{nfc}"].is_file()


@pytest.mark.parametrize("name", ["sotto\\x.pdf", "a\\b\\c.pdf", "sotto\\"])
def test_a_windows_path_is_an_italian_error_not_a_crash(minimo, name, capsys):
    folder = as_bundle(minimo, [name])
    (folder / "sotto").mkdir()
    (folder / "sotto" / "x.pdf").write_bytes(b"x")
    from rete.cli import main
    assert main(["valida", "--radice", str(minimo)]) == 1
    out = capsys.readouterr().out
    assert "nel percorso usa la barra / e non la barra rovesciata" in out
    assert f"suggerimento: scrivi «{name.replace(chr(92), '/').rstrip('/')}»" in out or \
        name.endswith("\\")
    assert main(["genera", "--radice", str(minimo), "--out", str(minimo.parent / "out")]) == 1


def test_limits_on_file_size_total_and_count(minimo, monkeypatch):
    from rete.content import bundles
    monkeypatch.setattr(bundles, "MAX_FILE", 1000)
    monkeypatch.setattr(bundles, "MAX_TOTAL", 1500)
    monkeypatch.setattr(bundles, "MAX_FILES", 5)
    folder = as_bundle(minimo, ["grande.pdf", "a.pdf", "b.pdf"])
    (folder / "grande.pdf").write_bytes(b"x" * 1001)
    (folder / "a.pdf").write_bytes(b"x" * 800)
    (folder / "b.pdf").write_bytes(b"x" * 800)
    found = messages(minimo)
    assert any("il file è troppo grande: 1001 byte, il limite è 1000 byte" in m for m in found)
    assert any("i materiali pubblicati sono troppo grandi: 2,5 KB in tutto, il limite è "
               "1,5 KB" in m for m in found), found
    for i in range(5):
        (folder / f"extra-{i}.txt").write_bytes(b"x")
    assert f"{BUNDLE}/: errore: la cartella contiene più di 5 file" in messages(minimo)


def test_a_bundle_file_never_replaces_a_generated_page(esempio):
    site = pages.render(check(esempio).knowledge)
    assert site.assets
    for path in site.assets:
        assert path not in site.pages
        assert not path.lower().endswith((".html", ".htm", ".svg", ".xml", ".xhtml"))


@pytest.mark.parametrize("nasty", NASTY, ids=repr)
def test_the_build_log_keeps_each_record_on_one_line(nasty):
    import logging

    from rete.site import hook
    record = logging.LogRecord("mkdocs.structure.pages", logging.WARNING, __file__, 1,
                               "Doc file contains a link '%s', not found", (nasty,), None)
    assert hook._ONE_LINE.filter(record)
    text = logging.Formatter("%(message)s").format(record)
    assert "\n" not in text and "\r" not in text and "\u2028" not in text and "\x1b" not in text
    assert text.startswith("Doc file contains a link '")

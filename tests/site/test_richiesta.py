"""A library requests a polo's service from the site, in a real browser.

From the polo's page, «Richiedi questo servizio» opens the request form with the polo
and the service chosen; the file it downloads is one `rete valida` accepts and, once
the polo marks it served, one `rete verifica` counts. «Invia per email» addresses the
polo's referente with the request in the body (the mailto: URL is decoded here);
«Proponi su GitHub» fills GitHub's «Richiedi un servizio» issue form, whose ids and
choices are those `rete moduli` writes. A period sooner than the service's notice is
refused. Nothing leaves the local server.
"""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import yaml

from rete.cli import main
from rete.content.loader import read_tree
from rete.cli.moduli import expected

from ..conftest import copy_sample
from ..sito import build, served
from .test_browser import AXE_TAGS, axe, describe, italian, open_page, settle  # noqa: F401
from .test_compila import IT, download, ready
from .test_compila_invio import CATCH_MAIL, REPO, guarded

pytestmark = [pytest.mark.browser, pytest.mark.lento]

POLO = "polo-lettura-0-6"
POLO_NAME = "Polo Lettura 0-6 – Nati per Leggere nel Nord Ovest"
SERVICE = "valigie-nidi"
SERVICE_NAME = "Valigie di libri per i nidi"
NOTICE = 14  # the service's anticipo_giorni in poli/polo-lettura-0-6.md
REFERENTE = "npl@pertini.example.it"  # the polo's referente: the mail goes there
LIBRARY, LIBRARY_NAME = "rho", "Biblioteca civica di Rho"
ASKER = ("Marta Richiedente", "marta.richiedente@rho.example.it")


@pytest.fixture(scope="module")
def browser():
    with italian() as chromium:
        yield chromium


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    return copy_sample(tmp_path_factory.mktemp("richiesta") / "contenuti")


@pytest.fixture(scope="module")
def site_url(tree, tmp_path_factory):
    out = tmp_path_factory.mktemp("richiesta-sito") / "site"
    done = build(tree, out, libretto=False, extra=f"\nrepo_url: {REPO}\n")
    assert done.returncode == 0, done.stderr
    with served(out) as url:
        yield url


def day(offset: int) -> date:
    return date.today() + timedelta(days=offset)


def from_polo_page(page, url: str) -> None:
    """Open the polo's page and follow the service's «Richiedi questo servizio»."""
    page.goto(url + f"poli/{POLO}/")
    link = page.locator(f'a.rete-richiedi[href*="servizio={SERVICE}"]')
    assert link.inner_text().strip() == "Richiedi questo servizio"
    link.click()
    page.wait_for_selector("#rete-modulo[data-pronto]")
    assert urlsplit(page.url).path.endswith("/compila/richiesta/")


def fill(page, start: date) -> None:
    page.locator("#f-biblioteca").select_option(LIBRARY)
    page.locator("#f-referente-nome").fill(ASKER[0])
    page.locator("#f-referente-email").fill(ASKER[1])
    page.locator("#f-periodo-dal").fill(start.isoformat())
    page.locator("#f-corpo").fill("Per il nido di via Roma, due sezioni.")


def test_a_request_from_a_polo_page_validates_and_counts_once_served(browser, site_url, tree,
                                                                   tmp_path, capsys):
    with open_page(browser, **IT) as page:
        guarded(page, site_url)
        from_polo_page(page, site_url)
        assert page.locator("#f-polo").input_value() == POLO
        assert page.locator("#f-servizio").input_value() == SERVICE
        assert page.locator("#f-richiesta_il").input_value() == date.today().isoformat()
        notice = page.locator("#f-servizio-anticipo").inner_text()
        assert f"almeno {NOTICE} giorni di anticipo" in notice
        assert day(NOTICE).strftime("%d/%m/%Y") in notice
        # Another polo's services cannot be picked while this polo is chosen.
        assert page.locator('#f-servizio option[data-polo="polo-digitale"]').first.is_disabled()
        fill(page, day(NOTICE + 16))
        name, text = download(page)
        status = page.locator("#rete-stato").inner_text()
    assert name == f"{date.today().isoformat()}-{LIBRARY}-{SERVICE}.md"
    assert REFERENTE in status
    work = tmp_path / "rete"
    shutil.copytree(tree, work)
    target = work / "richieste" / name
    target.write_text(text, encoding="utf-8")
    assert main(["valida", "--radice", str(work)]) == 0, capsys.readouterr()
    capsys.readouterr()
    document = read_tree(work)
    (doc,) = [d for d in document.documents if d.rel == f"richieste/{name}"]
    assert doc.data["stato"] == "nuova" and doc.data["biblioteca"] == LIBRARY
    assert doc.data["referente"] == {"nome": ASKER[0], "email": ASKER[1]}

    served_on = day(NOTICE + 16)

    def counted() -> dict:
        assert main(["verifica", "--radice", str(work), "--anno", str(served_on.year),
                     "--formato", "json"]) == 0
        report = json.loads(capsys.readouterr().out)
        return next(p for p in report["poli"] if p["id"] == POLO)

    before = counted()
    target.write_text(text.replace("stato: nuova\n", (
        f"stato: svolta\nrisposta_il: {date.today().isoformat()}\n"
        f"svolta_il: {served_on.isoformat()}\npartecipanti: 24\nore: 2\n")), encoding="utf-8")
    assert main(["valida", "--radice", str(work)]) == 0, capsys.readouterr()
    capsys.readouterr()
    after = counted()
    assert after["attivita"] == before["attivita"] + 1
    assert LIBRARY in after["biblioteche_raggiunte"]
    assert (after["partecipanti"] or 0) == (before["partecipanti"] or 0) + 24


def test_email_goes_to_the_polos_referente_with_the_request_in_the_body(browser, site_url):
    with open_page(browser, **IT) as page:
        to_github, elsewhere = guarded(page, site_url)
        page.add_init_script(CATCH_MAIL)
        from_polo_page(page, site_url)
        fill(page, day(NOTICE + 1))
        name, text = download(page, "Invia per email")
        mails = page.evaluate("window.reteMail || []")
    assert len(mails) == 1
    parts = urlsplit(mails[0])
    assert parts.scheme == "mailto" and unquote(parts.path) == REFERENTE
    assert "+" not in parts.query and " " not in mails[0]
    query = parse_qs(parts.query, strict_parsing=True)
    assert query["subject"] == [f"Richiesta del servizio «{SERVICE_NAME}» – {LIBRARY_NAME}"]
    (words,) = query["body"]
    assert "\r\n" in words and "\n" not in words.replace("\r\n", "")  # RFC 6068 breaks
    words = words.replace("\r\n", "\n")
    assert (f"la biblioteca {LIBRARY_NAME} chiede il servizio «{SERVICE_NAME}» del polo "
            f"{POLO_NAME}.") in words
    assert f"Periodo desiderato: dal {day(NOTICE + 1).strftime('%d/%m/%Y')}." in words
    assert f"Referente: {ASKER[0]}, {ASKER[1]}." in words
    assert "Per il nido di via Roma, due sezioni." in words
    assert f"con il nome {name}." in words
    assert words.endswith(text)  # the file itself, byte for byte
    assert to_github == [] and elsewhere == []


def test_github_gets_the_request_issue_form_filled_in(browser, site_url, tree):
    with open_page(browser, **IT) as page:
        to_github, elsewhere = guarded(page, site_url)
        from_polo_page(page, site_url)
        fill(page, day(NOTICE + 2))
        with page.context.expect_page() as popup:
            page.get_by_role("button", name="Proponi su GitHub").click()
        popup.value.wait_for_load_state()
    assert len(to_github) == 1 and elsewhere == []
    parts = urlsplit(to_github[0])
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{REPO}/issues/new"
    assert "+" not in parts.query
    query = {key: value for key, (value,) in parse_qs(parts.query, strict_parsing=True).items()}
    assert query.pop("template") == "richiesta.yml"
    assert query.pop("title") == f"[richiesta] {SERVICE_NAME} – {LIBRARY_NAME}"
    assert query == {"polo": POLO, "servizio": SERVICE, "biblioteca": LIBRARY_NAME,
                     "richiesta_il": date.today().isoformat(), "referente__nome": ASKER[0],
                     "referente__email": ASKER[1], "periodo__dal": day(NOTICE + 2).isoformat(),
                     "corpo": "Per il nido di via Roma, due sezioni."}
    # Every id is a question of the issue form `rete moduli` writes, and every
    # dropdown's value one of its options.
    written = expected(tree)[Path(".github/ISSUE_TEMPLATE/richiesta.yml")]
    questions = {q["id"]: q for q in yaml.safe_load(written)["body"] if "id" in q}
    for key, value in query.items():
        assert key in questions, key
        options = questions[key]["attributes"].get("options")
        if options is not None:
            assert value in options, (key, value)


def test_a_period_sooner_than_the_notice_is_refused_and_says_how_many_days(browser, site_url):
    """Counted from today, even when the request's own date is written earlier."""
    with open_page(browser, **IT) as page:
        guarded(page, site_url)
        from_polo_page(page, site_url)
        fill(page, day(NOTICE - 3))
        page.locator("#f-richiesta_il").fill(day(-60).isoformat())  # dated back: no sooner
        downloads = []
        page.on("download", lambda got: downloads.append(got))
        page.get_by_role("button", name="Scarica il file").click()
        summary = page.locator("#rete-riepilogo")
        summary.wait_for(state="visible")
        said = summary.inner_text()
        error = page.locator("#f-periodo-dal-errore").inner_text()
    assert downloads == []
    assert f"«{SERVICE_NAME}» va chiesto con almeno {NOTICE} giorni di anticipo" in said
    assert f"scegli un giorno dal {day(NOTICE).strftime('%d/%m/%Y')} in poi" in error


NEW_PAGES = {"servizi": "servizi/", "polo": f"poli/{POLO}/",
             "richiesta": f"compila/richiesta/?polo={POLO}&servizio={SERVICE}"}


@pytest.mark.parametrize("scheme", ["light", "dark"], ids=["chiaro", "scuro"])
@pytest.mark.parametrize("path", list(NEW_PAGES.values()), ids=list(NEW_PAGES))
def test_the_new_pages_pass_axe_on_a_phone(browser, site_url, axe, path, scheme):
    """At 360 px (the desktop runs in test_browser.py), with «Proponi su GitHub» shown and
    the form's notice filled in; the palettes are the two of mkdocs.yml."""
    with open_page(browser, color_scheme=scheme, viewport={"width": 360, "height": 740}) as page:
        to_github, elsewhere = guarded(page, site_url)
        page.goto(site_url + path)
        if path.startswith("compila/"):
            page.wait_for_selector("#rete-modulo[data-pronto]")
            assert page.locator("#f-servizio-anticipo").inner_text()
        settle(page)
        wide = page.evaluate("document.documentElement.scrollWidth")
        result = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    assert wide <= 360
    violations = result.response["violations"]
    assert not violations, f"axe su /{path} (tema {scheme}):\n" + describe(violations)
    assert to_github == [] and elsewhere == []


def test_a_too_soon_period_is_shown_accessibly(browser, site_url, axe):
    with open_page(browser, **IT) as page:
        guarded(page, site_url)
        from_polo_page(page, site_url)
        fill(page, day(1))
        page.get_by_role("button", name="Scarica il file").click()
        page.locator("#rete-riepilogo").wait_for(state="visible")
        described = page.locator("#f-periodo-dal").get_attribute("aria-describedby")
        result = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    assert "f-periodo-dal-errore" in described.split()
    assert not result.response["violations"], describe(result.response["violations"])

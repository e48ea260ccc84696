"""«Invia per email» and «Proponi su GitHub» in a real browser: the mail is addressed
to rete.yml's ``contatto`` and names the file to attach; GitHub's new-file page gets
the very bytes «Scarica il file» downloads. The navigation and the popup are caught
in the browser: no request leaves the local server.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from ..conftest import copy_sample
from ..sito import build, served
from .test_browser import italian, open_page, settle
from .test_compila import IT, download, fill_librarian, ready

pytestmark = [pytest.mark.browser, pytest.mark.lento]

REPO = "https://github.com/esempio-rete/contenuti"
CONTACT = "coordinamento@csbno.example.it"
NAME = "letture-ad-alta-voce-al-nido-l-esperienza-di-citta-studi.md"
# Every click on a mailto: link is kept in the page instead of opening a mail client.
CATCH_MAIL = """document.addEventListener('click', (event) => {
  const a = event.target.closest && event.target.closest('a[href^="mailto:"]');
  if (!a) return;
  event.preventDefault();
  (window.reteMail = window.reteMail || []).push(a.href);
}, true);"""


@pytest.fixture(scope="module")
def browser():
    with italian() as chromium:
        yield chromium


@pytest.fixture(scope="module")
def github_url(tmp_path_factory):
    """The sample site built with a repo_url, so the form offers «Proponi su GitHub»."""
    base = tmp_path_factory.mktemp("github")
    tree = copy_sample(base / "contenuti")
    with (tree / "rete.yml").open("a", encoding="utf-8") as registry:
        registry.write(f"contatto: {CONTACT}\n")
    done = build(tree, base / "site", libretto=False, extra=f"\nrepo_url: {REPO}\n")
    assert done.returncode == 0, done.stderr
    with served(base / "site") as url:
        yield url


def guarded(page, local: str) -> tuple[list[str], list[str]]:
    """Requests to anywhere but ``local`` never leave: GitHub's are answered here and
    recorded, any other is refused and recorded."""
    to_github, elsewhere = [], []

    def answer(route):
        url = route.request.url
        if url.startswith(REPO + "/"):
            to_github.append(url)
            route.fulfill(status=200, content_type="text/html", body="<title>GitHub</title>")
        else:
            elsewhere.append(url)
            route.abort()

    page.context.route(lambda url: not url.startswith((local, "data:", "blob:")), answer)
    return to_github, elsewhere


def test_email_goes_to_the_contact_and_says_to_attach_the_file(browser, github_url):
    with open_page(browser, **IT) as page:
        to_github, elsewhere = guarded(page, github_url)
        page.add_init_script(CATCH_MAIL)
        ready(page, github_url + "compila/scheda/")
        fill_librarian(page)
        name, text = download(page, "Invia per email")
        mails = page.evaluate("window.reteMail || []")
        status = page.locator("#rete-stato").inner_text()
    assert name == NAME
    assert len(mails) == 1
    parts = urlsplit(mails[0])
    assert parts.scheme == "mailto" and unquote(parts.path) == CONTACT
    query = parse_qs(parts.query, strict_parsing=True)
    assert query["subject"] == [f"Scheda {NAME}"]
    words = query["body"][0]
    assert f"allego il file {NAME}" in words
    assert f"Ricordati di allegare il file {NAME} che hai appena scaricato." in words
    assert "(va nella cartella schede/)" in words
    assert text.startswith("---\ntitolo: ")
    assert f"Hai scaricato il file {NAME}" in status and CONTACT in status
    assert to_github == [] and elsewhere == []


def test_github_gets_the_same_bytes_the_download_gives(browser, github_url):
    with open_page(browser, **IT) as page:
        to_github, elsewhere = guarded(page, github_url)
        ready(page, github_url + "compila/scheda/")
        fill_librarian(page)
        name, text = download(page)
        with page.context.expect_page() as popup:
            page.get_by_role("button", name="Proponi su GitHub").click()
        github = popup.value
        github.wait_for_load_state()
        opener = github.evaluate("window.opener === null")
        status = page.locator("#rete-stato").inner_text()
    assert name == NAME
    assert len(to_github) == 1
    parts = urlsplit(to_github[0])
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{REPO}/new/main"
    query = parse_qs(parts.query, keep_blank_values=True, strict_parsing=True)
    assert query["filename"] == [f"schede/{NAME}"]
    assert query["value"][0].encode("utf-8") == text.encode("utf-8")
    assert "+" not in parts.query  # a "+" would read as a space on GitHub's side
    assert opener  # noopener: GitHub's page cannot reach back into the form
    assert "Propose new file" in status
    assert elsewhere == []


def test_a_correction_is_proposed_under_its_own_path(browser, github_url):
    with open_page(browser, **IT) as page:
        to_github, elsewhere = guarded(page, github_url)
        ready(page, github_url + "compila/scheda/?correggi=archivio-fotografico-paderno")
        name, text = download(page)
        with page.context.expect_page() as popup:
            page.get_by_role("button", name="Proponi su GitHub").click()
        popup.value.wait_for_load_state()
    query = parse_qs(urlsplit(to_github[0]).query, keep_blank_values=True)
    assert name == "index.md"
    assert query["filename"] == ["schede/archivio-fotografico-paderno/index.md"]
    assert query["value"] == [text]
    assert elsewhere == []


def test_without_repo_url_or_contatto_neither_button_is_offered(browser, sito_esempio):
    with served(Path(sito_esempio)) as url, open_page(browser, **IT) as page:
        ready(page, url + "compila/scheda/")
        assert page.get_by_role("button", name="Proponi su GitHub").count() == 0
        assert page.get_by_role("button", name="Invia per email").count() == 0
        assert page.get_by_role("button", name="Scarica il file").count() == 1


@pytest.mark.parametrize("path", ["", "schede/memory-cafe-anziani/"], ids=["home", "scheda"])
def test_a_site_with_repo_url_asks_githubs_api_nothing(browser, github_url, path):
    """Material's header would fetch the repository's stars from api.github.com on every
    visit; overrides/partials/source.html keeps the link without the fetch."""
    with open_page(browser) as page:
        to_github, elsewhere = guarded(page, github_url)
        page.goto(github_url + path)
        settle(page)
        assert page.locator(f'a.md-source[href="{REPO}"]').count() >= 1
    assert to_github == [] and elsewhere == []

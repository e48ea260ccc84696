"""The portal in Chromium: axe finds no WCAG 2.1 AA violation in either palette, on a
phone (360 px, nothing wider than the screen) and on a desktop, and no page asks
anything of another host. Fixtures as in tests/site/test_browser.py."""

from __future__ import annotations

import pytest

from rete import cli

from ..site.test_browser import AXE_TAGS, axe, browser, describe, open_page, settle  # noqa: F401
from ..sito import served
from .reti import export_sample, make_networks

pytestmark = [pytest.mark.browser]

PAGES = {"home": "index.html", "rete": "reti/beta/index.html", "temi": "temi/index.html",
         "diffusione": "diffusione/index.html", "dati": "dati/index.html",
         "cerca": "cerca.html"}
WIDTHS = {"telefono": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 900}}


@pytest.fixture(scope="module")
def portal_url(tmp_path_factory):
    root = tmp_path_factory.mktemp("federazione")
    federation = make_networks(export_sample(root), root)
    out = root / "portale"
    assert cli.main(["federa", str(federation), "--out", str(out)]) == 0
    with served(out) as url:
        yield url


@pytest.mark.parametrize("scheme", ["light", "dark"], ids=["chiaro", "scuro"])
@pytest.mark.parametrize("viewport", list(WIDTHS), ids=list(WIDTHS))
@pytest.mark.parametrize("path", list(PAGES.values()), ids=list(PAGES))
def test_axe_finds_no_violation(browser, portal_url, axe, path, viewport, scheme):
    asked = []
    with open_page(browser, color_scheme=scheme, viewport=WIDTHS[viewport]) as page:
        page.on("request", lambda r: asked.append(r.url))
        page.goto(portal_url + path)
        settle(page)
        width = page.evaluate("document.scrollingElement.scrollWidth")
        result = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    assert width <= WIDTHS[viewport]["width"], f"/{path} è largo {width}px"
    assert not [u for u in asked if not u.startswith(portal_url)], asked
    violations = result.response["violations"]
    assert not violations, f"axe su /{path} ({viewport}, {scheme}):\n" + describe(violations)

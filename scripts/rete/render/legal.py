"""What a public body's site says of itself (AgID's guidelines): the privacy notice,
the legal notes, the accessibility statement's page, and the footer's links to them
and to where a reader reports a problem."""

from __future__ import annotations

from typing import Callable

from ..content.model import Network

PRIVACY_PAGE = "privacy.md"
LEGAL_PAGE = "note-legali.md"
ACCESSIBILITY_PAGE = "accessibilita.md"  # the statement's page, or that it is not out yet
PAGES = {PRIVACY_PAGE: "privacy.md.j2", LEGAL_PAGE: "note_legali.md.j2",
         ACCESSIBILITY_PAGE: "accessibilita.md.j2"}
AGID_FORM = "https://form.agid.gov.it"
REPORT_ANCHOR = "segnalazioni"  # the legal notes' section on reporting a problem


def _mail(address: str) -> str:
    return address if "://" in address else "mailto:" + address


def report_address(net: Network, repo_url: str | None = None) -> str | None:
    """Where a reader reports a problem: rete.yml's ``segnalazioni``, else the
    network's contact, else the body's email, else the repository's issues."""
    if net.segnalazioni:
        return _mail(net.segnalazioni)
    found = net.contatto or (net.ente.email if net.ente else None)
    if found:
        return _mail(found)
    return repo_url.rstrip("/") + "/issues" if repo_url else None


def render(add: Callable[..., None], net: Network, repo_url: str | None = None) -> None:
    """The three pages, through ``pages.render``'s ``add``."""
    for path, template in PAGES.items():
        add(path, template, segnala=report_address(net, repo_url))


def _page(path: str) -> str:
    return path.removesuffix(".md") + "/"


def footer(net: Network, repo_url: str | None = None) -> dict:
    """The footer's links (overrides/partials/copyright.html): an address on another
    site is ``esterno``; the site's own pages are relative to its root."""
    statement = net.accessibilita.dichiarazione if net.accessibilita else None
    report = report_address(net, repo_url)
    return {
        "accessibilita": statement or _page(ACCESSIBILITY_PAGE),
        "accessibilita_esterna": bool(statement),
        "privacy": _page(PRIVACY_PAGE),
        "note_legali": _page(LEGAL_PAGE),
        "segnala": report or _page(LEGAL_PAGE) + "#" + REPORT_ANCHOR,
        "segnala_esterno": bool(report),
        "ente": net.ente.nome if net.ente else net.nome,
    }

"""`rete comunica`: the HTML email, its plain text and the .eml, from the sample content."""

from __future__ import annotations

import email
import re
from datetime import date
from email import policy
from html.parser import HTMLParser

import pytest

from rete.booklet import comunica
from rete.cli import main
from rete.checks.validate import check


@pytest.fixture
def scritti(esempio, tmp_path):
    out = tmp_path / "messaggio"
    assert main(["comunica", "--radice", str(esempio), "--dal", "2026-01-01",
                 "--out", str(out)]) == 0
    return out


class _References(HTMLParser):
    """Every address the HTML would load (not the links a reader may follow)."""

    def __init__(self):
        super().__init__()
        self.loaded, self.links, self.tags = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "srcset", "background", "poster", "data"):
                self.loaded.append(value)
            if tag == "link":
                self.loaded.append(dict(attrs).get("href"))
            if name == "href" and tag == "a":
                self.links.append(value)
            if name == "style" and "url(" in (value or ""):
                self.loaded.append(value)


def test_html_loads_nothing_and_keeps_its_style_inline(scritti):
    page = (scritti / "comunicazione.html").read_text("utf-8")
    parsed = _References()
    parsed.feed(page)
    assert parsed.loaded == []
    assert "img" not in parsed.tags and "style" not in parsed.tags
    assert "@import" not in page and "url(" not in page
    assert all(link.startswith(("https://rete.csbno.it/", "mailto:")) for link in parsed.links)
    assert 'style="' in page


def test_text_lists_every_active_polo_with_contacts(esempio, scritti):
    text = (scritti / "comunicazione.txt").read_text("utf-8")
    k = check(esempio).knowledge
    attivi = [p for p in k.poli if p.stato == "attivo"]
    assert attivi
    flat = " ".join(text.split())
    for p in attivi:
        assert f"* {p.nome}" in text
        assert p.referente.email in flat
        for sv in p.servizi:
            assert " ".join(sv.nome.split()) in flat
    for p in (p for p in k.poli if p.stato == "proposto"):
        assert p.nome in flat
    assert "BUONE PRATICHE PUBBLICATE DAL 1 GENNAIO 2026" in text
    html_page = (scritti / "comunicazione.html").read_text("utf-8")
    for p in attivi:
        assert p.referente.email in html_page


def test_eml_is_a_multipart_draft_with_both_versions(scritti):
    message = email.message_from_bytes((scritti / "comunicazione.eml").read_bytes(),
                                       policy=policy.default)
    assert message["X-Unsent"] == "1"
    assert message["Subject"].endswith("i poli di servizio e le nuove buone pratiche")
    assert message.get_content_type() == "multipart/alternative"
    kinds = [part.get_content_type() for part in message.iter_parts()]
    assert kinds == ["text/plain", "text/html"]
    plain = message.get_body(("plain",)).get_content()
    assert "POLI ATTIVI" in plain


def test_a_name_with_a_line_break_adds_no_header(esempio):
    k = check(esempio).knowledge
    k.rete.nome = "Rete\r\nBcc: tutti@example.org\nX-Altro: 1"
    m = comunica.compose(k, date(2026, 1, 1))
    raw = comunica.to_eml(m, comunica.to_html(k, m), comunica.to_text(k, m))
    message = email.message_from_bytes(raw, policy=policy.default)
    assert message["Bcc"] is None and message["X-Altro"] is None
    assert "Bcc: tutti@example.org" in message["Subject"]
    headers = raw.split(b"\r\n\r\n", 1)[0]
    assert not re.search(rb"^(Bcc|X-Altro):", headers, re.MULTILINE)


def test_hostile_names_are_text_in_the_html(esempio):
    k = check(esempio).knowledge
    polo = next(p for p in k.poli if p.stato == "attivo")
    polo.nome = "<img src=https://spia.example/x.png>"
    m = comunica.compose(k, date(2026, 1, 1))
    page = comunica.to_html(k, m)
    assert "&lt;img src=https://spia.example/x.png&gt;" in page
    assert "<img" not in page


def test_bad_date_is_a_message(esempio, capsys):
    assert main(["comunica", "--radice", str(esempio), "--dal", "31/02/2026"]) == 2
    assert "errore: --dal: attesa una data come 2026-03-15 o 15/03/2026, ricevuto " \
           "«31/02/2026»" in capsys.readouterr().err


def test_schede_since_the_date_newest_first(esempio):
    k = check(esempio).knowledge
    m = comunica.compose(k, date(2026, 6, 1))
    assert m.schede and all(s.pubblicata_il >= date(2026, 6, 1) for s in m.schede)
    assert [s.pubblicata_il for s in m.schede] == sorted(
        (s.pubblicata_il for s in m.schede), reverse=True)
    assert not any(s.bozza for s in m.schede)

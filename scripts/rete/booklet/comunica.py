"""The message that tells every library about the poli: HTML, plain text and .eml.

The HTML carries its style inline on each element (what mail clients keep), and
loads nothing: no image, no stylesheet, no font; it reads the same without images.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from urllib.parse import urljoin

from .document import _ENV
from ..content.model import Knowledge, Polo, Scheda
from ..figures.servizi import most_requested
from ..render import html, mdtext, pages


@dataclass
class Message:
    subject: str
    attivi: list[Polo]
    proposti: list[Polo]
    schede: list[Scheda]
    dal: date
    # The services most requested since ``dal``: (polo, service's name, requests); the
    # requests' people are never named, only counted.
    richiesti: list[tuple[Polo, str, int]] = field(default_factory=list)


def one_line(text: str) -> str:
    """A header value on one line: a name with a line break cannot add a header."""
    return " ".join(str(text).split())


def compose(k: Knowledge, dal: date) -> Message:
    """What the message says: the active and proposed poli, the schede since ``dal``."""
    attivi = [p for p in k.poli if p.stato == "attivo"]
    proposti = [p for p in k.poli if p.stato == "proposto"]
    schede = sorted((s for s in k.pubblicate if s.pubblicata_il >= dal),
                    key=lambda s: (s.pubblicata_il, s.titolo.casefold()), reverse=True)
    subject = one_line(f"{k.rete.nome}: i poli di servizio e le nuove buone pratiche")
    return Message(subject, attivi, proposti, schede, dal, most_requested(k, dal))


def _address(k: Knowledge, path: str) -> str:
    return urljoin(k.rete.sito, html.page_url(path))


def _values(k: Knowledge, m: Message) -> dict:
    return dict(k=k, m=m, rete=k.rete, data=mdtext.data,
                polo_url=lambda p: _address(k, pages.polo_path(p)),
                scheda_url=lambda s: _address(k, pages.scheda_path(s)),
                poli_url=_address(k, "poli/index.md"))


def to_html(k: Knowledge, m: Message) -> str:
    """The email's HTML, style inline, nothing loaded from elsewhere."""
    return _ENV.get_template("comunica.html.j2").render(**_values(k, m))


def _wrap(text: str, indent: str = "") -> str:
    text = " ".join(text.split())
    hanging = indent + ("  " if text.startswith(("- ", "* ")) else "")
    return textwrap.fill(text, width=76, initial_indent=indent, subsequent_indent=hanging,
                         break_long_words=False, break_on_hyphens=False)


def to_text(k: Knowledge, m: Message) -> str:
    """The email's plain-text version, lines of at most 76 characters where words allow."""
    env = _ENV.overlay(autoescape=False)
    env.filters["a_capo"] = _wrap
    return env.get_template("comunica.txt.j2").render(**_values(k, m))


def to_eml(m: Message, html_text: str, plain: str, when: datetime | None = None) -> bytes:
    """A draft message for a mail client (``X-Unsent``: Outlook opens it to be sent)."""
    msg = EmailMessage(policy=SMTP)
    msg["Subject"] = one_line(m.subject)
    msg["Date"] = format_datetime(when or datetime.now(timezone.utc))
    msg["X-Unsent"] = "1"
    msg.set_content(plain)
    msg.add_alternative(html_text, subtype="html")
    return msg.as_bytes()

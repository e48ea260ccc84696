"""The site's RSS 2.0 feed: new schede and poli, newest first, for libraries to follow."""

from __future__ import annotations

from datetime import date, datetime, time, timezone
from email.utils import format_datetime
from urllib.parse import urljoin
from xml.etree import ElementTree as ET

from . import pages
from .html import page_url
from ..content.model import Knowledge
from .personal import hider

LIMIT = 50  # items: a reader only needs what is new


def _when(day: date) -> str:
    return format_datetime(datetime.combine(day, time(12, 0), tzinfo=timezone.utc))


def items(k: Knowledge) -> list[tuple[date, str, str, str, str]]:
    """(date, kind, title, address, description) of every item, newest first; a
    referente's email or phone in a title or a summary is left out (personal)."""
    hide = hider(k).text
    found = [(s.pubblicata_il, "Buona pratica", hide(s.titolo),
              urljoin(k.rete.sito, page_url(pages.scheda_path(s))), hide(s.sintesi))
             for s in k.pubblicate]
    found += [(p.annunciato_il, f"Polo {p.stato}", hide(p.nome),
               urljoin(k.rete.sito, page_url(pages.polo_path(p))), hide(p.sintesi))
              for p in k.poli if p.annunciato_il]
    found.sort(key=lambda item: (item[0], item[2].casefold()), reverse=True)
    return found[:LIMIT]


def rss(k: Knowledge) -> str:
    """The feed as RSS 2.0 XML; ElementTree escapes every text."""
    root = ET.Element("rss", version="2.0")
    channel = ET.SubElement(root, "channel")
    listed = items(k)
    for tag, text in (("title", k.rete.nome), ("link", k.rete.sito),
                      ("description", "Le nuove buone pratiche e i poli di servizio della rete"),
                      ("language", "it")):
        ET.SubElement(channel, tag).text = text
    if listed:
        ET.SubElement(channel, "lastBuildDate").text = _when(listed[0][0])
    for day, kind, title, address, description in listed:
        item = ET.SubElement(channel, "item")
        ET.SubElement(item, "title").text = f"{kind}: {title}"
        ET.SubElement(item, "link").text = address
        ET.SubElement(item, "guid", isPermaLink="true").text = address
        ET.SubElement(item, "pubDate").text = _when(day)
        ET.SubElement(item, "description").text = description
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, "unicode") + "\n"

"""schema.org metadata of a scheda page (JSON-LD), safe to put inside a <script> element."""

from __future__ import annotations

import json

from ..content.model import Library, Network, Scheda

# Inside <script> the HTML parser ends the element at «</script», whatever JSON thinks:
# these escapes keep the same JSON value and leave no «<» or «>» in the text.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                              "\u2028": "\\u2028", "\u2029": "\\u2029"})


def _organization(lib: Library) -> dict:
    org = {"@type": "Organization", "name": lib.nome,
           "address": {"@type": "PostalAddress", "addressLocality": lib.comune,
                       "addressCountry": "IT"}}
    if lib.isil:
        org["identifier"] = {"@type": "PropertyValue", "propertyID": "ISIL", "value": lib.isil}
    return org


def scheda(s: Scheda, net: Network, url: str | None) -> dict:
    """A scheda as a schema.org CreativeWork: who wrote it, about what, for whom."""
    data = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "name": s.titolo,
        "description": s.sintesi,
        "inLanguage": "it",
        "about": {"@type": "Thing", "name": s.tema.nome},
        "audience": [{"@type": "Audience", "audienceType": a.nome} for a in s.destinatari],
        "author": _organization(s.biblioteca),
        # when the scheda was written; without that date, when the practice began
        "dateCreated": (s.compilata_il or s.inizio).isoformat(),
        "temporalCoverage": f"{s.inizio.isoformat()}/{s.fine.isoformat() if s.fine else '..'}",
        "license": net.licenza.url,
        "isPartOf": {"@type": "WebSite", "name": net.nome, "url": net.sito},
    }
    if url:
        data["url"] = url
    if s.partner:
        data["contributor"] = [_organization(lib) for lib in s.partner]
    if s.parole_chiave:
        data["keywords"] = ", ".join(s.parole_chiave)
    return data


def script(data: dict) -> str:
    """The <script type="application/ld+json"> element holding ``data``."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_SAFE)
    return f'<script type="application/ld+json">{text}</script>'

"""Who points to whom among the published schede and poli, computed once per render."""

from __future__ import annotations

from collections import defaultdict

from ..content.model import Knowledge


class Index:
    """Who points to whom, computed once per render."""

    def __init__(self, k: Knowledge):
        published = k.pubblicate
        self.by_theme = defaultdict(list)
        self.by_library = defaultdict(list)
        self.as_partner = defaultdict(list)
        self.by_audience = defaultdict(list)
        for s in published:
            self.by_theme[s.tema.id].append(s)
            self.by_library[s.biblioteca.id].append(s)
            for lib in s.partner:
                self.as_partner[lib.id].append(s)
            for a in s.destinatari:
                self.by_audience[a.id].append(s)
        self.poli_by_theme = defaultdict(list)
        self.poli_by_library = defaultdict(list)
        for p in k.poli:
            self.poli_by_theme[p.tema.id].append(p)
            for lib in p.libraries:
                self.poli_by_library[lib.id].append(p)

"""Read back a Word form made by ``docx_form``, as filled in by a librarian."""

from __future__ import annotations

from pathlib import Path

from ..problems import error
from ..refs import Catalog
from .pipeline import REJECTED, Candidate, Outcome


def read(path: Path, raw: bytes, catalog: Catalog) -> Candidate | Outcome:
    name = path.name
    return Outcome(Candidate(name, {}), REJECTED, "scheda", None,
                   [error(name, "i documenti Word non sono ancora letti")])

"""«Ultimo aggiornamento» of a scheda's or polo's page."""

from __future__ import annotations

from datetime import date

from ..content.model import Polo, Scheda


def last_update(obj: Scheda | Polo, updated: dict[str, date] | None) -> date | None:
    """The day of the last commit touching the file (``history.last_commits``), when the
    build knows it; else the day the scheda was filled in, or the polo's latest own date."""
    if updated:
        key = obj.rel.rsplit("/", 1)[0] if getattr(obj, "bundle", None) else obj.rel
        if key in updated:
            return updated[key]
    if isinstance(obj, Scheda):
        return obj.compilata_il
    return max(filter(None, (obj.attivo_dal, obj.proposto_il)), default=None)

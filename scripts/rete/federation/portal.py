"""The portal as a static site (filled in by the next step)."""

from __future__ import annotations

from pathlib import Path


def write(fed, networks, excluded, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)

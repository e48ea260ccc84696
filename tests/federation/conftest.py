"""The three example networks (``reti.py``), exported once per module."""

from __future__ import annotations

from pathlib import Path

import pytest

from .reti import export_sample, make_networks


@pytest.fixture(scope="module")
def export(tmp_path_factory) -> Path:
    return export_sample(tmp_path_factory.mktemp("esporta"))


@pytest.fixture
def federation(export, tmp_path) -> Path:
    """federazione.yml of alfa, beta and gamma, each a folder beside it."""
    return make_networks(export, tmp_path)

"""LibreOffice as a client: files saved by Calc and Writer themselves, during the test run.

``office`` is a session fixture: one private profile per session (parallel runs
never share one), ``office.convert(files, "ods", outdir)`` saves each file as
the user's «Salva con nome» would. Outside CI a missing ``soffice`` skips the
tests with the reason; in CI (``CI=true``) nothing may be skipped, so they fail.
``make test`` installs libreoffice-calc and libreoffice-writer when it can.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

# The filters behind File › Save As in Calc and Writer: plain "xlsx" picks
# "Calc Office Open XML", which is not what a person saving for Excel gets.
FILTERS = {"xlsx": "xlsx:Calc MS Excel 2007 XML", "ods": "ods:calc8", "xls": "xls:MS Excel 97",
           "docx": "docx:MS Word 2007 XML", "odt": "odt:writer8"}


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


class Office:
    def __init__(self, program: str, profile: Path):
        self.program, self.profile = program, profile

    def convert(self, files: list[Path], fmt: str, outdir: Path) -> list[Path]:
        """Each file saved by LibreOffice as ``fmt`` in ``outdir``: the paths written."""
        outdir.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(
            [self.program, f"-env:UserInstallation={self.profile.as_uri()}", "--headless",
             "--norestore", "--nolockcheck", "--convert-to", FILTERS[fmt], "--outdir",
             str(outdir), *map(str, files)],
            capture_output=True, text=True, timeout=300)
        written = [outdir / f"{Path(f).stem}.{fmt}" for f in files]
        missing = [p.name for p in written if not p.is_file()]
        assert not missing, f"LibreOffice non ha scritto {missing}:\n{done.stdout}\n{done.stderr}"
        return written


@pytest.fixture(scope="session")
def office(tmp_path_factory) -> Office:
    program = shutil.which("soffice") or shutil.which("libreoffice")
    if program is None:
        reason = ("LibreOffice (soffice) non è installato: «sudo apt-get install "
                  "libreoffice-calc libreoffice-writer --no-install-recommends»")
        if in_ci():
            pytest.fail(f"CI=true: {reason}", pytrace=False)
        pytest.skip(f"{reason} (in CI questo test fallisce)")
    return Office(program, tmp_path_factory.mktemp("profilo-libreoffice"))

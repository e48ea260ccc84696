"""Write schede and poli: the one serialiser of front-matter, and atomic file writes.

What the importers and `rete nuova` write must be read back by the loader as
exactly the same data; ``dump`` orders the keys as the schema does. Each text
gets one of three styles by a rule simple enough for the site's form to apply
the same way in JavaScript (docs/javascripts/compila/yaml.js), so that a file made
in the browser is byte for byte the file made here: plain when nothing in it
could be read as something else, a ``|-`` block for clean paragraphs, single
quotes for other one-line texts, double quotes with escapes for the rest.
Numbers are written with every digit and never an exponent (numeric.number_text).
"""

from __future__ import annotations

import math
import os
import re
import stat
import tempfile
from pathlib import Path

import yaml

from .numeric import number_text
from ..problems import ReteError
from .schema import schema

_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Writer(_Dumper):
    pass


# What libyaml prints as it is (its "printable"), less the line breaks other than
# "\n"; astral characters are outside it, so libyaml escapes them (\U0001F600).
_SAFE = "\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd"
_PLAIN = re.compile(f"[{_SAFE}]*")
_BLOCK = re.compile(f"[{_SAFE}\n]*")
_WORDS = {"yes", "no", "true", "false", "on", "off", "null", "y", "n"}  # YAML 1.1 booleans


def style_of(value: str) -> str:
    """"" (plain), "|" (block), "'" or '"' (quotes): the style a text is written in."""
    clean = value.strip(" \n") == value
    if (value[:1].isalpha() and clean and _PLAIN.fullmatch(value) and ": " not in value
            and " #" not in value and not value.endswith(":")
            and value.lower() not in _WORDS):
        return ""
    if "\n" in value and clean and _BLOCK.fullmatch(value) and " \n" not in value:
        return "|"
    if _PLAIN.fullmatch(value):
        return "'"
    return '"'


def _text(dumper, value: str):
    style = style_of(value)
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style or None)


def _float(dumper, value: float):
    if not math.isfinite(value):
        return dumper.represent_float(value)
    return dumper.represent_scalar("tag:yaml.org,2002:float", number_text(value))


_Writer.add_representer(str, _text)
_Writer.add_representer(float, _float)


def _ordered(node: dict, value):
    """``value`` with its keys in the schema's order (unknown keys last, as found)."""
    if isinstance(value, dict):
        props = node.get("properties", {})
        keys = [k for k in props if k in value] + [k for k in value if k not in props]
        return {k: _ordered(props.get(k, {}), value[k]) for k in keys}
    if isinstance(value, list):
        return [_ordered(node.get("items", {}), v) for v in value]
    return value


def front_matter(kind: str, data: dict) -> str:
    """The YAML between the two '---' lines, keys in the schema's order."""
    return yaml.dump(_ordered(schema(kind), data), Dumper=_Writer, allow_unicode=True,
                     sort_keys=False, default_flow_style=False, width=10**6)


def dump(kind: str, data: dict, body: str) -> str:
    """A whole scheda or polo file: front-matter, then the body as written."""
    body = body.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    return f"---\n{front_matter(kind, data)}---\n\n{body}\n" if body else \
        f"---\n{front_matter(kind, data)}---\n"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_NEW_FILE_MODE = 0o666 & ~_umask()  # read once: umask is process-wide, not thread-safe


def _mode(path: Path) -> int:
    """A replaced file keeps its permissions; a new one, or one replacing a link or
    anything but a file, gets a new file's (a link is never followed)."""
    try:
        found = os.lstat(path)
    except OSError:
        return _NEW_FILE_MODE
    return found.st_mode & 0o7777 if stat.S_ISREG(found.st_mode) else _NEW_FILE_MODE


# Short and fixed, whatever the name of the file written: a temporary name longer
# than the file's own would fail where the file's name just fits (255 bytes).
TEMP_PREFIX, TEMP_SUFFIX = ".rete-", ".tmp"


def _temporary(path: Path, text: str | bytes) -> Path:
    """The whole of ``text`` in a new file beside ``path``, on disk, with the permissions
    a newly created file gets (mkstemp would leave it readable by its owner only)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8") if isinstance(text, str) else text
    fd, name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if hasattr(os, "fchmod"):  # not on Windows, where mkstemp's file is ordinary
                os.fchmod(handle.fileno(), _mode(path))
            os.fsync(handle.fileno())
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def write_atomic(path: Path, text: str | bytes) -> None:
    """Replace ``path`` whole or not at all: a temporary file beside it, then a rename.

    A link at ``path`` is replaced, never followed: what it leads to is not touched."""
    tmp = _temporary(path, text)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def create_new(path: Path, text: str | bytes) -> None:
    """Write ``path`` atomically, but only if it does not exist yet: never over a file.

    The complete temporary file is hard-linked to the name, which fails when the
    name is taken, so even two importers racing cannot overwrite each other.
    """
    tmp = _temporary(path, text)
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise ReteError(f"esiste già {Path(path).name}: non lo sovrascrivo",
                        hint="scegli un altro nome, oppure togli il file che c'è") from None
    finally:
        tmp.unlink(missing_ok=True)

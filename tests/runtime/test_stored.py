"""The shelf of a build's slow products: kept by fingerprint, made again when an entry
is missing, partial or corrupted, never read back wrong."""

from __future__ import annotations

import pytest

from rete.runtime.stored import MANIFEST, Key, Shelf


class Maker:
    def __init__(self, files: dict[str, bytes]):
        self.files, self.calls = files, 0

    def __call__(self) -> dict[str, bytes]:
        self.calls += 1
        return dict(self.files)


@pytest.fixture
def shelf(tmp_path) -> Shelf:
    return Shelf(tmp_path / "scaffale")


def test_the_same_key_makes_nothing_the_second_time(shelf):
    make = Maker({"a.pdf": b"%PDF-1", "dir/b": b"\x00\x01"})
    assert shelf.files("libretto", Key("uno"), make) == make.files
    assert Shelf(shelf.folder).files("libretto", Key("uno"), make) == make.files
    assert make.calls == 1


def test_another_key_makes_again_and_replaces_the_old_entry(shelf):
    make = Maker({"a": b"1"})
    shelf.files("libretto", Key("uno"), make)
    shelf.files("libretto", Key("due"), make)
    assert make.calls == 2
    assert [p.name for p in (shelf.folder / "libretto").iterdir()] == [Key("due").hexdigest()]


def test_keys_differ_with_values_and_file_contents(tmp_path):
    f = tmp_path / "f"
    f.write_bytes(b"x")
    before = Key(1).files([f]).hexdigest()
    f.write_bytes(b"y")
    assert Key(1).files([f]).hexdigest() != before
    assert Key(1).hexdigest() != Key(2).hexdigest()
    assert Key(1).versions("pytest").hexdigest() != Key(1).hexdigest()


@pytest.mark.parametrize("damage", ["truncate", "flip", "no-manifest", "bad-manifest",
                                    "missing-file"])
def test_a_damaged_entry_is_made_again_never_read(shelf, damage):
    make = Maker({"libretto.pdf": b"%PDF-1.7 contenuto %%EOF"})
    shelf.files("libretto", Key("k"), make)
    entry = shelf.folder / "libretto" / Key("k").hexdigest()
    if damage == "truncate":
        (entry / "0").write_bytes(b"%PDF-1.7 con")
    elif damage == "flip":
        (entry / "0").write_bytes(b"%PDF-1.7 CONTENUTO %%EOF")
    elif damage == "no-manifest":
        (entry / MANIFEST).unlink()
    elif damage == "bad-manifest":
        (entry / MANIFEST).write_text('[["libretto.pdf", ', encoding="utf-8")
    else:
        (entry / "0").unlink()
    assert shelf.files("libretto", Key("k"), make) == make.files
    assert make.calls == 2
    # made whole again: the next build reads it
    assert shelf.files("libretto", Key("k"), make) == make.files
    assert make.calls == 2


def test_an_unwritable_shelf_does_not_stop_the_build(tmp_path):
    (tmp_path / "file").write_text("not a folder")
    shelf = Shelf(tmp_path / "file")
    make = Maker({"a": b"1"})
    assert shelf.files("x", Key(1), make) == {"a": b"1"}
    assert shelf.files("x", Key(1), make) == {"a": b"1"}
    assert make.calls == 2

"""The search index, filled page by page while MkDocs writes the site (publish/search.py)."""

from __future__ import annotations

import gzip
import json

from rete.publish import search


def _page(body: str, inside: bool = True) -> str:
    wrapped = f"<div data-pagefind-body>{body}</div>" if inside else body
    return (f'<!DOCTYPE html><html lang="it"><head><title>t</title></head><body>'
            f"<nav>menu ripetuto</nav>{wrapped}</body></html>")


def _fragments(folder) -> dict[str, dict]:
    found = {}
    for path in (folder / "fragment").glob("*.pf_fragment"):
        data = json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        found[data["url"]] = data
    return found


def test_pages_handed_over_are_indexed_in_italian_as_the_command_line_did(tmp_path):
    index = search.Indexer()
    index.add(_page('<h1>Letture al nido</h1><p>Le biblioteche leggono ai bambini.</p>'
                    '<a class="headerlink" href="#x">¶</a>'
                    '<figure class="rete-qr"><figcaption>https://esempio.it/a/</figcaption>'
                    '</figure>'), "/schede/letture/")
    index.add(_page("<h1>Home</h1><p>Benvenuti.</p>"), "/")
    index.add(_page("<h1>Rete</h1><p>Pagina per i coordinatori.</p>", inside=False), "/rete/")
    index.write(str(tmp_path / "pagefind"))
    entry = json.loads((tmp_path / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    assert list(entry["languages"]) == ["it"]  # stemmed in Italian, from <html lang>
    assert entry["languages"]["it"]["page_count"] == 2  # not the page outside the body
    fragments = _fragments(tmp_path / "pagefind")
    assert set(fragments) == {"/schede/letture/", "/"}
    text = fragments["/schede/letture/"]["content"]
    assert "biblioteche leggono" in text
    assert "¶" not in text and "esempio.it" not in text and "menu" not in text
    assert (tmp_path / "pagefind" / "pagefind.js").is_file()


def test_a_build_that_fails_closes_the_index_without_writing(tmp_path):
    index = search.Indexer()
    index.add(_page("<p>testo</p>"), "/")
    index.close()
    index.close()  # twice is harmless: the hook closes on every error path
    assert not (tmp_path / "pagefind").exists()


def test_a_stray_line_from_the_service_is_skipped_and_the_answers_still_arrive():
    """Pagefind's answers are base64 JSON ended by a comma; something else on its
    output (a warning) does not stop the reader, and the next answer is settled."""
    import asyncio
    import base64

    async def read() -> dict:
        service = search._Service.__new__(search._Service)
        loop = asyncio.get_running_loop()
        waiting = loop.create_future()
        service._responses = {7: waiting}
        stream = asyncio.StreamReader()
        answer = base64.b64encode(json.dumps(
            {"message_id": 7, "payload": {"type": "IndexedFile", "page_url": "/a/"}}).encode())
        stream.feed_data(b"avviso: qualcosa\n," + base64.b64encode(b"null") + b"," + answer + b",")
        stream.feed_eof()
        service._backend = type("Backend", (), {"stdout": stream})()
        await service._wait_for_responses()
        return await waiting

    assert asyncio.run(read())["page_url"] == "/a/"


def _indexed(shelf, folder, pages: list[tuple[str, str]], expected: str = "lo stesso sito"):
    """Index ``pages`` into ``folder`` as a build does: each page written to a file first."""
    from rete.runtime.stored import Key

    index = search.Indexer(shelf=shelf, folder=str(folder), expected=Key(expected))
    written = folder.parent / f".{folder.name}-pagine"
    written.mkdir(parents=True, exist_ok=True)
    for n, (html, url) in enumerate(pages):
        (written / f"{n}.html").write_text(html, encoding="utf-8")
        index.add(html, url, str(written / f"{n}.html"))
    index.write(str(folder))


def _kept_entry(tmp_path):
    [entry] = (tmp_path / "scaffale" / "ricerca").iterdir()
    return entry


def test_the_same_pages_get_the_kept_index_and_others_a_new_one(tmp_path, monkeypatch):
    from rete.runtime.stored import Shelf, _read, _write

    shelf = Shelf(tmp_path / "scaffale")
    pages = [(_page("<h1>Letture al nido</h1><p>Le biblioteche leggono.</p>"), "/a/"),
             (_page("<h1>Home</h1>"), "/")]
    _indexed(shelf, tmp_path / "uno", pages)
    entry = _kept_entry(tmp_path)
    kept = _read(entry)
    assert kept["pagefind-entry.json"] == (tmp_path / "uno" / "pagefind-entry.json").read_bytes()
    # a file only the kept entry has: published only if the kept index is taken
    _write(entry.parent, entry.name, {**kept, "segno.txt": b"dal ripiano"})
    started = []
    real = search.Indexer._start
    monkeypatch.setattr(search.Indexer, "_start", lambda self: started.append(1) or real(self))
    _indexed(shelf, tmp_path / "due", pages)
    assert started == []  # Pagefind not even started
    assert (tmp_path / "due" / "segno.txt").read_bytes() == b"dal ripiano"
    assert set(_fragments(tmp_path / "due")) == {"/a/", "/"}
    assert not (tmp_path / "due" / ".rete-pagine").exists()
    # the same inputs but one page changed: indexed from the files written, kept anew
    _indexed(shelf, tmp_path / "tre", [pages[0], (_page("<h1>Casa</h1>"), "/")])
    assert started == [1]
    assert not (tmp_path / "tre" / "segno.txt").exists()
    assert "Casa" in _fragments(tmp_path / "tre")["/"]["content"]
    assert "segno.txt" not in _read(_kept_entry(tmp_path))
    # other inputs: Pagefind from the start
    _indexed(shelf, tmp_path / "quattro", pages, expected="un altro sito")
    assert started == [1, 1] and set(_fragments(tmp_path / "quattro")) == {"/a/", "/"}


def test_a_kept_index_naming_a_file_outside_its_folder_is_not_used(tmp_path):
    from rete.runtime.stored import Shelf, _read, _write

    shelf = Shelf(tmp_path / "scaffale")
    pages = [(_page("<h1>Letture</h1>"), "/")]
    _indexed(shelf, tmp_path / "sito" / "uno", pages)
    entry = _kept_entry(tmp_path)
    _write(entry.parent, entry.name, {**_read(entry), "../fuori.txt": b"x"})
    _indexed(shelf, tmp_path / "sito" / "due", pages)
    assert not (tmp_path / "sito" / "fuori.txt").exists()
    assert (tmp_path / "sito" / "due" / "pagefind-entry.json").is_file()


def test_a_kept_index_unpacked_for_nothing_leaves_nothing_behind(tmp_path):
    from rete.runtime.stored import Key, Shelf

    shelf = Shelf(tmp_path / "scaffale")
    site = tmp_path / "sito"
    _indexed(shelf, site / "pagefind", [(_page("<h1>Letture</h1>"), "/")])
    index = search.Indexer(shelf=shelf, folder=str(site / "pagefind"),
                           expected=Key("lo stesso sito"))
    index.add(_page("<h1>Letture</h1>"), "/", str(site / ".pagefind-pagine" / "0.html"))
    index.close()  # a build that failed: the kept index, unpacked meanwhile, is removed
    assert sorted(p.name for p in site.iterdir()) == [".pagefind-pagine", "pagefind"]

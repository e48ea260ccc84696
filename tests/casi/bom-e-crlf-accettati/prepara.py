p = ALBERO / "schede" / "letture-al-nido.md"
p.write_bytes(b"\xef\xbb\xbf" + p.read_text("utf-8").replace("\n", "\r\n").encode("utf-8"))

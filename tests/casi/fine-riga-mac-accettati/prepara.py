p = ALBERO / "schede" / "letture-al-nido.md"
p.write_bytes(p.read_text("utf-8").replace("\n", "\r").encode("utf-8"))

p = ALBERO / "schede" / "racconti-di-quartiere.md"
t = p.read_text("utf-8")
p.write_bytes(t.encode('cp1252'))

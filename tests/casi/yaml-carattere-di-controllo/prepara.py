p = ALBERO / "schede" / "racconti-di-quartiere.md"
t = p.read_text("utf-8")
p.write_text(t.replace('titolo: Racconti', 'titolo: Racconti\x07', 1), 'utf-8')

p = ALBERO / "schede" / "racconti-di-quartiere.md"
t = p.read_text("utf-8")
p.write_text(t + 'Una riga di testo ripetuta molte volte.\n' * 30000, 'utf-8')

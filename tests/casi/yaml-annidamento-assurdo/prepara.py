p = ALBERO / "schede" / "racconti-di-quartiere.md"
t = p.read_text("utf-8")
p.write_text(t.replace('  inizio: 2025-10-01\n', '  inizio: 2025-10-01\nparole_chiave: ' + '[' * 200 + '\n', 1), 'utf-8')

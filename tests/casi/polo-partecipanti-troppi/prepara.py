p = ALBERO / "poli" / "polo-lettura.md"
t = p.read_text("utf-8")
p.write_text(t.replace("---\n\n", "attivita:\n  - data: 2026-04-10\n    titolo: Incontro\n"
                       "    partecipanti: 12345678901234567890\n    ore: 3\n"
                       "  - data: 2026-04-11\n    titolo: Secondo incontro\n"
                       "    partecipanti: 1000000\n---\n\n", 1), "utf-8")

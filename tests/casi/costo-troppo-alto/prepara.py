# Ten million euro is more than any library spends on one practice: a zero too many.
p = ALBERO / "schede" / "letture-al-nido.md"
t = p.read_text("utf-8")
p.write_text(t.replace("polo: polo-lettura\n", "polo: polo-lettura\nrisorse:\n  costo: 15000000\n"),
             "utf-8")
p = ALBERO / "poli" / "polo-lettura.md"
t = p.read_text("utf-8")
p.write_text(t.replace("stato: attivo\n", "stato: attivo\ncosti:\n  preventivo: 1.0e+21\n"
                       "  consuntivo: 10000000\n"), "utf-8")

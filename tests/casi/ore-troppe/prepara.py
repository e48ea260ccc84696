p = ALBERO / "schede" / "letture-al-nido.md"
t = p.read_text("utf-8")
p.write_text(t.replace("polo: polo-lettura\n", "polo: polo-lettura\nrisorse:\n  ore: 100000.5\n"),
             "utf-8")

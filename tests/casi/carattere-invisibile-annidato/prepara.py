# Inside a list of groups (servizi), and a C1 control (DEL's neighbour NEL) and a
# non-character in a scheda's list of keywords.
p = ALBERO / "poli" / "polo-lettura.md"
t = p.read_text("utf-8")
t = t.replace("    descrizione: Ceste di albi illustrati scelti per fascia d'età.",
              '    descrizione: "Ceste di albi illustrati\\x7f scelti per fascia d\'età."')
p.write_text(t, "utf-8")
p = ALBERO / "schede" / "letture-al-nido.md"
t = p.read_text("utf-8")
t = t.replace("polo: polo-lettura\n", 'polo: polo-lettura\nparole_chiave: [nido, "albi\\uFFFF", "\\x9Bletture"]\n')
p.write_text(t, "utf-8")

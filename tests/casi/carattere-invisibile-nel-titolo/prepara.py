# The escapes a YAML file may hold between double quotes: \v in the title, \x01
# in the name of the contact (a feed reader drops a feed with either).
p = ALBERO / "schede" / "letture-al-nido.md"
t = p.read_text("utf-8")
t = t.replace("titolo: Letture ad alta voce al nido", 'titolo: "Letture ad\\v alta voce al nido"')
t = t.replace("  nome: Maria Rossi", '  nome: "\\x01Maria Rossi\\x01"')
p.write_text(t, "utf-8")

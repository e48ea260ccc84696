p = ALBERO / "rete.yml"
t = p.read_text("utf-8")
t = t.replace("    nome: Biblioteca di frazione", '    nome: "Biblioteca di frazione\\e[2J"')
p.write_text(t, "utf-8")

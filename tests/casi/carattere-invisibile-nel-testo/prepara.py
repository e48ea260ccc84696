# Copied from a PDF: a form feed between pages and a vertical tab from Word's
# line breaks, in the body, where no YAML reader looks.
p = ALBERO / "schede" / "letture-al-nido.md"
t = p.read_text("utf-8")
t = t.replace("Ogni martedì mattina", "Ogni\x0cmartedì mattina", 1)
t = t.replace("Serve un accordo", "Serve\x0b\x0bun accordo", 1)
p.write_text(t, "utf-8")

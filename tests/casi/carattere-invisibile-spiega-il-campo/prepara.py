# An identifier with an invisible character is reported for that, not as an
# unknown library nor as an identifier of the wrong form.
p = ALBERO / "schede" / "letture-al-nido.md"
t = p.read_text("utf-8")
t = t.replace("biblioteca: centrale", 'biblioteca: "centrale\\x00"')
p.write_text(t, "utf-8")

path = ALBERO / "schede" / "letture-al-nido.md"
text = path.read_text("utf-8")
# U+2028 inside the sintesi: libyaml counts it as a line break, an editor may not.
text = text.replace("Ogni settimana le", "Ogni settimana\u2028le").replace(
    "tema: lettura-0-6", "tema: lettura")
path.write_text(text, encoding="utf-8")

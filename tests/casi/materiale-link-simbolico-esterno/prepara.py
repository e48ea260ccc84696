(ALBERO / "schede" / "letture-al-nido" / "volantino.pdf").symlink_to(ALBERO / "rete.yml")

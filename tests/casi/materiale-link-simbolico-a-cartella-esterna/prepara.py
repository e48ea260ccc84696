(ALBERO / "schede" / "letture-al-nido" / "poli").symlink_to(ALBERO / "poli", target_is_directory=True)

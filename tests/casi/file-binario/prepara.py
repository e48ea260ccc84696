(ALBERO / "schede" / "foto-incollata.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")

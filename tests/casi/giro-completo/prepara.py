# Written in Word's way: Windows line endings and a byte-order mark.
p = ALBERO / "schede" / "leggimi-forte.md"
p.write_bytes(b"\xef\xbb\xbf" + p.read_text("utf-8").replace("\n", "\r\n").encode("utf-8"))

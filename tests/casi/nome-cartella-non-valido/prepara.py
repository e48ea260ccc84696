(ALBERO / "schede" / "racconti-di-quartiere").rename(ALBERO / "schede" / "Racconti Quartiere")

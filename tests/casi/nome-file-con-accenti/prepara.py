# il nome con accento e spazi si crea qui, per non averlo nel repository
(ALBERO / "schede" / "racconti-di-quartiere.md").rename(ALBERO / "schede" / "Città di prova.md")

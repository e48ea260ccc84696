"""Runtime concerns, kept out of the pure core: what a long-lived process keeps
between runs (``cache``), the second process that shares a large job (``helper``)
and the garbage collector's tuning (``collector``). The core receives a cache and a
helper as arguments, whose defaults do nothing; the adapters (the command line,
the MkDocs hook) choose the real ones."""

"""The validation pipeline, above the content layer: ``validate`` runs the checks
over a tree read by the loader and answers problems as data (``rete.problems``);
the checks of references, words, invisible characters, near-duplicates and links
each live in their own module."""

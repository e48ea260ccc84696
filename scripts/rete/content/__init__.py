"""The content layer: what a scheda, a polo and the network's registry are, and how
they are read and written. The schemas and the fields they define, the collection
registry, the content rules, the YAML reader with its Italian messages, the loader
of the tree, the model built from it, page addresses, and the atomic writer.
Nothing here checks links between files, renders or knows an adapter."""

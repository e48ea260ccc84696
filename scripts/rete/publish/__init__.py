"""The site as any engine publishes it: the docs tree with every guarantee already
applied (``tree``), written as a project folder (``project``), and the search index
made after the engine (``search``)."""

"""rete: the tools of a library network's knowledge base.

Data flows one way: load -> validate -> model -> render. The command line,
the MkDocs hook and every other adapter call into that core.
"""

__version__ = "0.1.0"

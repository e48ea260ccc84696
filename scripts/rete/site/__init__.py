"""The site adapter: the MkDocs hook (``hook.py``) that hands rendered pages to MkDocs."""

"""Render: the model (and the schemas) as Markdown and HTML, shared by the site and the booklet.

Imports only the core below it; nothing here knows MkDocs, the terminal or a printer.
"""

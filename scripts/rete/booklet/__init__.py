"""The printed adapter: the workshop booklet, the exhibition posters and the
communication kit, made with WeasyPrint from the model and the site's HTML."""

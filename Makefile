# The two commands: `make run` installs what is needed and opens the window; `make test` runs
# every check. Both create .venv and, on Debian/Ubuntu when run as root (or with sudo), install
# the system libraries Qt needs.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

QT_DEBS := libegl1 libgl1 libfontconfig1 libfreetype6 libxkbcommon0 libx11-6 libglib2.0-0 \
	libdbus-1-3 fontconfig fonts-dejavu-core fonts-nanum libcups2 libx11-xcb1 libxcb1 \
	libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render0 \
	libxcb-render-util0 libxcb-shape0 libxcb-shm0 libxcb-sync1 libxcb-util1 libxcb-xfixes0 \
	libxcb-xkb1 libxcb-glx0 libxkbcommon-x11-0
TEST_DEBS := poppler-utils
# Debian's and Ubuntu's Python come without venv (and ensurepip) until python3-venv is installed.
HAS_VENV := $(PYTHON) -c "import ensurepip, venv" 2>/dev/null

.PHONY: run test lint system-packages clean

run: $(STAMP)
	$(BIN)/python main.py

test: $(STAMP) lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

$(STAMP): pyproject.toml
	@$(MAKE) --no-print-directory system-packages
	@$(HAS_VENV) || { echo "make: $(PYTHON) has no venv module: install the python3-venv package (apt-get install python3-venv), then run make again" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

# Only on Debian/Ubuntu, only where we may (root or password-less sudo); elsewhere a note.
system-packages:
	@if command -v apt-get >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ]; then SUDO=""; elif sudo -n true 2>/dev/null; then SUDO="sudo -n"; else SUDO=none; fi; \
		DEBS="$(QT_DEBS) $(TEST_DEBS)"; \
		$(HAS_VENV) || DEBS="$$DEBS python3-venv"; \
		if [ "$$SUDO" = none ]; then \
			echo "note: not root; if Qt fails to start, install: $$DEBS"; \
		elif ! dpkg -s $$DEBS >/dev/null 2>&1; then \
			$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$DEBS; \
		fi; \
	fi

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache

# The two commands a newcomer needs: `make demo` and `make test`. Everything else is optional.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO_STORE := .vanban-demo

.PHONY: demo test venv sysdeps es-up es-down bench clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "installing vanban and its dependencies into $(VENV) (log: $(VENV)/install.log)"
	@{ $(BIN)/python -m pip install --upgrade pip && $(BIN)/python -m pip install -e ".[test]"; } \
		> $(VENV)/install.log 2>&1 || { tail -n 40 $(VENV)/install.log; exit 1; }
	@touch $(STAMP)

venv: $(STAMP)

# Debian packages (Tesseract with Vietnamese, antiword, fonts, Chromium): installed when root,
# otherwise the exact apt-get line is printed and the tests that need them skip with that reason.
sysdeps:
	-@VANBAN_SYSDEPS_LOG=$(VENV)/system-deps.log bash scripts/system-deps.sh

demo: venv sysdeps
	@bash scripts/demo.sh $(DEMO_STORE)

test: venv sysdeps
	@bash scripts/test.sh

es-up:
	@bash scripts/es-up.sh

es-down:
	@bash scripts/es-down.sh

bench: venv sysdeps
	@bash scripts/bench.sh

clean:
	rm -rf $(DEMO_STORE) .pytest_cache test-artifacts

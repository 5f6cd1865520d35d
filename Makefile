# Zhibao: `make run` starts the platform with demo data; `make test` runs the whole suite.
PY      ?= python3
VENV    ?= .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed-$(shell $(PY) -c "import hashlib,sys;print(hashlib.sha1(open('pyproject.toml','rb').read()).hexdigest()[:10])")
PORT    ?= 8000
export DJANGO_SETTINGS_MODULE := zhibao.settings

.PHONY: install assets run test test-fast migrate demo messages bench clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,dev]'
	@rm -f $(VENV)/.installed-*; touch $@

install: $(STAMP) assets

# Browser assets (ECharts, the map of Xi'an) from the npm registry, checked against their integrity.
assets: $(STAMP)
	$(BIN)/python scripts/fetch_assets.py

migrate: install
	$(BIN)/zhibao migrate --noinput

demo: migrate
	$(BIN)/zhibao demo --scale small --if-empty

run: demo
	$(BIN)/zhibao serve --port $(PORT)

# Two workers: the suite is mostly Python time, and these machines have two cores.
test: install
	ZHIBAO_TASKS_BACKEND=immediate $(BIN)/python -m pytest -n $(or $(TEST_WORKERS),2) $(PYTEST_ARGS)

# Each app keeps its own catalogue (src/zhibao/APP/locale); translate in zh_Hans, then compile.
# `make messages APP=registry` does one app only.
messages: install
	for app in src/zhibao/$(or $(APP),*)/; do [ -d $$app/locale ] || continue; \
	  (cd $$app && ../../../$(BIN)/zhibao makemessages -l zh_Hans --no-obsolete --no-location >/dev/null); done
	$(BIN)/python scripts/po_fill.py $(APP)
	for po in src/zhibao/$(or $(APP),*)/locale/zh_Hans/LC_MESSAGES/django.po; do msgfmt --check-format -o $${po%.po}.mo $$po; done

bench: install
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var/zhibao.sqlite3* var/static

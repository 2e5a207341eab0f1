# thidua: two commands do all set-up (README): `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := .venv
UV := $(PYTHON) -m uv
RUN := .venv/bin/

.PHONY: install papers messages demo demo-data serve test test-sqlite test-postgres lint bench browser clean

# uv comes from PyPI into the user's Python; the packages from the committed uv.lock; the Vietnamese
# catalogue compiled by GNU gettext's msgfmt (Debian's gettext package when the machine lacks it).
LOCALE := thidua/locale/vi/LC_MESSAGES
install: .venv/.installed $(LOCALE)/django.mo papers
$(LOCALE)/django.mo: $(LOCALE)/django.po
	@command -v msgfmt >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext)
	msgfmt --check-format -o $@ $<

# The papers' PDF is made from their Word file by Debian's LibreOffice (headless), with Liberation Serif for
# Times New Roman's metrics where it is absent (version 2 has every Vietnamese letter; without it LibreOffice
# borrows another font's glyphs); poppler-utils reads the PDFs back in the tests.
papers:
	@command -v soffice >/dev/null && command -v pdffonts >/dev/null && fc-list | grep -qi "liberation2/LiberationSerif" \
		|| (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		$$(apt-cache show libreoffice-writer-nogui >/dev/null 2>&1 && echo libreoffice-writer-nogui \
		|| echo libreoffice-writer) fonts-liberation fonts-liberation2 poppler-utils)

# After adding or changing interface text: the catalogue gets the new strings (translate them, then `make`).
messages: .venv/.installed
	$(RUN)python manage.py makemessages -l vi --no-obsolete --no-location --ignore='.venv/*' --ignore='var/*' \
		--ignore='out/*' --ignore='*/tests/*' --ignore='*/testing/*' --ignore='test-artifacts/*'
.venv/.installed: pyproject.toml uv.lock
	@$(PYTHON) -m uv --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet --user uv \
		|| $(PYTHON) -m pip install --quiet --break-system-packages --user uv
	$(UV) sync --frozen --python $(PYTHON)
	@touch $@

# The seed cluster's 2021 review, its documents under out/demo/, demo accounts, and the site.
demo: install demo-data serve

demo-data: install
	$(RUN)thidua demo --out out/demo

# The production server (gunicorn, `thidua serve`): static files collected, workers sized to the machine;
# THIDUA_BIND, THIDUA_WORKERS, THIDUA_THREADS override (README).
serve: install
	@echo "Mở http://$${THIDUA_BIND:-127.0.0.1:8000} (Ctrl+C để dừng)"
	$(RUN)thidua serve

# The whole suite on SQLite, then on PostgreSQL when DATABASE_URL names one.
test: install lint test-sqlite test-postgres

lint: install
	$(RUN)ruff check thidua scripts
	$(RUN)ruff format --check thidua scripts
	env -u DATABASE_URL $(RUN)mypy thidua
	env -u DATABASE_URL $(RUN)python manage.py makemigrations --check --dry-run >/dev/null

test-sqlite: install
	env -u DATABASE_URL $(RUN)pytest

test-postgres: install
	@if [[ "$${DATABASE_URL:-}" == postgres* ]]; then \
		$(RUN)python scripts/ensure_database.py && $(RUN)pytest; \
	else echo "DATABASE_URL không trỏ tới PostgreSQL: bỏ qua lượt chạy trên PostgreSQL."; fi

bench: install
	$(RUN)python -m thidua.bench

# Debian's Chromium for the browser tests (root; .ci/run does this too).
browser:
	command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium)

clean:
	rm -rf .venv var out .pytest_cache

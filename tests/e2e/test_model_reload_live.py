"""A model trained while the servers run answers without a restart (bot/serve/model_reload.py).

``scripts/fix_live.py --topic`` starts the servers as ``make run`` does (model watch on) on
a temporary copy of the project, adds the sample topic (tests/fixtures/sample_topic.yml),
retrains (``python -m bot train``, warm caches copied from this checkout) and asks the
topic's question until the running server answers it with the new answer. The same Rasa
process must serve before and after. About two minutes of training at a normal load."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from bot import paths

pytestmark = pytest.mark.e2e


def test_a_new_topic_answers_without_restarting_the_servers() -> None:
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false"}
    env.pop("CLONUS_ROOT", None)
    done = subprocess.run([sys.executable, str(paths.ROOT / "scripts" / "fix_live.py"), "--topic",
                           "--timeout", "600"], cwd=paths.ROOT, env=env, capture_output=True, text=True,
                          timeout=1800)
    out = done.stdout
    assert done.returncode == 0, out[-3000:] + done.stderr[-3000:]
    # before the training the question cannot get the topic's answer (the topic did not exist) ...
    assert "WRONG  faq/clonus_jaw" in out, out
    # ... after it, the same Rasa process answers it with the new answer
    assert "served by the same Rasa process throughout" in out and ": yes;" in out, out
    assert "| reload: model written -> the running server serves it |" in out, out

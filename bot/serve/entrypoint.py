"""Container entry point of the Rasa image (deploy/Dockerfile): ``python -m bot.serve.entrypoint``.

Renders ``credentials.yml`` for this pod like ``make run`` does (``select_channels``: a
messaging channel runs only when its secrets are in the environment; the ``${VAR}``
references stay, no secret is written) and adds the site origins of
``CLONUS_ALLOWED_ORIGINS`` (comma-separated) to the socket.io channel, then replaces
itself with ``rasa run``: no HTTP API (``--enable-api`` is never passed), the model baked
into the image, ``deploy/endpoints.yml`` (PostgreSQL tracker store, Redis lock store and
the action server, all from environment variables).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Mapping

import yaml

from bot import paths
from bot.constants import DEFAULT_RASA_PORT
from bot.serve.env import allowed_origins
from bot.serve.servers import SOCKETIO_CHANNELS, select_channels

ENDPOINTS = paths.ROOT / "deploy" / "endpoints.yml"


def render_credentials(env: Mapping[str, str], target: Path) -> list[str]:
    """Write this pod's credentials file; returns the messaging channels enabled."""
    data = yaml.safe_load((paths.ROOT / "credentials.yml").read_text(encoding="utf-8")) or {}
    data, enabled, _ = select_channels(data, env)
    origins = allowed_origins(env)
    for name in SOCKETIO_CHANNELS:
        if origins and isinstance(data.get(name), dict):
            data[name]["cors_allowed_origins"] = origins
    target.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return enabled


def rasa_command(env: Mapping[str, str], credentials: Path) -> list[str]:
    return [sys.executable, "-m", "rasa", "run",
            "--model", env.get("CLONUS_MODEL", str(paths.ROOT / "models" / "model.tar.gz")),
            "--interface", "0.0.0.0", "--port", env.get("RASA_PORT", str(DEFAULT_RASA_PORT)),
            "--credentials", str(credentials),
            "--endpoints", env.get("CLONUS_ENDPOINTS_FILE", str(ENDPOINTS))]


def main() -> None:
    env = dict(os.environ)
    credentials = Path(env.get("CLONUS_RUN_DIR", "/tmp")) / "credentials.yml"
    enabled = render_credentials(env, credentials)
    print(f"messaging channels: {', '.join(enabled) or 'none'}", flush=True)
    command = rasa_command(env, credentials)
    os.execve(command[0], command, {**env, "RASA_TELEMETRY_ENABLED": "false"})


if __name__ == "__main__":
    main()

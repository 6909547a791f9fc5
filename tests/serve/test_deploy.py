"""deploy/: the Kubernetes manifests render offline (``kubectl kustomize``) and agree with
the code (ports, probe paths, environment variables, lock lifetime vs action timeout),
and the Dockerfile builds what the manifests run. Images are not built here."""

from __future__ import annotations

import re
import shutil
import subprocess
from typing import Any, Iterator

import pytest
import yaml

from bot import paths
from bot.channels.health import LIVE_PATH, READY_PATH
from bot.constants import DEFAULT_ACTIONS_PORT, DEFAULT_RASA_PORT

DEPLOY = paths.ROOT / "deploy"
OVERLAY = DEPLOY / "k8s" / "overlays" / "example"


@pytest.fixture(scope="module")
def objects() -> list[dict[str, Any]]:
    kubectl = shutil.which("kubectl")
    if kubectl is None:
        pytest.skip("kubectl is missing: cannot render deploy/k8s (kubectl kustomize)")
    rendered = subprocess.run([kubectl, "kustomize", str(OVERLAY)], capture_output=True,
                              text=True, timeout=60, check=True).stdout
    return [doc for doc in yaml.safe_load_all(rendered) if doc]


def find(objects: list[dict[str, Any]], kind: str, name: str) -> dict[str, Any]:
    matches = [o for o in objects if o["kind"] == kind and o["metadata"]["name"].startswith(name)]
    assert len(matches) == 1, (kind, name, [o["metadata"]["name"] for o in objects])
    return matches[0]


def container(objects: list[dict[str, Any]], name: str) -> dict[str, Any]:
    return find(objects, "Deployment", name)["spec"]["template"]["spec"]["containers"][0]


def env_names(objects: list[dict[str, Any]], spec: dict[str, Any]) -> Iterator[str]:
    for item in spec.get("env", []):
        yield item["name"]
    for source in spec.get("envFrom", []):
        config = find(objects, "ConfigMap", source["configMapRef"]["name"])
        yield from config["data"]


def test_ports_and_probes_match_the_code(objects: list[dict[str, Any]]) -> None:
    rasa = container(objects, "clonus-rasa")
    assert rasa["ports"][0]["containerPort"] == DEFAULT_RASA_PORT
    assert rasa["readinessProbe"]["httpGet"]["path"] == READY_PATH
    assert rasa["livenessProbe"]["httpGet"]["path"] == LIVE_PATH
    actions = container(objects, "clonus-actions")
    assert actions["ports"][0]["containerPort"] == DEFAULT_ACTIONS_PORT
    assert actions["readinessProbe"]["httpGet"]["path"] == "/health"  # rasa-sdk's route
    for kind_name, port in (("clonus-rasa", DEFAULT_RASA_PORT), ("clonus-actions", DEFAULT_ACTIONS_PORT)):
        service = find(objects, "Service", kind_name)
        assert service["spec"]["ports"][0]["port"] == port
        deployment = find(objects, "Deployment", kind_name)
        assert service["spec"]["selector"] == deployment["spec"]["selector"]["matchLabels"]


def test_endpoints_variables_are_all_provided(objects: list[dict[str, Any]]) -> None:
    """Every ${VAR} of deploy/endpoints.yml is set in the Rasa pod, and every secret it
    reads exists in the rendered Secrets (optional channel tokens may be absent)."""
    settings = "\n".join(line.split(" #")[0] for line in (DEPLOY / "endpoints.yml").open()
                         if not line.lstrip().startswith("#"))
    needed = set(re.findall(r"\$\{([A-Z_][A-Z0-9_]*)\}", settings))
    assert {"DB_PASSWORD", "REDIS_URL", "ACTION_SERVER_URL"} <= needed
    rasa = container(objects, "clonus-rasa")
    assert needed <= set(env_names(objects, rasa)), needed - set(env_names(objects, rasa))
    secrets = {o["metadata"]["name"]: o.get("data", {}) for o in objects if o["kind"] == "Secret"}
    for item in rasa["env"]:
        ref = item.get("valueFrom", {}).get("secretKeyRef")
        if ref and not ref.get("optional"):
            assert ref["key"] in secrets[ref["name"]], ref
    config = find(objects, "ConfigMap", "clonus-config")["data"]
    assert config["ACTION_SERVER_URL"].endswith(f":{DEFAULT_ACTIONS_PORT}/webhook")


def test_lock_outlives_the_action_timeout(objects: list[dict[str, Any]]) -> None:
    endpoints = yaml.safe_load((DEPLOY / "endpoints.yml").read_text())
    assert endpoints["lock_store"]["type"] == "bot.serve.lock_store.AtomicRedisLockStore"
    assert endpoints["tracker_store"]["dialect"] == "postgresql"
    timeout = float(find(objects, "ConfigMap", "clonus-config")["data"]["CLONUS_ACTION_TIMEOUT"])
    assert float(endpoints["lock_store"]["lock_lifetime"]) > timeout


def test_scaling_disruption_and_sticky_socketio(objects: list[dict[str, Any]]) -> None:
    hpa = find(objects, "HorizontalPodAutoscaler", "clonus-rasa")
    assert hpa["apiVersion"] == "autoscaling/v2"
    assert hpa["spec"]["scaleTargetRef"]["name"] == "clonus-rasa" and hpa["spec"]["minReplicas"] >= 2
    pdb = find(objects, "PodDisruptionBudget", "clonus-rasa")
    labels = find(objects, "Deployment", "clonus-rasa")["spec"]["template"]["metadata"]["labels"]
    assert pdb["spec"]["selector"]["matchLabels"].items() <= labels.items()
    socket = find(objects, "Ingress", "clonus-socketio")
    assert socket["metadata"]["annotations"]["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    path = socket["spec"]["rules"][0]["http"]["paths"][0]
    assert path["path"] == "/socket.io/" and path["backend"]["service"]["name"] == "clonus-rasa"
    webhooks = find(objects, "Ingress", "clonus-webhooks")
    assert "nginx.ingress.kubernetes.io/affinity" not in webhooks["metadata"].get("annotations", {})


def test_sorry_server_is_the_socketio_default_backend(objects: list[dict[str, Any]]) -> None:
    """While clonus-rasa has no ready endpoint, /socket.io/ goes to bot.serve.sorry, run
    as that module's command line reads it, on its health path, with the Rasa pods' site
    origins and nothing else (no database, Redis or channel secrets)."""
    from bot.serve import sorry
    from bot.serve.env import ALLOWED_ORIGINS_ENV

    pod = find(objects, "Deployment", "clonus-sorry")["spec"]["template"]["spec"]
    box = pod["containers"][0]
    assert box["command"] == ["python", "-m", sorry.__name__]
    args = sorry.arguments(box["args"])
    port = box["ports"][0]
    assert args.port == port["containerPort"] == sorry.DEFAULT_PORT and args.host == "0.0.0.0"
    # its sessions end by themselves, so widgets go back to Rasa once a pod is ready
    assert args.session_limit is not None and 0 < args.session_limit <= 60
    for probe in ("readinessProbe", "livenessProbe"):
        assert box[probe]["httpGet"] == {"path": sorry.HEALTH_PATH, "port": port["name"]}, probe
    # the origins: the same Secret key as the Rasa pods' (bot/serve/entrypoint.py)
    rasa = container(objects, "clonus-rasa")
    assert [item["name"] for item in box["env"]] == [ALLOWED_ORIGINS_ENV]
    assert box["env"] == [item for item in rasa["env"] if item["name"] == ALLOWED_ORIGINS_ENV]
    ref = box["env"][0]["valueFrom"]["secretKeyRef"]
    secrets = {o["metadata"]["name"]: o.get("data", {}) for o in objects if o["kind"] == "Secret"}
    assert ref["key"] in secrets[ref["name"]] and "envFrom" not in box
    # the actions image: the code, domain.yml and credentials.yml, no model
    assert box["image"] == container(objects, "clonus-actions")["image"]
    ignored = (DEPLOY.parent / ".dockerignore").read_text().split()
    assert not {"domain.yml", "credentials.yml", "bot", "knowledge"} & set(ignored)
    assert pod["securityContext"]["runAsNonRoot"] is True
    requests = box["resources"]["requests"]
    assert requests["cpu"].endswith("m") and int(requests["cpu"][:-1]) <= 100
    assert requests["memory"].endswith("Mi") and int(requests["memory"][:-2]) <= 256
    # its Service (the annotation takes the first port) and the Ingress that falls back to it
    service = find(objects, "Service", "clonus-sorry")
    assert service["spec"]["ports"][0]["port"] == sorry.DEFAULT_PORT
    labels = find(objects, "Deployment", "clonus-sorry")["spec"]["selector"]["matchLabels"]
    assert service["spec"]["selector"] == labels
    notes = find(objects, "Ingress", "clonus-socketio")["metadata"]["annotations"]
    assert notes["nginx.ingress.kubernetes.io/default-backend"] == service["metadata"]["name"]
    # only when Rasa has no ready pod: its own answers (a polite 503 too) are never replaced
    assert "nginx.ingress.kubernetes.io/custom-http-errors" not in notes


def test_dockerfile_runs_what_the_manifests_expect() -> None:
    text = (DEPLOY / "Dockerfile").read_text()
    assert re.search(r"^FROM python:3\.10-slim AS base$", text, re.M)
    assert "pip install -r requirements.txt" in text
    assert "--enable-api" not in text and "USER root" not in text
    targets = re.findall(r"^FROM \S+ AS (\w+)$", text, re.M)
    assert {"rasa", "actions"} <= set(targets)
    for target, port in (("rasa", DEFAULT_RASA_PORT), ("actions", DEFAULT_ACTIONS_PORT)):
        stage = text.split(f" AS {target}\n", 1)[1].split("\nFROM ", 1)[0]
        assert re.search(r"^USER 10001", stage, re.M), target
        assert f"EXPOSE {port}" in stage, target


def test_entrypoint_renders_credentials_and_command(tmp_path: Any) -> None:
    from bot.serve.entrypoint import ENDPOINTS, rasa_command, render_credentials

    env = {"CLONUS_ALLOWED_ORIGINS": "https://www.example.org", "TELEGRAM_BOT_TOKEN": "tok-secret-1",
           "TELEGRAM_SECRET_TOKEN": "tok-secret-2"}
    target = tmp_path / "credentials.yml"
    enabled = render_credentials(env, target)
    data = yaml.safe_load(target.read_text())
    assert enabled == ["bot.channels.telegram.TelegramInput"]
    assert "bot.channels.health.HealthInput" in data
    assert data["bot.channels.socketio.SocketIOInput"]["cors_allowed_origins"] == [
        "https://www.example.org"]
    assert "tok-secret" not in target.read_text()  # secrets stay ${VAR} references
    command = rasa_command(env, target)
    assert "--enable-api" not in command and str(ENDPOINTS) in command
    assert command[command.index("--port") + 1] == str(DEFAULT_RASA_PORT)


def test_rasa_reads_deploy_endpoints(monkeypatch: pytest.MonkeyPatch) -> None:
    from rasa.core.lock_store import LockStore
    from rasa.core.utils import read_endpoints_from_path

    from bot.serve.lock_store import AtomicRedisLockStore

    for name, value in {"ACTION_SERVER_URL": "http://a:5055/webhook", "DB_HOST": "db",
                        "DB_PORT": "5432", "DB_NAME": "c", "DB_USER": "u", "DB_PASSWORD": "p",
                        "DB_SSLMODE": "require", "REDIS_URL": "redis://r:6379/0"}.items():
        monkeypatch.setenv(name, value)
    endpoints = read_endpoints_from_path(DEPLOY / "endpoints.yml")
    assert endpoints.tracker_store.type == "SQL" and endpoints.tracker_store.kwargs["db"] == "c"
    assert isinstance(LockStore.create(endpoints.lock_store), AtomicRedisLockStore)

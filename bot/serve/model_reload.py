"""Load a newly trained model into the running Rasa server, without a restart and without
Rasa's HTTP API.

``python -m bot run`` (``make run``) sets ``CLONUS_MODEL_WATCH`` to the project's ``models/``
directory. The health channel (``bot.channels.health``, in every ``rasa run`` with
``credentials.yml``) then starts ``ModelWatcher`` once the server runs: every
``CLONUS_MODEL_WATCH_INTERVAL`` seconds (default 1) it looks for the newest training record
``clonus-<fingerprint>.json``, which ``python -m bot train`` writes only after Rasa has written
the model archive beside it. When that record names another model than the one being served
and is newer than the served model's archive, the new model is loaded in a worker thread
(the old one keeps answering meanwhile) and swapped in between two messages; a turn already
under way finishes with the model it started with. A model that fails to load is logged
and the old one stays.

Why not Rasa's ``PUT /model``: it needs ``--enable-api``, which also opens every tracker
(health data) and takes its token in the URL (``/work/shared/STACK.md``); loading a model
over HTTP is the path of CVE-2024-49375. Here nothing is reachable over the network: the
only way to change the model is to write a trained model into the watched directory,
which already requires the rights to change the code it runs. Unset (the production
stack, ``bot.serve.stack``), nothing is watched and a restart loads a new model.
"""

from __future__ import annotations

import asyncio
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional

logger = logging.getLogger(__name__)

#: Directory of trained models to watch (unset or empty: no watching).
WATCH_ENV = "CLONUS_MODEL_WATCH"
#: Seconds between two looks at the directory.
INTERVAL_ENV = "CLONUS_MODEL_WATCH_INTERVAL"
DEFAULT_INTERVAL = 1.0
RECORD_GLOB = "clonus-*.json"


@dataclass(frozen=True)
class Candidate:
    """A trained model ready to load: its archive and its record's modification time."""

    archive: Path
    recorded: float


def newest_model(directory: Path) -> Optional[Candidate]:
    """The newest model whose training record and archive are both present, or None.

    The record (``bot.training.training_record``) is written after the archive is
    complete, so an archive still being written is never picked."""
    best: Optional[Candidate] = None
    for record in directory.glob(RECORD_GLOB):
        archive = record.with_name(record.name[: -len(".json")] + ".tar.gz")
        try:
            recorded = record.stat().st_mtime
            if not archive.is_file():
                continue
        except OSError:  # removed meanwhile (prune)
            continue
        if best is None or recorded > best.recorded:
            best = Candidate(archive, recorded)
    return best


def should_load(candidate: Optional[Candidate], served: Optional[Path]) -> bool:
    """Whether ``candidate`` replaces the model being served (``served``, its archive)."""
    if candidate is None:
        return False
    if served is None:
        return True
    if candidate.archive.name == served.name:
        return False
    try:
        served_time = served.stat().st_mtime
    except OSError:  # the served archive was pruned: any newer record wins
        served_time = 0.0
    return candidate.recorded > served_time


def build_processor(agent: Any, archive: Path) -> Any:
    """A new MessageProcessor for ``archive`` sharing the agent's stores, endpoints and NLG
    (what ``Agent.load_model`` builds). Slow (loads the whole model): run it off the loop."""
    from rasa.core.processor import MessageProcessor

    return MessageProcessor(model_path=archive, tracker_store=agent.tracker_store,
                            lock_store=agent.lock_store, action_endpoint=agent.action_endpoint,
                            generator=agent.nlg, http_interpreter=agent.http_interpreter)


def install_processor(agent: Any, processor: Any) -> None:
    """Swap the loaded processor in, as ``Agent.load_model`` does (on the event loop, so
    no message sees half of it)."""
    from rasa.core.nlg import TemplatedNaturalLanguageGenerator

    agent.processor = processor
    agent.domain = processor.domain
    agent.tracker_store.domain = agent.domain
    if isinstance(agent.nlg, TemplatedNaturalLanguageGenerator):
        agent.nlg.responses = agent.domain.responses if agent.domain else {}


class ModelWatcher:
    """Polls ``directory`` and loads a newer trained model into ``get_agent()``'s agent."""

    def __init__(self, directory: Path, get_agent: Callable[[], Any], interval: float = DEFAULT_INTERVAL,
                 build: Callable[[Any, Path], Any] = build_processor,
                 install: Callable[[Any, Any], None] = install_processor) -> None:
        self.directory = Path(directory)
        self.get_agent = get_agent
        self.interval = interval
        self.build = build
        self.install = install
        #: archives that failed to load (not retried until their record changes)
        self.failed: dict[Path, float] = {}
        #: archives loaded by this watcher, in order
        self.loaded: list[Path] = []

    def served(self, agent: Any) -> Optional[Path]:
        processor = getattr(agent, "processor", None)
        path = getattr(processor, "model_path", None)
        return Path(path) if path is not None else None

    async def check_once(self) -> Optional[Path]:
        """Load the newest model when it should replace the served one; returns what was
        loaded (None: nothing to do, or it failed)."""
        agent = self.get_agent()
        if agent is None:
            return None
        candidate = newest_model(self.directory)
        if candidate is None or self.failed.get(candidate.archive) == candidate.recorded:
            return None
        if not should_load(candidate, self.served(agent)):
            return None
        logger.info("model watch: loading %s (the servers keep answering with the old model meanwhile)",
                    candidate.archive.name)
        loop = asyncio.get_running_loop()
        started = loop.time()
        try:
            processor = await loop.run_in_executor(None, self.build, agent, candidate.archive)
        except Exception as error:  # noqa: BLE001 - a bad model must not stop the server
            logger.error("model watch: %s could not be loaded (%s: %s); still serving %s",
                         candidate.archive.name, type(error).__name__, error,
                         getattr(self.served(agent), "name", "no model"))
            self.failed[candidate.archive] = candidate.recorded
            return None
        if self.get_agent() is not agent:  # replaced meanwhile (not by us): load again next time
            return None
        self.install(agent, processor)
        self.loaded.append(candidate.archive)
        logger.info("model watch: now serving %s (loaded in %.1f s)", candidate.archive.name,
                    loop.time() - started)
        return candidate.archive

    async def run(self) -> None:
        while True:
            try:
                await self.check_once()
            except asyncio.CancelledError:
                raise
            except Exception:  # noqa: BLE001 - keep watching
                logger.exception("model watch: check failed")
            await asyncio.sleep(self.interval)


def from_environment(get_agent: Callable[[], Any], env: Optional[dict[str, str]] = None) -> Optional[ModelWatcher]:
    """The watcher ``CLONUS_MODEL_WATCH`` asks for, or None when it is unset."""
    env = dict(os.environ) if env is None else env
    directory = (env.get(WATCH_ENV) or "").strip()
    if not directory:
        return None
    interval = float(env.get(INTERVAL_ENV) or DEFAULT_INTERVAL)
    if interval <= 0:
        raise ValueError(f"{INTERVAL_ENV} must be a positive number of seconds")
    return ModelWatcher(Path(directory), get_agent, interval)

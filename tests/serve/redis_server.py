"""A throwaway ``redis-server`` on a free loopback port, for tests (``bot.serve.redis_process``;
Debian's package, which ``.ci/run`` installs)."""

from bot.serve.redis_process import MISSING, RedisServer, available, free_port

__all__ = ["MISSING", "RedisServer", "available", "free_port"]

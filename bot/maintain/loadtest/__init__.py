"""``make loadtest``: Locust load runs against Rasa on PostgreSQL + Redis, and the database check.

- ``run.py``: the command (modes ``capacity`` and ``soak``), bounds, figures, summary;
- ``target.py``: starts the servers under test (or uses a running system);
- ``locustfile.py``: the simulated users (runs in Locust's own venv, ``build/locust-venv``;
  nothing of the bot imports it); ``messages.py``: what they say; ``journal.py``: what they
  log per conversation;
- ``dbcheck.py``: every message sent and reply received stored once, in order, in its own
  conversation (Rasa's ``events`` table); ``stats.py``: Locust's CSV figures, capacity steps.
"""

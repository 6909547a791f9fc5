"""``python -m bot.maintain.loadtest``: see ``run.py``."""

from bot.maintain.loadtest.run import main

raise SystemExit(main())

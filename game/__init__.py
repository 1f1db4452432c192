"""The shells around the engine: terminal edition, command line, window and reports."""

import os

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # no banner in the terminal or logs

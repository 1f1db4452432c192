"""The shipped scenarios, as package data (read with importlib.resources)."""

"""Fault Lines: a negotiation training simulator for leading NHS system change without
formal authority.

One distribution, one import name: the repository's top-level folders are installed as
`faultlines.engine` (the simulation), `faultlines.game` (the window, terminal edition, CLI
and reports), `faultlines.scenarios` (the shipped cases) and `faultlines.assets` (fonts with
their licences, and the theme).
"""

__version__ = "0.2.0"

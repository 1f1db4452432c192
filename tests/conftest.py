"""Shared fixtures: compiled scenarios are cached per test session (they are read-only).

Every test runs with a private FAULTLINES_HOME, and the session fails if the real per-user
folders change (tests/isolation_kit.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from faultlines.engine.case import compile_case, load_case
from faultlines.engine.game import Game
from faultlines.engine.loader import load_scenario

FIXTURES = Path(__file__).parent / "fixtures"

# the `app` fixture for tests that open the window; the private home and the folder check
pytest_plugins = ["tests.window_kit", "tests.isolation_kit"]


@pytest.fixture(scope="session")
def elm():
    return load_case("elm")


@pytest.fixture(scope="session")
def tutorial():
    return load_case("tutorial")


@pytest.fixture(scope="session")
def mini():
    return compile_case(load_scenario(FIXTURES / "mini.yaml"))


@pytest.fixture
def elm_game(elm):
    return Game(elm, seed=11)


@pytest.fixture
def mini_game(mini):
    return Game(mini, seed=5)

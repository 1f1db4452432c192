"""A genuine consultation's asks, as the player reads them."""

from __future__ import annotations

from faultlines.engine.consultation import raise_asks
from faultlines.engine.game import Game


def test_an_ask_is_worded_for_one_person_or_several(elm):
    game = Game(elm, seed=1)
    asks = raise_asks(game._context(0))
    assert asks
    for a in asks:
        verb = " asks for changes to " if len(a.by) == 1 else " ask for changes to "
        assert verb in a.text, a.text

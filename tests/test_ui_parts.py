"""The window's parts that need no window: settings, saves, palette, words, shortcuts,
fonts and their licences, the theme, the transcript and the stakeholder card."""

from __future__ import annotations

import json

import pytest
from faultlines.engine.domain import CONTRIBUTIONS
from faultlines.engine.moves import MOVE_TYPES
from faultlines.engine.table import Table


def test_settings_round_trip_and_damaged_files(tmp_path):
    from faultlines.game.settings import TEXT_SIZES, Settings, load_settings, save_settings

    path = tmp_path / "settings.json"
    save_settings(Settings(text_size=2, colourblind=False, fullscreen=True, sound=False), path)
    s = load_settings(path)
    assert (s.text_size, s.colourblind, s.fullscreen, s.sound) == (2, False, True, False)
    assert s.scale == TEXT_SIZES[2][1] >= 1.5
    path.write_text("{not json")
    assert load_settings(path) == Settings()
    path.write_text(json.dumps({"text_size": 99, "sound": "loud", "colourblind": 1}))
    s = load_settings(path)
    assert s.text_size == len(TEXT_SIZES) - 1 and s.sound is True and s.colourblind is True
    assert len(TEXT_SIZES) >= 3


def test_saves_slots_and_damaged_slot(tmp_path, elm):
    from faultlines.game.saves import AUTOSAVE, SaveStore
    from faultlines.game.session import Session

    store = SaveStore(tmp_path)
    table = Table.open(elm, seed=5, practice=True)
    table.choose("one_to_one", target="teaching")
    store.write(1, table, scenario_ref="elm")
    info = store.info(1)
    assert info.exists and info.error is None and info.practice and info.round == 1
    assert "Elm" in info.summary() and info.stage == "Briefing"
    loaded = Session.load(store, 1)
    assert loaded.table.digest() == table.digest() and loaded.practice
    store.path(2).write_text("{\"format\": \"faultlines-save\", \"state\": 3}")
    bad = store.info(2)
    assert bad.exists and bad.error
    store.path(3).write_text("garbage")
    assert store.info(3).error and "not valid JSON" in store.info(3).error
    assert [i.slot for i in store.all(autosave=True)] == [AUTOSAVE, "1", "2", "3"]
    assert not store.info(AUTOSAVE).exists


def test_shortcuts_are_unique_and_name_real_moves():
    from faultlines.game.moves_ui import KEY_TO_KIND, SHORT, SHORTCUTS

    assert set(SHORTCUTS) <= set(MOVE_TYPES)
    assert len(set(SHORTCUTS.values())) == len(SHORTCUTS) == len(KEY_TO_KIND)
    reserved = set("lpq")  # transcript, plan, and q left free
    assert not reserved & set(SHORTCUTS.values())
    assert set(SHORT) <= set(MOVE_TYPES)


def test_palette_is_colour_blind_safe_and_never_colour_alone():
    from faultlines.engine.domain import SECTORS
    from faultlines.game.palette import GROUPS, OKABE_ITO, SECTOR_CODE, SECTOR_GROUP, Palette

    pal = Palette(colourblind=True)
    assert set(pal.named.values()) == set(OKABE_ITO.values())
    assert set(SECTORS) <= set(SECTOR_GROUP) and set(SECTORS) <= set(SECTOR_CODE)
    shapes = [g.shape for g in GROUPS.values()]
    assert len(set(shapes)) == len(shapes)  # each sector group has its own shape
    assert Palette.ink_on((240, 228, 66)) == (0, 0, 0)
    assert Palette.ink_on((0, 114, 178)) == (255, 255, 255)


def test_fonts_are_shipped_with_licences():
    from faultlines.game.fonts import FACES
    from faultlines.game.paths import FONTS

    for path in FACES.values():
        assert path.exists(), path
    assert (FONTS / "LICENSE-Inter.txt").read_text().count("OFL") >= 1
    assert "Bitstream" in (FONTS / "LICENSE-DejaVu.txt").read_text()


def test_theme_scales_every_font():
    from faultlines.game.theme import theme_dict

    small, big = theme_dict(1.0), theme_dict(1.5)
    for key, block in small.items():
        if isinstance(block, dict) and "font" in block:
            assert int(big[key]["font"]["size"]) > int(block["font"]["size"])
            assert block["font"]["regular_path"].endswith(".otf")


def test_card_names_every_contribution_and_hides_unknown(elm):
    from faultlines.game.palette import Palette
    from faultlines.game.widgets.card import card_html

    table = Table.open(elm, seed=2)
    v = table.view
    p = v.person("teaching")
    html = card_html(p, v, pal=Palette(), plan_values={"care": 0.5, "integration": 0.4,
                                                       "system": 0.4},
                     component_names={}, relations=[("conflict", "Richard Cole", "old")])
    assert "unknown \u2014 listen to learn" in html
    for name, value in p.why:
        if value is None or abs(value) >= 0.005:
            assert CONTRIBUTIONS[name] in html
    table.choose("one_to_one", target="teaching")
    v = table.view
    html = card_html(v.person("teaching"), v, pal=Palette(), plan_values={},
                     component_names={}, relations=[])
    assert "What drives them:</b> " + v.person("teaching").drivers[:20] in html


def test_transcript_keeps_only_recent_text_live(elm):
    from faultlines.game.palette import Palette
    from faultlines.game.widgets.transcript import RECENT_CHARS, Transcript

    table = Table.open(elm, seed=3)
    for _ in range(30):
        if table.over:
            break
        table.choose("end_round")
    t = Transcript.from_events(list(table.events) * 5, table.view, Palette())
    recent = t.recent_html()
    assert len(recent) <= RECENT_CHARS + 400
    assert "full transcript" in recent
    assert sum(len(p) for p in t.pages()) >= len("<br>".join(t.lines)) - 100
    live = t.recent_lines(50)  # the table's panel: the last 50 lines, and where the rest are
    assert live[1:] == t.lines[-50:] and "full transcript" in live[0]
    assert Transcript().recent_lines(50) == ["Nothing has happened yet."]


@pytest.mark.parametrize("x,word", [(0.6, "champion"), (0.2, "support"), (0.0, "undecided"),
                                    (-0.2, "oppose"), (-0.6, "strongly")])
def test_stance_phrases(x, word):
    from faultlines.game.text import signed, stance_phrase

    assert word in stance_phrase(x)
    assert signed(-0.5) == "\u22120.50"

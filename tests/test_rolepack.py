"""Role packs: a brief for every stakeholder with nothing confidential on the public page,
a director's brief, a facilitator sheet and an index."""

from __future__ import annotations

import json
import re
from html import escape

import pytest
from faultlines.engine.case import load_case
from faultlines.engine.catalogue import shipped_ids
from faultlines.game.report.rolepack import (
    confidential_section,
    facilitator_page,
    public_section,
    write_role_pack,
)
from faultlines.game.report.words import stake_words


def text(html: str) -> str:
    from html import unescape

    return unescape(re.sub(r"<[^>]+>", " ", html))


SCENARIOS = [s for s in shipped_ids() if s != "tutorial"] or ["elm"]


@pytest.mark.parametrize("name", SCENARIOS)
def test_public_page_holds_nothing_confidential(name):
    case = load_case(name)
    for s in case.scenario.stakeholders:
        public = text(public_section(case, s))
        secret = text(confidential_section(case, s))
        assert s.name in public and s.public_stance in public
        assert s.drivers not in public and s.drivers in secret
        if s.history != "-":
            assert s.history not in public and s.history in secret
        for r in case.scenario.relationships:
            if s.id in (r.a, r.b):
                assert r.note not in public and r.note in secret
        for comp in case.scenario.plan.components:
            line = f"{comp.name} {stake_words(s.stakes.get(comp.id, 0.0))}"
            assert line not in " ".join(public.split())
        assert "CONFIDENTIAL" in secret and "CONFIDENTIAL" not in public


def test_pack_has_a_brief_for_every_stakeholder(elm, tmp_path):
    paths = write_role_pack(elm, tmp_path)
    names = {p.name for p in paths}
    assert {"index.html", "facilitator.html", "director.html"} <= names
    for s in elm.scenario.stakeholders:
        assert f"role-{s.id}.html" in names
        page = (tmp_path / f"role-{s.id}.html").read_text()
        assert page.index('class="public"') < page.index('class="confidential page"')
        assert "break-before: page" in page and "<script" not in page
    index = (tmp_path / "index.html").read_text()
    assert all(f'href="role-{s.id}.html"' in index for s in elm.scenario.stakeholders)


def test_facilitator_sheet_has_rules_wants_and_questions(elm):
    sheet = text(facilitator_page(elm))
    for st in elm.scenario.stages:
        assert st.name in sheet
    assert "60%" in sheet  # the committee's threshold
    assert "Stage rules" in sheet and "What each role wants" in sheet
    assert "Suggested debrief questions" in sheet and "non-negotiation" in sheet
    for s in elm.scenario.stakeholders:
        assert s.drivers in sheet
    for ev in elm.scenario.events:
        assert ev.title in sheet


def esc(value: str) -> str:
    return escape(value, quote=True)


def test_every_brief_prints_from_one_file_a_new_page_for_each(elm, tmp_path):
    write_role_pack(elm, tmp_path)
    text = (tmp_path / "all-briefs.html").read_text(encoding="utf-8")
    briefs = text.split('<section class="brief">')[1:]
    sc = elm.scenario
    assert len(briefs) == 1 + len(sc.stakeholders)  # the director's, then every role's
    assert esc(sc.player.role) in briefs[0]
    for brief, s in zip(briefs[1:], sc.stakeholders, strict=True):
        assert f"<h1>{esc(s.name)}</h1>" in brief and 'class="confidential' in brief
    assert "section.brief + section.brief { break-before: page;" in text
    assert "What each role wants" not in text  # the facilitator's sheet stays apart
    assert 'href="all-briefs.html"' in (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "all-briefs.html" in json.loads((tmp_path / "faultlines-pack.json").read_text())["files"]


def test_the_directors_resources_read_as_words(elm):
    from faultlines.game.report.rolepack import director_page

    text = director_page(elm)
    assert "role(s)" not in text and "fund(s)" not in text
    assert "2 leadership roles" in text and "1 chance of outside funding" in text

"""Role packs for classroom role-play: one brief per stakeholder (public position on the
first printed page, confidential instructions on a separate page), a brief for the
director, a facilitator sheet and an index - in the style of negotiation-course role
instructions, written from the scenario file."""

from __future__ import annotations

import re
from pathlib import Path

from faultlines.engine.case import Case
from faultlines.engine.domain import RS, VALUE_AXES
from faultlines.engine.errors import OutputRefused, SaveError
from faultlines.engine.logs import read_json, write_json
from faultlines.engine.schema import Stakeholder
from faultlines.game.report import words
from faultlines.game.report.files import write_text
from faultlines.game.report.html import bullets, esc, page, table

EXTRA_CSS = """
.confidential { border-top: 3px double #000; padding-top: .6rem; margin-top: 2rem; }
section.brief + section.brief { border-top: 3px solid #000; margin-top: 2.5rem; }
.stamp { display: inline-block; border: 2px solid #000; padding: .1rem .5rem; font-weight: 700;
  letter-spacing: .08em; }
@media print {
  .confidential { border-top: 0; margin-top: 0; }
  section.brief + section.brief { break-before: page; page-break-before: always;
    border-top: 0; margin-top: 0; }
  html { font-size: 9.5pt; }
  p, li { max-width: none; }
  h2 { margin: .6rem 0 .3rem; }
  h3 { margin: .55rem 0 .2rem; }
  ul, ol { margin: .15rem 0; }
  .box { padding: .3rem .6rem; margin: .5rem 0; }
  table { margin: .3rem 0 .5rem; }
  th, td { padding: .15rem .35rem; }
}
"""


MANIFEST = "faultlines-pack.json"  # lists the pack's pages, so a later run knows them
PACK_FORMAT = "faultlines-role-pack"
PAGE_NAME = re.compile(
    r"^(index|facilitator|director|all-briefs|role-[a-z0-9_]{1,40})\.html$")
ALL_BRIEFS = "all-briefs.html"  # every brief in one file to print, a page break between them


def write_role_pack(case: Case, out: str | Path, *, force: bool = False) -> list[Path]:
    """Write index.html, facilitator.html, director.html, one role-<id>.html per
    stakeholder and all-briefs.html (the director's and every role's brief in one file to
    print) into `out`, with a manifest naming them; return the pages' paths.

    `out` must be new, empty, or an earlier role pack (replaced only with `force`); a
    folder holding anything else is refused (OutputRefused) before anything is written.
    """
    out = Path(out)
    files = {"index.html": index_page(case), "facilitator.html": facilitator_page(case),
             "director.html": director_page(case)}
    for s in case.scenario.stakeholders:
        files[f"role-{s.id}.html"] = role_page(case, s)
    files[ALL_BRIEFS] = all_briefs_page(case)
    earlier = check_pack_folder(out, list(files), force=force)
    _remove_pages(out, earlier - set(files))
    # The manifest goes first, so a pack cut short is still recognised (and --force mends it).
    write_json(out / MANIFEST, {"format": PACK_FORMAT, "version": 1,
                                "scenario": case.scenario.id, "files": list(files)})
    return [write_text(out / name, text) for name, text in files.items()]


def earlier_pack(out: Path) -> set[str] | None:
    """The page names an earlier role pack in `out` listed, or None if `out` holds none.
    Only names a pack could have written are kept, so a doctored manifest cannot make
    --force touch anything else."""
    if not (out / MANIFEST).is_file():
        return None
    try:
        data = read_json(out / MANIFEST, expect=PACK_FORMAT)
    except SaveError:
        return None
    names = data.get("files")
    if not isinstance(names, list):
        return None
    return {n for n in names if isinstance(n, str) and PAGE_NAME.match(n)}


def check_pack_folder(out: Path, names: list[str], *, force: bool) -> set[str]:
    """Refuse an `out` that is a file, a non-empty folder that is not a role pack, or an
    earlier pack without `force`; return the earlier pack's page names (empty if none)."""
    if out.exists() and not out.is_dir():
        raise OutputRefused(f"--out {out} is a file, not a folder; choose a new or empty folder")
    if not out.exists() or not any(out.iterdir()):
        return set()
    earlier = earlier_pack(out)
    if earlier is None:
        raise OutputRefused(f"--out {out} is not empty and holds no role pack; "
                            "choose a new or empty folder")
    if not force:
        raise OutputRefused(f"--out {out} holds an earlier role pack; pass --force to "
                            "replace it, or choose another folder")
    strangers = sorted(n for n in names if n not in earlier
                       and ((out / n).exists() or (out / n).is_symlink()))
    if strangers:
        raise OutputRefused(f"--out {out / strangers[0]} is not part of the earlier role "
                            "pack; move it away or choose another folder")
    return earlier


def _remove_pages(out: Path, names: set[str]) -> None:
    """Remove an earlier pack's pages the new pack does not have (another scenario's roles),
    so the folder holds one pack; only regular files its manifest listed are touched."""
    for name in sorted(names):
        page_path = out / name
        if page_path.is_file() and not page_path.is_symlink():
            page_path.unlink()


# -- a stakeholder's brief -----------------------------------------------------------------
def role_page(case: Case, s: Stakeholder) -> str:
    sc = case.scenario
    return page(f"{s.name}: role brief ({sc.case.name})", role_body(case, s),
                extra_css=EXTRA_CSS)


def role_body(case: Case, s: Stakeholder) -> str:
    return public_section(case, s) + confidential_section(case, s)


def all_briefs_page(case: Case) -> str:
    """Every brief a session hands out, in one file: the director's, then each role's, each
    starting on a new page when printed (the facilitator's sheet stays apart)."""
    sc = case.scenario
    briefs = [director_body(case)] + [role_body(case, s) for s in sc.stakeholders]
    body = "".join(f'<section class="brief">{b}</section>' for b in briefs)
    return page(f"All briefs ({sc.case.name})", body, extra_css=EXTRA_CSS)


def public_section(case: Case, s: Stakeholder) -> str:
    """What everyone at the table may know: who you are and what you say in public."""
    sc = case.scenario
    seats = [st for st in sc.stages if st.kind != "briefing"
             and (st.forum == "all" or s.id in st.forum)]
    vetoes = [st.name for st in sc.stages if s.id in st.veto]
    meet = [f"{st.name}" + (" (your organisation's agreement is required here)"
                            if st.name in vetoes else "") for st in seats]
    controls = (f"<p>Your organisation controls: {esc(', '.join(s.controls))}.</p>"
                if s.controls else "")
    comps = "".join(f"<li><strong>{esc(c.name)}</strong>: {esc(c.summary)}</li>"
                    for c in sc.plan.components)
    return (f'<section class="public" id="public"><p class=meta>{esc(sc.title)} &middot; role '
            f"brief &middot; page 1 of 2: public</p><h1>{esc(s.name)}</h1>"
            f"<p class=lede>{esc(s.role)}, {esc(s.organisation)}: {esc(words.SECTORS[s.sector])}."
            f"</p><p>{esc(words.POSITIONS[s.position])} In partnership meetings you are "
            f"{esc(words.influence_words(s.influence))}.</p>{controls}"
            f'<div class="box"><h3>What you say in public</h3><p class=lede>'
            f"{esc(s.public_stance)}</p></div>"
            f"<h3>The plan on the table</h3><p><strong>{esc(sc.plan.title)}.</strong> "
            f"{esc(sc.plan.summary)}</p><ul>{comps}</ul>"
            f"<h3>Where you will be asked to decide</h3>{bullets(meet) or '<p>-</p>'}"
            "<h3>How to play</h3><ul><li>The partnership director has no power to instruct "
            "you. Give your support only when it makes sense for you and your "
            "organisation.</li><li>Everything on this page is public. Page 2 is for you "
            "alone: share as much or as little of it as you choose.</li></ul></section>")


def confidential_section(case: Case, s: Stakeholder) -> str:
    """Your drivers, values, interests, stakes, history and relationships."""
    i = case.index[s.id]
    values = [words.value_sentence(a, case.values[i, k]) for k, a in enumerate(VALUE_AXES)]
    rs = sorted(((case.interests[i, k], r) for k, r in enumerate(RS)), reverse=True)
    interests = [f"{words.RS_WORDS[r]}: {words.strength_words(w)} concern" for w, r in rs]
    issues = sorted(s.issues.items(), key=lambda kv: -kv[1])[:3]
    stake_rows = [[c.name, words.stake_words(s.stakes.get(c.id, 0.0))]
                  for c in case.scenario.plan.components]
    rel = _relationships(case, s)
    events = _events_for(case, s)
    extra = [words.trust_words(s.trust)]
    ev = words.evidence_words(s.evidence_need)
    if ev:
        extra.append(ev)
    return (f'<section class="confidential page" id="confidential"><p class=meta>'
            f"{esc(case.scenario.title)} &middot; role brief &middot; page 2: confidential</p>"
            f'<p><span class="stamp">CONFIDENTIAL</span> For {esc(s.name)} only. Do not show '
            "this page to other players.</p>"
            f"<h2>What really drives you</h2><p class=lede>{esc(s.drivers)}</p>"
            f"<h3>Your values</h3>{bullets(values)}"
            f"<h3>What you are protecting</h3>{bullets(interests)}"
            + (f"<p>The questions you care most about: "
               f"{esc('; '.join(words.ISSUE_WORDS[k] for k, _ in issues))}.</p>" if issues else "")
            + "<h3>What each part of the plan means for you</h3>"
            + table(["Component", "For you"], stake_rows)
            + f"<h3>You and the director</h3>{bullets(extra)}"
            + (f"<h3>History</h3><p>{esc(s.history)}</p>" if s.history and s.history != "-" else "")
            + (f"<h3>Relationships</h3>{bullets(rel)}" if rel else "")
            + (f"<h3>During the session</h3>{bullets(events)}" if events else "")
            + f"<h3>What might move you</h3>{bullets(_movers(case, s))}"
            + f'<p class="source">Built from the scenario; sources: {esc(s.source)}.</p></section>')


def _relationships(case: Case, s: Stakeholder) -> list[str]:
    out = []
    for r in case.scenario.relationships:
        if s.id not in (r.a, r.b):
            continue
        other = case.name(r.b if r.a == s.id else r.a)
        kind = "an ally" if r.kind == "affinity" else "a long-standing rival"
        out.append(f"{other} is {kind} ({words.strength_words(r.strength)}): {r.note}")
    return out


def _events_for(case: Case, s: Stakeholder) -> list[str]:
    """Scenario episodes this role is part of, as stage directions for the role-player."""
    out = []
    for ev in case.scenario.events:
        stage = case.stage(ev.trigger.stage).name if ev.trigger.stage in case.stages_by_id \
            else ev.trigger.stage
        for eff in ev.effects:
            if s.id not in eff.targets:
                continue
            if eff.kind == "demand":
                want = {"offer_role": "a leadership role", "offer_funds": "transitional funds",
                        "co_write_case": "a jointly written business case",
                        "consult_genuine": "a genuine consultation"}.get(eff.requires or "", "")
                who = f" for {case.name(eff.beneficiary)}" if eff.beneficiary else ""
                out.append(f"At the {stage}: you make your support conditional on {want}{who}.")
            elif eff.kind == "standoff":
                out.append(f"At the {stage}: you will not invest or give anything up until "
                           "the others commit first.")
            elif eff.kind in ("grievance", "trust"):
                note = eff.note.rstrip(".") if eff.note != "-" else ev.text
                maybe = " (if the facilitator introduces it)" if ev.trigger.chance < 1.0 else ""
                out.append(f"At the {stage}, \u201c{ev.title}\u201d{maybe}: "
                           f"{note[:1].lower() + note[1:]}.")
    return out


def _movers(case: Case, s: Stakeholder) -> list[str]:
    i = case.index[s.id]
    out = []
    if case.interests[i, 0] >= 0.3:
        out.append("A real role in leading the new arrangements.")
    if case.interests[i, 3] >= 0.35 and min(s.stakes.values(), default=0) < -0.1:
        out.append("Money that makes up for what you would lose, from somewhere other than "
                   "your budget.")
    if s.evidence_need >= 0.3:
        out.append("Evidence and a business case you can defend to your own board.")
    gap = float(((case.values[i] - case.plan_values) ** 2).sum() ** 0.5)
    if gap >= 0.6:
        out.append("Hearing the plan described in terms of what you value, by someone who "
                   "has taken the time to listen to you first.")
    if any(r.kind == "conflict" and s.id in (r.a, r.b) for r in case.scenario.relationships):
        out.append("A chance to air an old grievance with a rival, with someone neutral in "
                   "the room.")
    return out or ["Being asked early, and seeing your views change the plan."]


# -- the other pages -------------------------------------------------------------------------
def director_page(case: Case) -> str:
    return page(f"Director's brief ({case.scenario.case.name})", director_body(case),
                extra_css=EXTRA_CSS)


def director_body(case: Case) -> str:
    sc = case.scenario
    p = sc.player
    ind = p.inducements
    stages = table(["Stage", "What happens"], [[st.name, st.summary] for st in sc.stages])
    body = (f"<p class=meta>{esc(sc.title)} &middot; brief for the director</p>"
            f"<h1>{esc(p.role)}</h1><p class=lede>{esc(sc.summary)}</p>"
            f'<div class="box"><h3>Your authority</h3><p>{esc(p.authority)}</p></div>'
            f"<h3>Your resources</h3><ul><li>Team capacity: {p.capacity} actions a month.</li>"
            f"<li>Credibility at the start: {p.credibility:.2f} (out of 1).</li>"
            f"<li>Calendar: {p.calendar} months to get the plan signed off.</li>"
            f"<li>To trade: {words.plural(ind.roles, 'leadership role')}, "
            f"{words.plural(ind.funds, 'transitional fund')}, "
            f"{words.plural(ind.external, 'chance')} of outside funding.</li></ul>"
            f"<h3>The plan</h3><p><strong>{esc(sc.plan.title)}.</strong> "
            f"{esc(sc.plan.summary)}</p>"
            + bullets(f"{c.name}: {c.summary}" for c in sc.plan.components)
            + f"<h3>The road to sign-off</h3>{stages}"
            "<h3>Who is at the table</h3>"
            + table(["Name", "Role and organisation", "Says in public"],
                    [[s.name, f"{s.role}, {s.organisation}", s.public_stance]
                     for s in sc.stakeholders])
            + "<p>You do not know what really drives anyone until you listen to them.</p>")
    return body


def facilitator_page(case: Case) -> str:
    sc, r = case.scenario, case.scenario.rules
    stage_rows = []
    for st in sc.stages:
        forum = ("everyone" if st.forum == "all" else
                 ", ".join(case.name(x) for x in st.forum)) if st.kind != "briefing" else "-"
        fail = {"retry": "one more round", "hiatus": "a hiatus",
                "reopen": f"re-opens the {case.stage(st.reopen_to).name}" if st.reopen_to
                else "re-opens an earlier stage"}[st.on_fail] if st.kind != "briefing" else "-"
        stage_rows.append([st.name, str(st.rounds), forum,
                           f"{st.threshold:.0%}" if st.kind != "briefing" else "-",
                           ", ".join(case.name(x) for x in st.veto) or "-", fail])
    wants = []
    for s in sc.stakeholders:
        big = sorted(s.stakes.items(), key=lambda kv: kv[1])
        loss = next((c for c, x in big if x <= -0.15), None)
        gain = next((c for c, x in reversed(big) if x >= 0.15), None)
        comp = {c.id: c.name for c in sc.plan.components}
        stakes = "; ".join(x for x in (f"loses on {comp[loss]}" if loss else "",
                                       f"gains on {comp[gain]}" if gain else "") if x) or "-"
        wants.append([f"<strong>{esc(s.name)}</strong><br><span class=small>{esc(s.role)}, "
                      f"{esc(s.organisation)}; {esc(s.position)}, influence "
                      f"{s.influence:.2f}</span>", esc(s.public_stance), esc(s.drivers),
                      esc(stakes)])
    events = table(["When", "Episode", "What happens"],
                   [[f"{case.stage(e.trigger.stage).name}, round {e.trigger.round}"
                     + (f" (happens in {e.trigger.chance:.0%} of games: roll a die or "
                        "choose)" if e.trigger.chance < 1.0 else ""), e.title, e.text]
                    for e in sc.events])
    rels = table(["Between", "Kind", "Note"],
                 [[f"{case.name(x.a)} and {case.name(x.b)}",
                   "allies" if x.kind == "affinity" else "rivals", x.note]
                  for x in sc.relationships])
    notes = "".join(f"<li><strong>{esc(n.title)}.</strong> {esc(n.text)} "
                    f'<span class="source">({esc(n.source)})</span></li>' for n in sc.debrief)
    body = (f"<p class=meta>{esc(sc.title)} &middot; facilitator sheet (confidential)</p>"
            f"<h1>Facilitator sheet: {esc(sc.case.name)}</h1><p class=lede>{esc(sc.summary)}</p>"
            f"<p>{esc(sc.case.footprint)}; about {sc.case.population:,} people. "
            f"{esc(sc.case.politics)}</p><p class=source>{esc(sc.source)}</p>"
            f"<h2>The plan</h2><p><strong>{esc(sc.plan.title)}.</strong> {esc(sc.plan.summary)}</p>"
            + table(["Component", "Issue", "What it changes"],
                    [[c.name, words.ISSUE_WORDS[c.issue], c.summary] for c in sc.plan.components])
            + "<h2>Stage rules</h2>" + table(
                ["Stage", "Rounds", "Forum", "Support needed", "Can block", "If it fails"],
                stage_rows)
            + f"<p class=small>A forum agrees when members holding at least the stated share of "
            f"its influence support the plan (a stance of +{r.support_at:.2f} or more). Those "
            f"listed under 'can block' stop it on their own if their stance is "
            f"{r.block_at:+.2f} or lower. After {r.max_hiatus + 1} hiatuses the plan stalls; it "
            f"collapses if the director's credibility or the calendar runs out.</p>"
            + '<h2>What each role wants</h2>'
            + table(["Role", "Says in public", "Really wants", "Biggest stakes"], wants,
                    raw=True)
            + f"<h2>Relationships</h2>{rels}<h2>Episodes to introduce</h2>"
            "<p>Read these out (or hand them over as cards) at the stage and round shown.</p>"
            + events
            + '<h2>Suggested debrief questions</h2><ol>' + "".join(
                f"<li>{esc(q)}</li>" for q in GENERAL_QUESTIONS) + "</ol>"
            + (f"<h3>Notes from the case</h3><ul>{notes}</ul>" if notes else "")
            + TYPOLOGY_PRIMER)
    return page(f"Facilitator sheet ({sc.case.name})", body, extra_css=EXTRA_CSS)


GENERAL_QUESTIONS = (
    "Which fault-line did the director work on first: meanings and values, who wins and who "
    "loses, or power and influence? What did that choice make easier or harder later? "
    "(Waring et al. 2023, Findings)",
    "Who was never really in the room? Which decisions were made in private deals, on a "
    "managed agenda or in a consultation after the fact? (Waring, Bishop & Roe, Discussion)",
    "Which role-player changed position, and what changed it: being listened to, a better "
    "frame, compensation, or pressure from allies?",
    "When a broad vision got everyone's agreement, what did it leave unsaid, and when did that "
    "come back? (Waring, Bishop & Roe, Negotiating the Purpose)",
    "Without formal authority, where did the director's standing come from, and what spent "
    "it? (Waring et al. 2023, Findings: power and influence)",
)

TYPOLOGY_PRIMER = """<h3>Classifying the negotiations you saw</h3>
<p>Waring, Bishop &amp; Roe (Discussion) sort negotiations by three dimensions - inclusive or
exclusive, planned or organic, significant or limited impact - into four types:
<strong>stage-managed</strong> (inclusive and scheduled, but the convenor sets the bounds,
so little changes), <strong>exclusive</strong> (a few senior people, backstage, settling what
matters), <strong>false</strong> (presented as deciding what had already been settled
elsewhere: a consultation after the decision, or a Board ratifying a backstage deal) and
<strong>non-negotiation</strong> (an issue kept off the table altogether, or a consultation
never held). A scheduled meeting is never an exclusive negotiation, and one small private
offer is not a negotiation of any type. Ask the class to place each episode of their session
in one of these, or to say why it was an open negotiation that none of them describes
("open negotiation" is the game's own label for that case, not one of the paper's
types).</p>"""


def index_page(case: Case) -> str:
    sc = case.scenario
    rows = [[f'<a href="role-{esc(s.id)}.html">{esc(s.name)}</a>',
             f"{esc(s.role)}, {esc(s.organisation)}", esc(s.public_stance)]
            for s in sc.stakeholders]
    body = (f"<h1>Role pack: {esc(sc.title)}</h1><p class=lede>{esc(sc.summary)}</p>"
            '<ul><li><a href="facilitator.html">Facilitator sheet</a> (confidential: the '
            'rules, what every role wants, episodes and debrief questions)</li>'
            '<li><a href="director.html">Brief for the partnership director</a></li>'
            f'<li><a href="{ALL_BRIEFS}">Every brief in one file</a> (the director\'s and '
            "each role's, each on new pages: one file to print for the session)</li></ul>"
            "<h2>Role briefs</h2><p>Print each brief double-sided: the public position is on "
            "the first page, the confidential instructions on the second.</p>"
            + table(["Role", "Who", "Public position"], rows, raw=True))
    return page(f"Role pack: {sc.title}", body, extra_css=EXTRA_CSS)

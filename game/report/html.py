"""The HTML page shell shared by every report: inline CSS for screen and print, and small
escaping helpers. Pages are self-contained (no external resources) so they open offline
and can be emailed or printed as they are."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

CSS = """
:root { --ink:#111; --muted:#444; --rule:#999; --soft:#f2f2f2; --accent:#0072B2; }
* { box-sizing: border-box; }
html { font-size: 16px; }
body { font-family: "Segoe UI", "Helvetica Neue", Arial, "DejaVu Sans", sans-serif;
  color: var(--ink); background: #fff; line-height: 1.45; margin: 0; }
main { max-width: 62rem; margin: 0 auto; padding: 1.5rem 1.5rem 4rem; }
h1 { font-size: 1.9rem; margin: .2rem 0 .3rem; line-height: 1.2; }
h2 { font-size: 1.45rem; margin: 2.2rem 0 .6rem; padding-bottom: .2rem;
  border-bottom: 2px solid var(--ink); }
h3 { font-size: 1.12rem; margin: 1.3rem 0 .4rem; }
h4 { font-size: 1rem; margin: .8rem 0 .3rem; }
p, li { max-width: 46rem; }
.lede { font-size: 1.08rem; }
.meta { color: var(--muted); font-size: .92rem; margin: 0 0 1rem; }
.box { border: 2px solid var(--ink); padding: .8rem 1rem; margin: 1rem 0; }
.box h2, .box h3 { margin-top: 0; border: 0; }
.warn { border: 2px dashed var(--ink); padding: .5rem .8rem; margin: .8rem 0; }
.card { border: 1px solid var(--rule); padding: .6rem .9rem; margin: .7rem 0;
  break-inside: avoid; page-break-inside: avoid; }
.card h3, .card h4 { margin-top: .1rem; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(17rem, 1fr)); gap: .8rem; }
.small { font-size: .88rem; }
.muted { color: var(--muted); }
.source { color: var(--muted); font-size: .85rem; font-style: italic; }
table { border-collapse: collapse; margin: .6rem 0 1rem; font-size: .92rem; width: 100%; }
th, td { border: 1px solid var(--rule); padding: .3rem .45rem; text-align: left;
  vertical-align: top; }
th { background: var(--soft); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
figure { margin: 1rem 0; break-inside: avoid; page-break-inside: avoid; }
.keep { break-inside: avoid; page-break-inside: avoid; }
figure svg { width: 100%; height: auto; display: block; }
figcaption { font-size: .88rem; color: var(--muted); margin-top: .3rem; }
.badge { display: inline-block; border: 1.5px solid var(--ink); padding: 0 .4rem;
  font-size: .85rem; font-weight: 600; white-space: nowrap; }
.badge.t-open { background: #fff; }
.badge.t-stage_managed { background: #e6e6e6; }
.badge.t-exclusive { background: #fff; border-style: double; border-width: 3px; }
.badge.t-false { background: #d9d9d9; border-style: dashed; }
.badge.t-non_negotiation { background: #fff; border-style: dotted; }
.badge.t-outside { background: #fff; border-width: 1px; color: #444; }
.dims { font-size: .88rem; color: var(--muted); }
dl.ctx { display: grid; grid-template-columns: 9rem 1fr; gap: .1rem .6rem; font-size: .86rem;
  margin: .4rem 0 0; }
dl.ctx dt { font-weight: 600; }
dl.ctx dd { margin: 0; }
ol.chain { padding-left: 0; list-style: none; counter-reset: step; }
ol.chain > li { counter-increment: step; border-left: 3px solid var(--ink); margin: 0 0 .7rem;
  padding: .1rem 0 .1rem .8rem; break-inside: avoid; page-break-inside: avoid; }
ol.chain > li::before { content: counter(step) ". "; font-weight: 700; }
ol.chain > li.k-decision, ol.chain > li.k-outcome { border-left-width: 6px; }
ol.chain > li.k-hiatus, ol.chain > li.k-exposure { border-left-style: double; border-left-width: 6px; }
ol.chain > li.k-scenario, ol.chain > li.k-resurface { border-left-style: dashed; }
.kind { font-size: .8rem; text-transform: uppercase; letter-spacing: .04em; font-weight: 700; }
nav.toc { border: 1px solid var(--rule); padding: .5rem 1rem; margin: 1rem 0; }
nav.toc ol, nav.toc ul { margin: .2rem 0; columns: 2; }
ul.plain { list-style: none; padding-left: 0; }
a { color: var(--accent); }
.page { break-before: page; page-break-before: always; }
.sidebyside { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
.pos { font-weight: 600; }
@media print {
  /* the page size is the printer's (A4 or US Letter); chapters flow on without forced
     breaks, so no page is left half empty; figures, cards and table rows stay whole */
  @page { margin: 10mm 11mm 12mm; }
  html { font-size: 8pt; }
  body { line-height: 1.3; }
  main { max-width: none; padding: 0; }
  ul, ol { padding-left: 1.3rem; }
  nav.toc, .screen-only { display: none; }
  h2 { margin-top: 1.2rem; break-after: avoid; page-break-after: avoid; }
  h3, h4 { margin-top: .8rem; break-after: avoid; page-break-after: avoid; }
  p, li { max-width: none; }
  a { color: var(--ink); text-decoration: none; }
  .box, .card { border-color: #000; }
  figure { max-width: 100%; margin: .6rem 0; }
  table, ul, ol { margin-top: .3rem; margin-bottom: .6rem; }
  table { font-size: .8rem; }
  .dense table { font-size: .72rem; }
  .dense th, .dense td { padding: .05rem .3rem; }
  th, td { padding: .15rem .35rem; }
  ol.chain, .cards2 { columns: 2; column-gap: 1.2rem; }
  .cards2 > .card { margin: 0 0 .4rem; }
  /* an episode's context as one run-on paragraph: the same words in a third of the room */
  dl.ctx { display: block; }
  dl.ctx dt, dl.ctx dd { display: inline; }
  dl.ctx dt::after { content: ": "; }
  dl.ctx dd::after { content: ". "; }
  ol.chain > li { margin-bottom: .4rem; }
  .card { padding: .35rem .6rem; margin: .4rem 0; }
  .grid { gap: .4rem; }
  .print-break { break-before: page; page-break-before: always; }
}
"""


def esc(value: object) -> str:
    return escape(str(value), quote=True)


def page(title: str, body: str, *, lang: str = "en-GB", extra_css: str = "") -> str:
    """A complete HTML document around `body`."""
    return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{esc(title)}</title>\n<style>{CSS}{extra_css}</style>\n</head>\n"
            f"<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n")


def table(headers: Iterable[str], rows: Iterable[Iterable[object]], *,
          numeric: Iterable[int] = (), raw: bool = False, caption: str = "") -> str:
    """A table; cells are escaped unless `raw`; columns in `numeric` are right-aligned."""
    num = set(numeric)
    head = "".join(f'<th scope="col"{" class=num" if i in num else ""}>{esc(h)}</th>'
                   for i, h in enumerate(headers))
    body = []
    for row in rows:
        cells = "".join(f'<td{" class=num" if i in num else ""}>{c if raw else esc(c)}</td>'
                        for i, c in enumerate(row))
        body.append(f"<tr>{cells}</tr>")
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    return f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def figure(svg: str, caption: str) -> str:
    return f"<figure>{svg}<figcaption>{esc(caption)}</figcaption></figure>"


def bullets(items: Iterable[str], *, raw: bool = False) -> str:
    lis = "".join(f"<li>{i if raw else esc(i)}</li>" for i in items)
    return f"<ul>{lis}</ul>" if lis else ""


def signed(x: float) -> str:
    return f"{x:+.2f}".replace("-", "\u2212")

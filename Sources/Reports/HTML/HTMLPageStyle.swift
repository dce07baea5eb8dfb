/// The page's inline style sheet: system fonts, a readable measure, right-aligned tabular numbers,
/// zebra rows, sticky table headers in a scroll box (large tables are laid out only when scrolled
/// near, `content-visibility: auto`), accessible chart styling and print rules
/// (no controls, whole rows and figures, chart data tables shown, headers repeated per page).
enum HTMLPageStyle {
    static let css = """
:root { color-scheme: light; --ink: #1b1f24; --muted: #57606a; --rule: #d0d7de; --head: #eef1f4; --zebra: #f6f8fa; --accent: #0b5cad; }
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0 auto; max-width: 76rem; padding: 1.5rem 1.25rem 4rem; background: #fff; color: var(--ink);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", "DejaVu Sans", Arial, sans-serif; }
h1 { font-size: 1.8rem; line-height: 1.2; margin: 0 0 .25rem; }
h2 { font-size: 1.35rem; line-height: 1.25; margin: 2.5rem 0 .75rem; padding-bottom: .3rem; border-bottom: 2px solid var(--rule); }
h3 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
p, ul, ol { max-width: 48rem; }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, select:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.page-header { border-bottom: 3px solid var(--ink); padding-bottom: .75rem; }
.generated { color: var(--muted); margin: 0; }
.toc h2 { font-size: 1rem; border: 0; margin: 1.25rem 0 .25rem; padding: 0; }
.toc ol { columns: 2 16rem; column-gap: 2rem; margin: 0; padding-left: 1.5rem; max-width: none; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.ctr { text-align: center; }
table { border-collapse: separate; border-spacing: 0; width: 100%; font-size: .875rem; }
caption { caption-side: top; text-align: left; font-weight: 600; padding: .4rem .6rem; }
th, td { padding: .35rem .6rem; text-align: left; vertical-align: top; border-bottom: 1px solid var(--rule); }
th.num, td.num { text-align: right; }
th.ctr, td.ctr { text-align: center; }
thead th { position: sticky; top: 0; z-index: 1; background: var(--head); border-bottom: 2px solid #8c959f; font-weight: 600; white-space: nowrap; }
tbody tr:nth-child(even) { background: var(--zebra); }
table.enhanced tbody tr:nth-child(even) { background: none; }
table.enhanced tbody tr.alt { background: var(--zebra); }
tbody tr:hover { background: #e7eef7; }
tfoot td { font-weight: 600; border-top: 2px solid #8c959f; border-bottom: 0; background: #fff; }
.table-scroll { max-height: 75vh; overflow: auto; border: 1px solid var(--rule); border-radius: 4px; }
.table-scroll.deferred { content-visibility: auto; contain-intrinsic-size: auto 75vh; }
.table-controls { display: flex; flex-wrap: wrap; align-items: center; gap: .4rem .75rem; margin: .5rem 0; font-size: .875rem; }
.table-controls[hidden] { display: none; }
.table-controls label { color: var(--muted); }
.table-controls select { font: inherit; max-width: 16rem; padding: .15rem .25rem; margin-right: .5rem; }
.table-count { color: var(--muted); font-size: .8rem; margin: .3rem 0 0; }
.sort-button { font: inherit; font-weight: inherit; color: inherit; background: none; border: 0; padding: 0; margin: 0; cursor: pointer; text-align: inherit; white-space: nowrap; }
.sort-button::after { content: "\\2195"; content: "\\2195" / ""; display: inline-block; margin-left: .3em; color: #8c959f; font-size: .85em; }
th[aria-sort="ascending"] .sort-button::after { content: "\\25B2"; content: "\\25B2" / ""; color: var(--ink); }
th[aria-sort="descending"] .sort-button::after { content: "\\25BC"; content: "\\25BC" / ""; color: var(--ink); }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
figure.chart { margin: 1.5rem 0 2rem; max-width: 720px; }
figcaption { margin-bottom: .4rem; }
.chart-title { display: block; font-weight: 600; }
.chart-desc { display: block; color: var(--muted); font-size: .875rem; }
.chart-svg { display: block; width: 100%; height: auto; font-family: inherit; overflow: visible; }
.chart-svg text { fill: var(--ink); }
.chart-svg .tick { fill: var(--muted); font-size: 11px; }
.chart-svg .axis-title { font-weight: 600; }
.chart-svg .value { font-variant-numeric: tabular-nums; }
.chart-svg .grid { stroke: #d9d9d9; stroke-width: 1; }
.chart-svg .zero, .chart-svg .axis { stroke: var(--ink); stroke-width: 1; }
.chart-svg .connector { stroke: #6e7781; stroke-width: 1; stroke-dasharray: 3 2; }
.chart-svg .bar rect { stroke: #fff; stroke-width: .5; }
.chart-svg .chart-empty { fill: var(--muted); font-size: 16px; }
@media print {
  @page { margin: 14mm 12mm; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
  .table-controls, select, button:not(.sort-button) { display: none !important; }
  .sort-button::after { content: none; }
  .table-scroll, .table-scroll.deferred { max-height: none; overflow: visible; border: 0; content-visibility: visible; }
  thead { display: table-header-group; }
  thead th { position: static; }
  tfoot { display: table-footer-group; }
  tr, figure, .chart-svg { break-inside: avoid; page-break-inside: avoid; }
  h2, h3, caption { break-after: avoid; page-break-after: avoid; }
  tbody tr:hover { background: none; }
  .chart-data.visually-hidden { position: static !important; width: auto; height: auto; margin: .5rem 0 0; overflow: visible; clip: auto; clip-path: none; white-space: normal; }
}
"""
}

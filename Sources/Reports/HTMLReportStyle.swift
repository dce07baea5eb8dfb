/// The report's style rules on top of `HTMLPageStyle`: key-figure cards, chart grid, second lines
/// in cells, badges (always with their word, never colour alone), the policy text, and print rules.
enum HTMLReportStyle {
    static let css = """
td, th { unicode-bidi: isolate; }
.lead { font-size: 1rem; }
h3 bdi { font-weight: inherit; }
.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr)); gap: .75rem; margin: .5rem 0 1.5rem; max-width: none; }
.figure { border: 1px solid var(--rule); border-left: 4px solid var(--accent); border-radius: 4px; padding: .5rem .75rem; break-inside: avoid; }
.figure dt { color: var(--muted); font-size: .8rem; text-transform: uppercase; letter-spacing: .03em; }
.figure dd { margin: 0; }
.figure-value { display: block; font-size: 1.3rem; font-weight: 650; font-variant-numeric: tabular-nums; white-space: nowrap; }
.figure-note { display: block; color: var(--muted); font-size: .8rem; }
.figure-note.change-up::before { content: "\\25B2 "; }
.figure-note.change-down::before { content: "\\25BC "; }
.dq-link { font-weight: 600; }
.chart-grid { display: block; }
.chart-grid figure.chart { margin: 1rem 0 2rem; }
.sub { display: block; color: var(--muted); font-size: .78rem; }
.sub-inline { color: var(--muted); font-size: .8rem; }
.formula { display: block; font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: .76rem; margin-top: .15rem; overflow-wrap: anywhere; }
body { max-width: 88rem; }
#recommendations-table table { font-size: .78rem; }
#recommendations-table th, #recommendations-table td { padding: .3rem .35rem; }
#recommendations-table thead th, #recommendations-table .sort-button { white-space: normal; }
#recommendations-table td:last-child { min-width: 15rem; }
#recommendations-table td:nth-child(6) { min-width: 8rem; }
#recommendations-table td:nth-child(2) { overflow-wrap: anywhere; min-width: 7rem; }
#recommendations-table .level { font-size: .72rem; }
td.num .sub { white-space: normal; min-width: 6rem; }
.badge, .level { display: inline-block; padding: 0 .4em; border-radius: 3px; font-size: .78rem; font-weight: 600; border: 1px solid currentColor; white-space: nowrap; }
.level-low { color: #1a6b3c; }
.level-medium { color: #8a5a00; }
.level-high { color: #a8322d; }
.confidence-high { color: #1a6b3c; }
.confidence-medium { color: #8a5a00; }
.confidence-low { color: #a8322d; }
.status-new { color: #0b5cad; }
.status-persisting { color: #8a5a00; }
.status-resolved { color: #1a6b3c; }
.severity-error { color: #a8322d; }
.severity-warning { color: #8a5a00; }
.severity-info { color: var(--muted); }
.approval { color: #a8322d; font-weight: 500; }
.warning-note { border-left: 4px solid #8a5a00; padding: .25rem .75rem; background: #fff8e6; }
.team-index ul { columns: 3 12rem; column-gap: 2rem; padding-left: 1.25rem; max-width: none; }
section.team { border-top: 1px solid var(--rule); margin-top: 1.5rem; }
ul.services { columns: 2 18rem; column-gap: 2rem; font-size: .875rem; max-width: none; }
ul.method li { margin-bottom: .35rem; }
pre.policy { background: var(--zebra); border: 1px solid var(--rule); border-radius: 4px; padding: .75rem; font-size: .8rem; overflow: auto; max-height: 40rem; white-space: pre-wrap; overflow-wrap: anywhere; }
@media print {
  .chart-grid { display: block; }
  pre.policy { max-height: none; overflow: visible; }
  section.team { break-before: page; }
  .figure { border-left-width: 2px; }
}
"""
}

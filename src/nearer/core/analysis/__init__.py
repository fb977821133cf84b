"""Message-history analysis: what a couple's chat shows about closeness over time.

    report.run(table, Settings(...)) -> Report    # .data is the JSON contract
    html.render_html(report.data) -> str          # the self-contained HTML page

Pieces: ``features`` (per-message counts, vectorised), ``metrics`` (weekly and whole-history
metrics, style matching), ``signals`` (large and solid changes, patterns), ``emotion``
(optional model sample), ``synthetic`` (made-up couples for tests and benchmarks).
Only aggregates leave this package; message text never does.
"""

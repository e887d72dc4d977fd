"""Store: the SQLite file that keeps articles, results and review decisions across runs.

`sqlite` opens, migrates and writes it (numbered migrations in `migrations/`); `rows` turns
rows into models and back; `decisions` reads review decisions by index (the current one per
discrepancy, an audit trail, those since a visit) and keeps the review server's signing key;
`baseline` reads and writes the reviewed-discrepancy files that CI compares a run against.
The store never runs the pipeline: `discrepancy.batches` does.
"""

"""Store: the SQLite file that keeps articles, results and review decisions across runs.

`sqlite` opens, migrates and writes it (numbered migrations in `migrations/`); `rows` turns
rows into models and back; `baseline` reads and writes the reviewed-discrepancy files that CI
compares a run against. The store never runs the pipeline: `discrepancy.batches` does.
"""

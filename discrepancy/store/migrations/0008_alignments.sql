-- Each incident's aligned facts (store/alignments.py), under a digest of what they are made
-- of (which claims of which articles' extractions, their order and dates) and the aligning
-- code's version: a batch aligns again only the incidents whose claims changed. A cache: a
-- missing row is aligned again; rows the latest run did not use are dropped.
CREATE TABLE alignments (
    key TEXT PRIMARY KEY,
    facts TEXT NOT NULL
);

-- The alignment key each incident's facts were saved under: a run whose incident has the same
-- key writes none of its facts and claims again (store/staging.py).
ALTER TABLE incidents ADD COLUMN alignment TEXT;

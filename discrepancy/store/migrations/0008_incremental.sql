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

-- Each article's grouping signature (its extraction and the names and areas the batch's
-- boilerplate rule leaves it) and the evidence of its pairs with the articles after it, as a
-- JSON object (store/pairs.py): a batch scores only the pairs of articles whose signature
-- changed. A cache written in one transaction after the run.
CREATE TABLE pair_evidence (
    article TEXT PRIMARY KEY,
    signature TEXT NOT NULL,
    partners TEXT NOT NULL
);

-- Articles whose extraction failed, with the extractors' version and the article's digest it
-- failed with (store/extractions.py): a later batch lists such an article under skipped with
-- the reason and does not extract it again until the extractors or the article change. A
-- successful extraction of the article deletes its row.
CREATE TABLE extraction_failures (
    article TEXT PRIMARY KEY REFERENCES articles (id),
    digest TEXT NOT NULL,
    version TEXT NOT NULL,
    reason TEXT NOT NULL
);

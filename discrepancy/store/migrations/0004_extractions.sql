-- Each stored article's extraction: its claims after scoping and its grouping profile, as
-- JSON (store/extractions.py), so that a batch extracts only its new or changed articles.
-- A row is used while its digest (of the article as read) and its version (of the extractors)
-- match; otherwise the article is extracted again and the row replaced, which is how a new
-- extractor version re-extracts lazily, article by article, with no migration.
CREATE TABLE extractions (
    article TEXT PRIMARY KEY REFERENCES articles (id),
    digest TEXT NOT NULL,
    version TEXT NOT NULL,
    claims TEXT NOT NULL,
    profile TEXT NOT NULL
);

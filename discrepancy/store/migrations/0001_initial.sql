-- Schema 1 of the discrepancy store. Applied once, inside one transaction, by store.py;
-- PRAGMA user_version records that it ran. Never edit a released migration: add 0002_*.sql.

-- One row per `check --db` run, the audit trail of what each batch brought.
CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,                -- UTC, ISO 8601
    tool TEXT NOT NULL,              -- "discrepancy 0.1.0"
    inputs TEXT NOT NULL,            -- JSON list of the inputs as given
    added INTEGER NOT NULL,          -- articles new to the store
    replaced INTEGER NOT NULL,       -- stored articles whose text changed (new version)
    unchanged INTEGER NOT NULL,      -- articles already stored with the same text
    skipped TEXT NOT NULL            -- JSON list of {"path", "line", "reason"}
);

-- Every article ever checked, with its full text, so later batches are aligned against it.
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL UNIQUE,     -- first-seen order; keeps reports in input order
    sha256 TEXT NOT NULL,            -- of the text: the same text is not counted twice
    text TEXT NOT NULL,
    source TEXT,
    title TEXT,
    published TEXT,                  -- YYYY-MM-DD
    path TEXT,
    url TEXT,
    dateline TEXT,
    body_start INTEGER NOT NULL DEFAULT 0,
    line INTEGER,
    warnings TEXT NOT NULL DEFAULT '[]',
    first_run INTEGER NOT NULL REFERENCES runs (id),
    updated_run INTEGER NOT NULL REFERENCES runs (id)
);
CREATE INDEX articles_sha256 ON articles (sha256);

-- The incidents, facts and claims of the latest run over all stored articles.
CREATE TABLE incidents (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    label TEXT NOT NULL,
    date TEXT,
    location TEXT,
    articles TEXT NOT NULL,          -- JSON list of article ids
    mentioned_in TEXT NOT NULL,      -- JSON list of article ids
    background_of TEXT
);

CREATE TABLE facts (
    incident TEXT NOT NULL REFERENCES incidents (id),
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    subject TEXT,
    status TEXT NOT NULL,
    rule TEXT,
    revision INTEGER NOT NULL,
    PRIMARY KEY (incident, position)
);

CREATE TABLE claims (
    incident TEXT NOT NULL,
    fact INTEGER NOT NULL,
    position INTEGER NOT NULL,
    article TEXT NOT NULL REFERENCES articles (id),
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    sentence TEXT NOT NULL,
    subject TEXT,
    low REAL,
    high REAL,
    normalized TEXT,
    attribution TEXT,
    scope TEXT NOT NULL,
    event_date TEXT,
    event_place TEXT,
    PRIMARY KEY (incident, fact, position),
    FOREIGN KEY (incident, fact) REFERENCES facts (incident, position)
);
CREATE INDEX claims_article ON claims (article);

-- Every discrepancy ever found, by fingerprint; rows are kept when a discrepancy goes away
-- so that decisions about it keep their context.
CREATE TABLE discrepancies (
    fingerprint TEXT PRIMARY KEY,
    incident TEXT NOT NULL,
    kind TEXT NOT NULL,
    subject TEXT,
    status TEXT NOT NULL,
    "values" TEXT NOT NULL,          -- JSON list
    articles TEXT NOT NULL,          -- JSON list
    position INTEGER,                -- order in the latest run; NULL once resolved
    first_run INTEGER NOT NULL REFERENCES runs (id),
    resolved_run INTEGER REFERENCES runs (id)
);

-- Review decisions, append-only: the current decision is the latest row per fingerprint.
CREATE TABLE decisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    fingerprint TEXT NOT NULL,
    decision TEXT NOT NULL
        CHECK (decision IN ('confirmed conflict', 'false alarm', 'accepted', 'needs follow-up')),
    reviewer TEXT,
    note TEXT,
    at TEXT NOT NULL
);
CREATE INDEX decisions_fingerprint ON decisions (fingerprint, id);

CREATE TRIGGER decisions_no_update BEFORE UPDATE ON decisions
BEGIN
    SELECT RAISE(ABORT, 'decisions are append-only: record a new decision instead');
END;

CREATE TRIGGER decisions_no_delete BEFORE DELETE ON decisions
BEGIN
    SELECT RAISE(ABORT, 'decisions are append-only: record a new decision instead');
END;

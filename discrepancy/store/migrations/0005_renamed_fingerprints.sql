-- Incident ids come from an incident's articles (its earliest one), so that one run of all
-- articles and batches of them name incidents alike. An article published earlier that joins
-- in a later batch renames its incident, and so the fingerprints of the discrepancies in it.
-- A discrepancy found again with the same values under the new id is the same discrepancy:
-- this maps its old fingerprint to the new one, and decisions recorded under the old one are
-- read as the new one's (decisions themselves stay as recorded). `new` is always a fingerprint
-- of the discrepancies table: a chain A -> B -> C is kept as A -> C and B -> C.
CREATE TABLE renamed (
    old TEXT PRIMARY KEY,
    new TEXT NOT NULL,
    run INTEGER NOT NULL REFERENCES runs (id)
);
CREATE INDEX renamed_new ON renamed (new);

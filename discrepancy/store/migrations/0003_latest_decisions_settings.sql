-- The current decision of each discrepancy, kept as decisions are appended, so that a review
-- page reads one row per discrepancy, not every decision ever made (50k decisions cost the
-- same as none).
CREATE TABLE latest_decisions (
    fingerprint TEXT PRIMARY KEY,
    decision_id INTEGER NOT NULL REFERENCES decisions (id)
);
INSERT INTO latest_decisions (fingerprint, decision_id)
    SELECT fingerprint, MAX(id) FROM decisions GROUP BY fingerprint;
CREATE TRIGGER decisions_latest AFTER INSERT ON decisions
BEGIN
    INSERT INTO latest_decisions (fingerprint, decision_id) VALUES (NEW.fingerprint, NEW.id)
        ON CONFLICT (fingerprint) DO UPDATE SET decision_id = excluded.decision_id;
END;

-- Values the store keeps for the programs that use it: the review server's signing key, so
-- that a form opened before `serve` restarted is still accepted after it.
CREATE TABLE settings (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

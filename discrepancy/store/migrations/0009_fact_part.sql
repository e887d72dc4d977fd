-- A person whose given and family names are each written several ways has a variant fact for
-- each part (align/facts.py): the part ("given name", "family name", "kunya") is part of the
-- fact, and of its fingerprint. NULL for every other fact.
ALTER TABLE facts ADD COLUMN part TEXT;

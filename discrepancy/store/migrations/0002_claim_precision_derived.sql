-- Date claims say how exact they are; wounded figures inferred from people shot say so.
ALTER TABLE claims ADD COLUMN precision TEXT;
ALTER TABLE claims ADD COLUMN derived INTEGER NOT NULL DEFAULT 0;

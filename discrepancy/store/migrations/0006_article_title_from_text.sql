-- Whether an article's title is its text's own headline line rather than a field the input
-- gave: a text given without a headline is read whole for grouping (link/profile.py).
ALTER TABLE articles ADD COLUMN title_from_text INTEGER NOT NULL DEFAULT 0;

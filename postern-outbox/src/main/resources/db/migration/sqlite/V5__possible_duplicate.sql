-- As db/migration/postgresql/V5__possible_duplicate.sql: 1 for an attempt made by a round that had
-- lost its claim and that may have handed the message over a second time.
ALTER TABLE attempts ADD COLUMN possible_duplicate INTEGER NOT NULL DEFAULT 0;

-- An attempt made by a round that had lost its claim (the message was released and claimed again
-- while the round ran: its instance was paused, partitioned or thought dead) is still recorded,
-- because it happened; 1 here when it may have handed the message over a second time
-- (docs/scaling.md, "Fencing"). Adding a column with a constant default rewrites no rows.
ALTER TABLE attempts ADD COLUMN possible_duplicate INTEGER NOT NULL DEFAULT 0;

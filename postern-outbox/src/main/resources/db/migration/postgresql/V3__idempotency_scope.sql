-- Who handed each message over (an API key, an SMTP user, a drill: dev.postern.outbox.Submitter),
-- so that idempotency keys and reads are scoped to it. Rows stored before carry '' ("unscoped"):
-- they keep matching unscoped callers and never match a named submitter. Adding a column with a
-- constant default rewrites no rows.
ALTER TABLE messages ADD COLUMN submitter TEXT NOT NULL DEFAULT '';

ALTER TABLE idempotency_keys ADD COLUMN submitter TEXT NOT NULL DEFAULT '';

ALTER TABLE idempotency_keys DROP CONSTRAINT idempotency_keys_pkey;

ALTER TABLE idempotency_keys ADD PRIMARY KEY (submitter, key);

-- Who handed each message over (an API key, an SMTP user, a drill: dev.postern.outbox.Submitter),
-- so that idempotency keys and reads are scoped to it. Rows stored before carry '' ("unscoped"):
-- they keep matching unscoped callers and never match a named submitter.
ALTER TABLE messages ADD COLUMN submitter TEXT NOT NULL DEFAULT '';

-- SQLite cannot change a primary key in place: the keys move to a table keyed by (submitter, key).
CREATE TABLE idempotency_keys_scoped (
    submitter  TEXT    NOT NULL,
    key        TEXT    NOT NULL,
    message_id TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (submitter, key)
) WITHOUT ROWID;

INSERT INTO idempotency_keys_scoped (submitter, key, message_id, created_at)
    SELECT '', key, message_id, created_at FROM idempotency_keys;

DROP TABLE idempotency_keys;

ALTER TABLE idempotency_keys_scoped RENAME TO idempotency_keys;

CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

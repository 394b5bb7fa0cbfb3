-- Times are epoch milliseconds (UTC). due_at is when a message next needs attention: when it may be
-- sent (queued, deferred) or when its lease expires (sending).
CREATE TABLE messages (
    id                  TEXT    NOT NULL PRIMARY KEY,
    status              TEXT    NOT NULL CHECK (status IN ('queued', 'sending', 'delivered', 'deferred', 'failed')),
    created_at          INTEGER NOT NULL,
    due_at              INTEGER NOT NULL,
    lease_owner         TEXT,
    rounds              INTEGER NOT NULL DEFAULT 0,
    provider            TEXT,
    provider_message_id TEXT,
    delivered_at        INTEGER,
    detail              TEXT    NOT NULL DEFAULT '',
    email               BLOB,
    raw_mime            BLOB,
    envelope            TEXT
);

-- Claiming reads only pending rows in due order. A partial index holds just those rows, so it stays
-- as small as the backlog while delivered messages pile up into the millions.
CREATE INDEX messages_pending_due ON messages (due_at) WHERE status IN ('queued', 'sending', 'deferred');

-- Purge finds delivered messages that still hold a payload, oldest first.
CREATE INDEX messages_purgeable ON messages (delivered_at) WHERE status = 'delivered' AND email IS NOT NULL;

CREATE TABLE attempts (
    message_id TEXT    NOT NULL REFERENCES messages (id),
    seq        INTEGER NOT NULL,
    provider   TEXT    NOT NULL,
    started_at INTEGER NOT NULL,
    latency_ms INTEGER NOT NULL,
    outcome    TEXT    NOT NULL,
    detail     TEXT    NOT NULL,
    degraded   TEXT    NOT NULL DEFAULT '',
    ambiguous  INTEGER NOT NULL,
    PRIMARY KEY (message_id, seq)
) WITHOUT ROWID;

CREATE TABLE idempotency_keys (
    key        TEXT    NOT NULL PRIMARY KEY,
    message_id TEXT    NOT NULL,
    created_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

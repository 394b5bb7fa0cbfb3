-- The same tables as db/migration/sqlite/V1__outbox.sql, so the statements both stores share
-- (SqliteSql's find, settle, purge) run unchanged: times are epoch milliseconds (UTC) in BIGINT,
-- flags are INTEGER 0/1. Only the types that differ are spelled differently (BYTEA for BLOB).
CREATE TABLE messages (
    id                  TEXT    NOT NULL PRIMARY KEY,
    status              TEXT    NOT NULL CHECK (status IN ('queued', 'sending', 'delivered', 'deferred', 'failed')),
    created_at          BIGINT  NOT NULL,
    due_at              BIGINT  NOT NULL,
    lease_owner         TEXT,
    rounds              INTEGER NOT NULL DEFAULT 0,
    provider            TEXT,
    provider_message_id TEXT,
    delivered_at        BIGINT,
    detail              TEXT    NOT NULL DEFAULT '',
    email               BYTEA,
    raw_mime            BYTEA,
    envelope            TEXT
);

-- Claiming reads only pending rows in due order; the partial index stays as small as the backlog.
CREATE INDEX messages_pending_due ON messages (due_at) WHERE status IN ('queued', 'sending', 'deferred');

CREATE INDEX messages_purgeable ON messages (delivered_at) WHERE status = 'delivered' AND email IS NOT NULL;

CREATE TABLE attempts (
    message_id TEXT    NOT NULL REFERENCES messages (id),
    seq        INTEGER NOT NULL,
    provider   TEXT    NOT NULL,
    started_at BIGINT  NOT NULL,
    latency_ms BIGINT  NOT NULL,
    outcome    TEXT    NOT NULL,
    detail     TEXT    NOT NULL,
    degraded   TEXT    NOT NULL DEFAULT '',
    ambiguous  INTEGER NOT NULL,
    PRIMARY KEY (message_id, seq)
);

CREATE TABLE idempotency_keys (
    key        TEXT   NOT NULL PRIMARY KEY,
    message_id TEXT   NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

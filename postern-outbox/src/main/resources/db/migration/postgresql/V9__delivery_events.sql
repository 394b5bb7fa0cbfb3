-- Delivery events from providers' webhooks (docs/events.md). Times are epoch milliseconds.
-- seq orders events as they were recorded; id is Postern's own id for the event (the outbound
-- webhook's X-Postern-Event-Id); (provider, provider_event_id) is unique so that a provider's replay
-- of an event is ignored. message_id is NULL for an event no stored message matched.
CREATE TABLE delivery_events (
    seq               BIGSERIAL NOT NULL PRIMARY KEY,
    id                TEXT    NOT NULL UNIQUE,
    provider          TEXT    NOT NULL,
    provider_event_id TEXT    NOT NULL,
    message_id        TEXT,
    recipient         TEXT    NOT NULL,
    type              TEXT    NOT NULL,
    bounce            TEXT,
    detail            TEXT    NOT NULL DEFAULT '',
    occurred_at       BIGINT  NOT NULL,
    received_at       BIGINT  NOT NULL,
    UNIQUE (provider, provider_event_id)
);

CREATE INDEX delivery_events_message ON delivery_events (message_id, seq);
CREATE INDEX delivery_events_type ON delivery_events (type, seq);

-- Which message a provider's message id belongs to, filled when a round settles, so that an event
-- that carries only the provider's id is matched by one indexed lookup instead of a scan.
CREATE TABLE provider_messages (
    provider            TEXT NOT NULL,
    provider_message_id TEXT NOT NULL,
    message_id          TEXT NOT NULL,
    PRIMARY KEY (provider, provider_message_id)
);

CREATE INDEX provider_messages_message ON provider_messages (message_id);

-- The outbound webhook's durable queue: one row per event to deliver, written in the same
-- transaction as the event. due_at is when it is next tried or, while claimed, when the lease ends.
CREATE TABLE event_deliveries (
    event_id    TEXT    NOT NULL PRIMARY KEY,
    status      TEXT    NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    created_at  BIGINT  NOT NULL,
    due_at      BIGINT  NOT NULL,
    lease_owner TEXT,
    attempts    INTEGER NOT NULL DEFAULT 0,
    detail      TEXT    NOT NULL DEFAULT ''
);

CREATE INDEX event_deliveries_due ON event_deliveries (due_at) WHERE status = 'pending';

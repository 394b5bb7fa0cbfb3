-- What several gateways on one database share (docs/scaling.md). Times are epoch milliseconds.

-- Each gateway instance upserts its row every few seconds; an instance is live while its
-- heartbeat is recent. GET /v1/cluster lists these rows.
CREATE TABLE instances (
    id           TEXT   NOT NULL PRIMARY KEY,
    host         TEXT   NOT NULL,
    started_at   BIGINT NOT NULL,
    heartbeat_at BIGINT NOT NULL,
    version      TEXT   NOT NULL
);

-- Operator state every instance applies: a drained provider. An instance polls this table, so a
-- drain made on one instance holds on all within one poll interval.
CREATE TABLE drains (
    provider   TEXT   NOT NULL PRIMARY KEY,
    drained_at BIGINT NOT NULL,
    drained_by TEXT   NOT NULL
);

-- Shared rate budgets: one row per (provider, window). A send takes one token with a single
-- atomic UPDATE, so the limit holds across all instances together.
CREATE TABLE rate_budgets (
    provider     TEXT   NOT NULL,
    window_ms    BIGINT NOT NULL,
    window_start BIGINT NOT NULL,
    used         BIGINT NOT NULL,
    PRIMARY KEY (provider, window_ms)
);

-- Cluster-wide drills and each instance's view of the providers (docs/drills.md, docs/scaling.md).
-- Times are epoch milliseconds, as everywhere in this schema.

-- The one drill of the cluster: at most one row (slot is always 'drill'). Every instance reads it
-- each second and holds the provider out of its rotation while the row exists and until_at is
-- ahead; the instance that started the drill deletes the row when it restores the provider. A row
-- whose until_at has passed (its instance died mid-drill) is taken over by the next drill.
CREATE TABLE cluster_drill (
    slot        TEXT   NOT NULL PRIMARY KEY CHECK (slot = 'drill'),
    id          TEXT   NOT NULL,
    provider    TEXT   NOT NULL,
    instance_id TEXT   NOT NULL,
    started_at  BIGINT NOT NULL,
    until_at    BIGINT NOT NULL
);

-- One row per scheduled drill time (the cron time, before jitter): the instance whose INSERT ...
-- ON CONFLICT DO NOTHING adds it runs that drill, the others do not. Rows older than 90 days go.
CREATE TABLE drill_slots (
    slot_at     BIGINT NOT NULL PRIMARY KEY,
    instance_id TEXT   NOT NULL
);

-- Each instance's judgement of each provider, written when it changes and every 10 s: the cluster
-- view (GET /v1/providers?cluster=true) shows the rows of the live instances side by side.
CREATE TABLE provider_views (
    instance_id TEXT   NOT NULL,
    provider    TEXT   NOT NULL,
    state       TEXT   NOT NULL,
    breaker     TEXT   NOT NULL,
    at          BIGINT NOT NULL,
    PRIMARY KEY (instance_id, provider)
);

-- A drill's report counts the attempts of every instance by the moment they ended.
CREATE INDEX attempts_ended ON attempts ((started_at + latency_ms));

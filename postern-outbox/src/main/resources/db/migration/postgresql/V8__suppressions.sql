-- One suppression list for every provider: an address here is never sent to, whichever provider
-- carries the message. address is stored in lower case; reason is hard_bounce, complaint or manual
-- (imported entries keep the reason their provider gave); provider is the one that reported it,
-- NULL for an entry an operator added.
CREATE TABLE suppressions (
    address    TEXT    NOT NULL PRIMARY KEY,
    reason     TEXT    NOT NULL,
    provider   TEXT,
    detail     TEXT    NOT NULL DEFAULT '',
    created_at BIGINT  NOT NULL
);

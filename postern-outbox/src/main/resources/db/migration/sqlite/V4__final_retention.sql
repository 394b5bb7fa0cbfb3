-- Retention covers every final message, delivered or failed, counted from when it became final,
-- which a final message's due_at records (settle sets it to the time of delivery or failure).
-- Purge first empties the payload of such a message, later deletes its row and attempts.
DROP INDEX messages_purgeable;

-- Final messages that still hold a payload, oldest first: emptied rows leave this index.
CREATE INDEX messages_purgeable ON messages (due_at) WHERE status IN ('delivered', 'failed') AND email IS NOT NULL;

-- Final messages, oldest first, whose records are deleted past their retention.
CREATE INDEX messages_final ON messages (due_at) WHERE status IN ('delivered', 'failed');

-- Each recipient's standing as JSON: [{"address", "status": "delivered|failed|pending", "provider",
-- "provider_message_id", "detail"}]. NULL until a round has run: every recipient is then pending.
ALTER TABLE messages ADD COLUMN recipients TEXT;

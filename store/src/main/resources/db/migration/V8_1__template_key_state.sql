-- Which template key is current, for every node and command on the database (one row, id 1; '' until the first
-- rotate-key). Every template write reads it in its transaction (row-locked on PostgreSQL, under SQLite's write lock)
-- and encrypts with that key, reloading the key file first when the node's ring is older; a rotation changes it
-- before re-encrypting, so no row can be written under a key after the rotation has started retiring it.
CREATE TABLE template_key_state (
    id             INTEGER     PRIMARY KEY,
    current_key_id VARCHAR(32) NOT NULL,
    changed_at     BIGINT      NOT NULL
);

-- '' until the first rotation: every node uses the first key of its own ring.
INSERT INTO template_key_state (id, current_key_id, changed_at) VALUES (1, '', 0);

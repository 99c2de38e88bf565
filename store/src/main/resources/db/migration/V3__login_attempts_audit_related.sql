-- Lockout: verification attempts per claimed user id (enrolled or not). An attempt reserves a slot (in_flight) before
-- any inference; a failure turns it into a failure; max failures lock the id until locked_until (epoch ms).
-- window_start: when the current counting window began. Cleared when the user is erased or an operator unlocks it.
CREATE TABLE login_attempts (
    claimed_id   VARCHAR(64) PRIMARY KEY,
    in_flight    INTEGER     NOT NULL,
    failures     INTEGER     NOT NULL,
    window_start BIGINT      NOT NULL,
    locked_until BIGINT      NOT NULL
);

-- Another user an audit event concerns (the owner of a duplicate face): a column, pseudonymised on erasure like
-- subject, instead of an id inside the outcome text.
ALTER TABLE audit_log ADD COLUMN related_subject VARCHAR(100);
CREATE INDEX audit_log_by_related_subject ON audit_log (related_subject);

UPDATE audit_log SET related_subject = SUBSTR(outcome, 14), outcome = 'duplicate_face'
    WHERE outcome LIKE 'duplicate_of:%';
-- Users erased before this migration: their id must not survive here either.
UPDATE audit_log SET related_subject = 'erased'
    WHERE related_subject IS NOT NULL AND related_subject NOT IN (SELECT external_id FROM users);

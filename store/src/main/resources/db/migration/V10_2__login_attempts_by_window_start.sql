-- The lockout ledger's rows that hold nothing anymore (lock and window ended) are deleted periodically; this index
-- lets that DELETE read only the rows whose window has ended instead of the whole table.
CREATE INDEX login_attempts_by_window_start ON login_attempts (window_start);

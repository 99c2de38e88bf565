-- The template changes of every writer on a SQLite database, in commit order, so that a running server learns of
-- what the CLI (or a second server on the same file) changed: SQLite has no LISTEN/NOTIFY. Each write of a user's
-- templates or row (enroll, erase) appends a row in its own transaction, numbered one past the highest under SQLite's
-- write lock (so numbers have no gaps), naming the user and the writing process; readers ask for the rows past the
-- last they saw before each decision. Writers keep the latest 10,000 rows; a reader that finds rows missing reloads
-- everything. Unused on PostgreSQL, where NOTIFY carries the same news (the table stays empty there).
CREATE TABLE template_changes (
    seq        BIGINT      PRIMARY KEY,
    user_id    VARCHAR(64) NOT NULL,
    origin     VARCHAR(36) NOT NULL,
    changed_at BIGINT      NOT NULL
);

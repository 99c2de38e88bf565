-- The template changes of every writer on a SQLite database, in commit order, so that a running server learns of
-- what the CLI (or a second server on the same file) changed: SQLite has no LISTEN/NOTIFY. Each enrollment appends a
-- row naming the user, each erasure a row naming no one (user_id NULL) after blanking the user's earlier rows, so an
-- erased id survives nowhere; rows are numbered one past the highest under SQLite's write lock, in the writer's own
-- transaction (so numbers have no gaps) and name the writing process (origin). Readers ask for the rows past the last
-- they saw before each decision; an erasure row makes them drop the users whose row is gone. Writers keep the latest
-- 10,000 rows; a reader that finds rows missing reloads everything. Unused on PostgreSQL, where NOTIFY carries the
-- same news (the table stays empty there).
CREATE TABLE template_changes (
    seq        BIGINT      PRIMARY KEY,
    user_id    VARCHAR(64),
    origin     VARCHAR(36) NOT NULL,
    changed_at BIGINT      NOT NULL
);

-- PostgreSQL only (several nodes): the REST server's rate-limit buckets, Bucket4j's state (its PostgreSQL
-- select-for-update proxy manager reads and writes id and state). touched_at (epoch ms) is kept by the trigger, so that
-- buckets no request touched for longer than their refill time (then full, as good as absent) can be purged.
CREATE TABLE rate_limit_buckets (
    id         VARCHAR(300) PRIMARY KEY,
    state      BYTEA,
    touched_at BIGINT       NOT NULL DEFAULT (EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::BIGINT
);

CREATE INDEX rate_limit_buckets_by_touched_at ON rate_limit_buckets (touched_at);

CREATE FUNCTION rate_limit_buckets_touch() RETURNS trigger AS $$
BEGIN
    NEW.touched_at := (EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::BIGINT;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER rate_limit_buckets_touched BEFORE INSERT OR UPDATE ON rate_limit_buckets
    FOR EACH ROW EXECUTE FUNCTION rate_limit_buckets_touch();

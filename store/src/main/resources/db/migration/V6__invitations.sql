-- Enrollment invitations: a one-time, expiring link bound to a user id. Only a SHA-256 of the link's secret is stored;
-- the secret is shown once, inside the link. Times are epoch ms. used_at is set when an enrollment consumes the
-- invitation (one UPDATE that only a pending, unexpired row passes, so concurrent submissions cannot both win);
-- consented_at when the invited person accepted the consent text on the enrollment page.
CREATE TABLE invitations (
    id           VARCHAR(36)  PRIMARY KEY,
    user_id      VARCHAR(64)  NOT NULL,
    display_name VARCHAR(200),
    token_hash   VARCHAR(64)  NOT NULL UNIQUE,
    created_by   VARCHAR(200) NOT NULL,
    created_at   BIGINT       NOT NULL,
    expires_at   BIGINT       NOT NULL,
    opened_at    BIGINT,
    consented_at BIGINT,
    used_at      BIGINT,
    revoked_at   BIGINT
);

CREATE INDEX invitations_by_created ON invitations (created_at);

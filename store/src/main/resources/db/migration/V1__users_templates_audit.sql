-- One schema for SQLite and PostgreSQL: portable types only. Times are epoch milliseconds (UTC).

CREATE TABLE users (
    id           VARCHAR(36)  PRIMARY KEY,
    external_id  VARCHAR(64)  NOT NULL UNIQUE,
    display_name VARCHAR(200),
    email        VARCHAR(320),
    status       VARCHAR(16)  NOT NULL,
    consent_at   BIGINT,
    created_at   BIGINT       NOT NULL,
    updated_at   BIGINT       NOT NULL
);

-- embedding: AES-256-GCM (nonce || ciphertext || tag) of the little-endian float32 vector; key_id names the key.
CREATE TABLE templates (
    id         VARCHAR(36)  PRIMARY KEY,
    user_id    VARCHAR(36)  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    model_id   VARCHAR(100) NOT NULL,
    detector   VARCHAR(32)  NOT NULL,
    embedding  BYTEA        NOT NULL,
    key_id     VARCHAR(32)  NOT NULL,
    quality    DOUBLE PRECISION NOT NULL,
    created_at BIGINT       NOT NULL
);

CREATE INDEX templates_by_user ON templates (user_id);
CREATE INDEX templates_by_key ON templates (key_id);

-- Never biometric data. subject is a user's external id, replaced by a pseudonym when that user is erased.
CREATE TABLE audit_log (
    id             VARCHAR(36)  PRIMARY KEY,
    at             BIGINT       NOT NULL,
    actor          VARCHAR(200) NOT NULL,
    action         VARCHAR(32)  NOT NULL,
    subject        VARCHAR(100),
    outcome        VARCHAR(100) NOT NULL,
    score          DOUBLE PRECISION,
    request_id     VARCHAR(100),
    client_address VARCHAR(100)
);

CREATE INDEX audit_log_by_time ON audit_log (at);
CREATE INDEX audit_log_by_subject ON audit_log (subject);

-- API keys of the REST server. Only a SHA-256 of each key is stored; the key itself is shown once, when made.
CREATE TABLE api_keys (
    id         VARCHAR(36)  PRIMARY KEY,
    name       VARCHAR(100) NOT NULL,
    role       VARCHAR(16)  NOT NULL,
    key_hash   VARCHAR(64)  NOT NULL UNIQUE,
    created_at BIGINT       NOT NULL,
    revoked_at BIGINT
);

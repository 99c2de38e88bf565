-- Active liveness challenges, shared by every node on the database: a challenge issued by one node can be answered on
-- another. A nonce is taken back once (deleted when redeemed); expired rows are purged when new ones are issued, and
-- each claimed id keeps only its newest few. client: who asked (an API key's actor name); only they may answer.
CREATE TABLE challenges (
    nonce       VARCHAR(43)  PRIMARY KEY,
    claimed_id  VARCHAR(64)  NOT NULL,
    client      VARCHAR(200) NOT NULL,
    instruction VARCHAR(16)  NOT NULL,
    issued_at   BIGINT       NOT NULL,
    expires_at  BIGINT       NOT NULL
);

CREATE INDEX challenges_by_claimed_id ON challenges (claimed_id, issued_at);
CREATE INDEX challenges_by_expiry ON challenges (expires_at);

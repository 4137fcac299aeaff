-- The history store of `aup-rules evaluate --history DB` (docs/abuse-desk.md, "History").
-- One script for SQLite and PostgreSQL: portable types only; instants are ISO-8601 text
-- (Instant.toString), ids are given by the application, runs are ordered by id.

CREATE TABLE aup_run (
    id             BIGINT       NOT NULL PRIMARY KEY,
    evaluated_at   VARCHAR(40)  NOT NULL,
    recorded_at    VARCHAR(40)  NOT NULL,
    policy_name    VARCHAR(200) NOT NULL,
    policy_version VARCHAR(100) NOT NULL,
    policy_digest  VARCHAR(100) NOT NULL,
    accounts       INTEGER      NOT NULL
);

-- Every violation and every suppressed violation of a run. opened_at is when the finding was
-- first seen: carried over from the previous run while the finding stays open.
CREATE TABLE aup_finding (
    run_id     BIGINT       NOT NULL REFERENCES aup_run (id),
    seq        INTEGER      NOT NULL,
    account_id VARCHAR(200) NOT NULL,
    clause     VARCHAR(50)  NOT NULL,
    rule_id    VARCHAR(300) NOT NULL,
    outcome    VARCHAR(20)  NOT NULL,
    waiver     VARCHAR(200),
    category   VARCHAR(40)  NOT NULL,
    severity   VARCHAR(20)  NOT NULL,
    certainty  VARCHAR(20)  NOT NULL,
    message    TEXT         NOT NULL,
    actions    TEXT         NOT NULL,
    evidence   TEXT         NOT NULL,
    opened_at  VARCHAR(40)  NOT NULL,
    PRIMARY KEY (run_id, seq)
);

CREATE INDEX aup_finding_account ON aup_finding (account_id, run_id);

-- dlg's session history (dlg.manager.history). Portable SQL: runs unchanged on H2 2.x and
-- PostgreSQL 12+. Times are epoch milliseconds (BIGINT), so no time zone ever differs between
-- the two. A session is keyed by its owner (the manager's host:port) and its id: DALiuGE's
-- NodeManagers of one DataIslandManager share the session id, and may share one database.

CREATE TABLE dlg_session (
    owner        VARCHAR(255) NOT NULL,
    session_id   VARCHAR(255) NOT NULL,
    manager      VARCHAR(32)  NOT NULL,
    state        VARCHAR(32)  NOT NULL,
    graph_size   INTEGER      NOT NULL,
    created_ms   BIGINT       NOT NULL,
    ended_ms     BIGINT,
    failed_drops BIGINT       NOT NULL,
    failure      VARCHAR(4000),
    session_dir  VARCHAR(4000),
    log_file     VARCHAR(4000),
    graph_file   VARCHAR(4000),
    interrupted  BOOLEAN      NOT NULL,
    PRIMARY KEY (owner, session_id)
);
CREATE INDEX dlg_session_created ON dlg_session (created_ms);

CREATE TABLE dlg_session_state (
    owner      VARCHAR(255) NOT NULL,
    session_id VARCHAR(255) NOT NULL,
    state      VARCHAR(32)  NOT NULL,
    at_ms      BIGINT       NOT NULL,
    PRIMARY KEY (owner, session_id, state),
    FOREIGN KEY (owner, session_id) REFERENCES dlg_session (owner, session_id) ON DELETE CASCADE
);

CREATE TABLE dlg_drop_count (
    owner      VARCHAR(255) NOT NULL,
    session_id VARCHAR(255) NOT NULL,
    drop_state VARCHAR(32)  NOT NULL,
    n          BIGINT       NOT NULL,
    PRIMARY KEY (owner, session_id, drop_state),
    FOREIGN KEY (owner, session_id) REFERENCES dlg_session (owner, session_id) ON DELETE CASCADE
);

CREATE TABLE dlg_failure (
    owner      VARCHAR(255) NOT NULL,
    session_id VARCHAR(255) NOT NULL,
    seq        INTEGER      NOT NULL,
    oid        VARCHAR(1000) NOT NULL,
    uid        VARCHAR(1000) NOT NULL,
    name       VARCHAR(1000),
    cause      VARCHAR(4000),
    node       VARCHAR(255),
    PRIMARY KEY (owner, session_id, seq),
    FOREIGN KEY (owner, session_id) REFERENCES dlg_session (owner, session_id) ON DELETE CASCADE
);

-- One line per construct (lg_key, else name, else class) of a session's apps. The histogram
-- ("bucket:count,...", DurationHistogram) lets medians and 95th percentiles be merged across
-- sessions; its size is bounded (at most 528 buckets whatever the number of apps).
CREATE TABLE dlg_construct (
    owner         VARCHAR(255) NOT NULL,
    session_id    VARCHAR(255) NOT NULL,
    construct_key VARCHAR(1000) NOT NULL,
    name          VARCHAR(1000),
    n             BIGINT NOT NULL,
    failed        BIGINT NOT NULL,
    timed         BIGINT NOT NULL,
    total_ms      BIGINT NOT NULL,
    max_ms        BIGINT NOT NULL,
    histogram     VARCHAR(20000) NOT NULL,
    PRIMARY KEY (owner, session_id, construct_key),
    FOREIGN KEY (owner, session_id) REFERENCES dlg_session (owner, session_id) ON DELETE CASCADE
);

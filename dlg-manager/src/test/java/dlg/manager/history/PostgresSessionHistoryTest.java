package dlg.manager.history;

import org.junit.jupiter.api.BeforeEach;

/**
 * {@link SessionHistoryContract} on a real PostgreSQL ({@link TestingPostgres}: a throw-away
 * cluster, a fresh database per test); skipped, saying so, where PostgreSQL is not installed.
 */
class PostgresSessionHistoryTest extends SessionHistoryContract {

    private String url;

    @BeforeEach
    void database() throws Exception {
        url = TestingPostgres.freshDatabase();
    }

    @Override
    String url() {
        return url;
    }
}

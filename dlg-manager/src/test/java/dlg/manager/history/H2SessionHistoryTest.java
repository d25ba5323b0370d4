package dlg.manager.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SessionHistoryContract} on an in-memory H2 database (kept until the JVM exits). */
class H2SessionHistoryTest extends SessionHistoryContract {

    private final String url = "jdbc:h2:mem:history-" + System.identityHashCode(this) + "-" + System.nanoTime()
            + ";DB_CLOSE_DELAY=-1";

    @Override
    String url() {
        return url;
    }

    @Test
    void open_databaseThatCannotBeMade_failsQueriesNamingIt_andRecordsNothing() {
        var h = JdbcSessionHistory.open(new HistoryTarget("jdbc:h2:file:/proc/dlg-nowhere/h;password=secret", ME), null,
                Clock.systemUTC());
        try {
            assertThatThrownBy(() -> h.opened().get()).isInstanceOf(ExecutionException.class);
            h.record(just(session(ME, "s", dlg.core.state.SessionState.FINISHED, T0, List.of(), List.of())));
            assertThatThrownBy(() -> h.query(HistoryQuery.of(ME))).isInstanceOf(HistoryUnavailableException.class)
                    .hasMessageContaining("jdbc:h2:file:/proc/dlg-nowhere/h").hasMessageContaining("could not be opened")
                    .hasMessageNotContaining("secret");
        } finally {
            h.close();
        }
    }

    @Test
    void open_fileWithHalfASchema_failsQueriesSayingToMoveTheFileAside(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("h");
        try (var c = DriverManager.getConnection(url); var st = c.createStatement()) {
            st.execute("CREATE TABLE dlg_session (x INT)"); // as a migration cut short leaves it
        }
        var h = JdbcSessionHistory.open(new HistoryTarget(url, ME), null, Clock.systemUTC());
        try {
            assertThatThrownBy(() -> h.opened().get()).isInstanceOf(ExecutionException.class);
            assertThatThrownBy(() -> h.query(HistoryQuery.of(ME))).isInstanceOf(HistoryUnavailableException.class)
                    .hasMessageContaining("its schema could not be made")
                    .hasMessageContaining("move that file aside")
                    .hasMessageContaining(dir.resolve("h") + ".mv.db");
        } finally {
            h.close();
        }
    }

    @Test
    void connectable_h2IsNotClosedByItsOwnExitHook_unlessItsUserSaid() {
        assertThat(HistoryStore.connectable("jdbc:h2:file:/d/h")).isEqualTo("jdbc:h2:file:/d/h;DB_CLOSE_ON_EXIT=FALSE");
        assertThat(HistoryStore.connectable("jdbc:h2:file:/d/h;MODE=PostgreSQL;"))
                .isEqualTo("jdbc:h2:file:/d/h;MODE=PostgreSQL;DB_CLOSE_ON_EXIT=FALSE");
        assertThat(HistoryStore.connectable("jdbc:h2:file:/d/h;db_close_on_exit=true")).isEqualTo("jdbc:h2:file:/d/h;db_close_on_exit=true");
        assertThat(HistoryStore.connectable("jdbc:postgresql://db/dlg")).isEqualTo("jdbc:postgresql://db/dlg");
    }

    @Test
    void embeddedUrl_isOneFilePerManagerKindAndPort() {
        assertThat(HistorySettings.embeddedUrl(java.nio.file.Path.of("/data/dlg"), "NM", "node-1", 8000))
                .isEqualTo("jdbc:h2:file:/data/dlg/history/dlg-nm-node-1-8000");
        assertThat(HistorySettings.embeddedUrl(java.nio.file.Path.of("/r"), "dim", "we;ird/name", 1))
                .isEqualTo("jdbc:h2:file:/r/history/dlg-dim-we_ird_name-1");
        assertThat(HistorySettings.EMBEDDED.target(java.nio.file.Path.of("/r"), "dim", "localhost", 8001)).isEqualTo(
                new HistoryTarget("jdbc:h2:file:/r/history/dlg-dim-" + HistorySettings.machine() + "-8001",
                        HistorySettings.machine() + ":8001"));
        assertThat(HistorySettings.EMBEDDED.target(java.nio.file.Path.of("/r"), "nm", "10.0.0.7", 8000).owner())
                .isEqualTo("10.0.0.7:8000");
        assertThat(new HistorySettings(true, "jdbc:postgresql://db/dlg", 0).target(java.nio.file.Path.of("/r"), "nm",
                "0.0.0.0", 8000)).isEqualTo(new HistoryTarget("jdbc:postgresql://db/dlg", HistorySettings.machine() + ":8000"));
    }
}

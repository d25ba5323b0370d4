package dlg.manager.history;

/** {@link SessionHistoryContract} on an in-memory H2 database (kept until the JVM exits). */
class H2SessionHistoryTest extends SessionHistoryContract {

    private final String url = "jdbc:h2:mem:history-" + System.identityHashCode(this) + "-" + System.nanoTime()
            + ";DB_CLOSE_DELAY=-1";

    @Override
    String url() {
        return url;
    }
}

package dlg.manager.events;

/** Whether the JVM is exiting: its shutdown hooks (the process's ZeroMQ context's among them) are running. */
final class JvmExit {

    private static final Thread NEVER_ADDED = new Thread(() -> { });

    private JvmExit() {
    }

    static boolean inProgress() {
        try {
            Runtime.getRuntime().removeShutdownHook(NEVER_ADDED); // refused once shutdown has begun
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }
}

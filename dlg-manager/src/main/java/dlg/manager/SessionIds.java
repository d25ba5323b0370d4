package dlg.manager;

/**
 * Session ids become directory and file names: refuse those that could lead outside the
 * workspace (DALiuGE v6.7.0 accepts {@code ../../x}).
 */
public final class SessionIds {

    private SessionIds() {
    }

    /** @throws IllegalArgumentException naming the problem */
    public static String check(String sessionId) {
        if (sessionId == null || sessionId.isBlank()) {
            throw new IllegalArgumentException("a session id must not be empty");
        }
        if (sessionId.contains("/") || sessionId.contains("\\") || sessionId.contains("..")
                || sessionId.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("invalid session id '" + sessionId
                    + "': it must not contain '/', '\\', '..' or control characters");
        }
        if (sessionId.length() > 200) {
            throw new IllegalArgumentException("invalid session id: longer than 200 characters");
        }
        return sessionId;
    }
}

package dlg.core.runtime;

import java.time.Duration;

/**
 * How a node runs its sessions.
 *
 * @param releaseData release an expire-after-use drop's data (and mark it EXPIRED) as soon as all
 *     its consumers have finished, so that a huge graph never holds all its data at once; off is
 *     DALiuGE's {@code --no-dlm}
 * @param confinePaths refuse every file drop whose path (after {@code $VARS}, {@code ..} and
 *     symbolic links) is outside its session directory; off, paths go where the graph says, as
 *     in DALiuGE. What apps' own commands do is not confined.
 * @param appTimeout the {@code timeout} of every app whose drop sets none: how long one attempt
 *     may run before it is stopped and fails; null for no limit
 * @param dependencyTimeout the {@code dependency_timeout} of every app whose drop sets none: how
 *     long after deploy an app may wait for its inputs before it fails; null for no limit
 */
public record ExecutionOptions(boolean releaseData, boolean confinePaths, Duration appTimeout,
                               Duration dependencyTimeout) {

    /** DALiuGE's behaviour: data released after use, paths not confined, no time limits. */
    public static final ExecutionOptions DEFAULT = new ExecutionOptions(true, false);

    public ExecutionOptions {
        positiveOrNull("appTimeout", appTimeout);
        positiveOrNull("dependencyTimeout", dependencyTimeout);
    }

    /** Without time limits. */
    public ExecutionOptions(boolean releaseData, boolean confinePaths) {
        this(releaseData, confinePaths, null, null);
    }

    /** These options with these session-wide time limits (null: none). */
    public ExecutionOptions withTimeouts(Duration appTimeout, Duration dependencyTimeout) {
        return new ExecutionOptions(releaseData, confinePaths, appTimeout, dependencyTimeout);
    }

    private static void positiveOrNull(String name, Duration d) {
        if (d != null && (d.isNegative() || d.isZero())) {
            throw new IllegalArgumentException(name + " must be positive (or null for no limit): " + d);
        }
    }
}

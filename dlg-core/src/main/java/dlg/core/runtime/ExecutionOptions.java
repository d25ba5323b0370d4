package dlg.core.runtime;

/**
 * @param releaseData release an expire-after-use drop's data (and mark it EXPIRED) as soon as all
 *     its consumers have finished, so that a huge graph never holds all its data at once; off is
 *     DALiuGE's {@code --no-dlm}
 * @param confinePaths refuse every file drop whose path (after {@code $VARS}, {@code ..} and
 *     symbolic links) is outside its session directory; off, paths go where the graph says, as
 *     in DALiuGE. What apps' own commands do is not confined.
 */
public record ExecutionOptions(boolean releaseData, boolean confinePaths) {

    /** DALiuGE's behaviour: data released after use, paths not confined. */
    public static final ExecutionOptions DEFAULT = new ExecutionOptions(true, false);
}

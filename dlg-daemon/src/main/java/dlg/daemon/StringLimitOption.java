package dlg.daemon;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --max-string-size}, for every command that reads graphs ({@code nm}, {@code dim},
 * {@code mm}, {@code run}): a graph of any size is streamed, but each of its JSON strings is
 * made whole, so one huge string (a compression bomb's) must be refused before it is.
 */
final class StringLimitOption {

    /** 2047 MB of characters is the longest String Java can make. */
    private static final int MAX_MB = 2047;

    @Option(names = "--max-string-size", defaultValue = "64", paramLabel = "MB",
            description = "longest JSON string a graph may hold (a pydata value, a script), in MB of characters"
                    + " (default: ${DEFAULT-VALUE})")
    int maxStringMb;

    /** The limit in characters; a usage error (exit status 2) when out of range. */
    int maxStringLength(CommandLine commandLine) {
        if (maxStringMb <= 0 || maxStringMb > MAX_MB) {
            throw new CommandLine.ParameterException(commandLine,
                    "--max-string-size must be from 1 to " + MAX_MB + " (MB): " + maxStringMb);
        }
        return maxStringMb << 20;
    }
}

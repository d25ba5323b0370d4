package dlg.manager.logs;

import java.time.Instant;
import java.util.Objects;

/**
 * One log event of one drop, as {@code GET /api/sessions/<sid>/graph/drop/<oid>} lists it (DALiuGE's
 * {@code {"time", "Level", "Module", "Function/Method", "Line #", "Message"}}).
 *
 * @param level    Logback's level name: {@code WARN} where DALiuGE, being Python, says {@code WARNING}
 * @param module   the logger name, as DALiuGE's {@code record.name}
 * @param function empty, and {@code line} 0: Java knows them only by walking the stack (see {@link SessionLogs})
 * @param message  the formatted message, then the exception's class and message when there is one
 */
public record DropLogEntry(Instant time, String level, String module, String function, int line, String message) {

    public DropLogEntry {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(message, "message");
    }
}

package dlg.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Everything the drop panel shows of one drop.
 *
 * @param dropState the drop state ({@code status} in DALiuGE's graph status), lower case
 * @param execState an application's execution state, lower case; null for data
 * @param started when an app started running, epoch ms; null if it has not
 * @param ended when the drop settled (an app ended, data completed or failed), epoch ms; null if not yet
 * @param inputs the oids data comes from; {@code outputs} where it goes
 * @param spec the drop's spec as submitted (its parameters)
 * @param logs the drop's last log entries, oldest first
 * @param logCount how many entries it logged in all ({@code logs} may be the last of them)
 * @param path a data drop's file, or null
 * @param size a completed data drop's size in bytes, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record DropDetail(String oid, String uid, String name, String category, String dropclass, String node,
                  String island, String state, boolean terminal, String dropState, String execState, String error,
                  Long started, Long ended, List<String> inputs, List<String> outputs,
                  JsonNode spec, List<LogLine> logs, Integer logCount, String path, Long size) {

    /** One log entry: time as {@code yyyy-MM-dd HH:mm:ss.SSS} (UTC), level, message. */
    record LogLine(String time, String level, String message) {
    }
}

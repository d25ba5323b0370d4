package dlg.web;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One drop in the list view.
 *
 * @param group the key of its group in the grouped graph view ({@link Groups})
 * @param error why it failed, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record DropLine(String oid, String name, boolean app, String dropclass, String node, String group, String state,
                boolean terminal, String error) {
}

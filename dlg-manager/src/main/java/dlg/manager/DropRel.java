package dlg.manager;

/**
 * DALiuGE's {@code DROPRel}: "{@code lhs} is a {@code rel} of {@code rhs}", {@code rel} a
 * {@code DROPLinkType} code, both sides uids. The unit of {@code /subscriptions}.
 */
public record DropRel(String lhs, int rel, String rhs) {
}

package dlg.core.graph;

import java.util.Locale;

/** What kind of drop a spec describes (its {@code categoryType}, or the legacy {@code type}). */
public enum Category {
    /** An application drop ({@code Application}, {@code app}). */
    APPLICATION("Application"),
    /** A socket listener: an application fed by a TCP connection ({@code socket}). */
    SOCKET("Socket"),
    /** A data drop ({@code Data}, legacy {@code plain}). */
    DATA("Data"),
    /** A container of other drops; recognised so that it can be refused clearly. */
    CONTAINER("Container");

    private final String wireName;

    Category(String wireName) {
        this.wireName = wireName;
    }

    /** The {@code categoryType} DALiuGE's translator writes for this category. */
    public String wireName() {
        return wireName;
    }

    /** The wire name with its indefinite article, for messages: "an Application", "a Data". */
    public String withArticle() {
        return (this == APPLICATION ? "an " : "a ") + wireName;
    }

    public boolean isApplication() {
        return this == APPLICATION || this == SOCKET;
    }

    /**
     * Parses a v6 {@code categoryType}, case-insensitively (DALiuGE lower-cases it too, but its
     * root computation does not: we do it right).
     *
     * @return the category, or null when the value is not one
     */
    public static Category ofCategoryType(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "application", "app" -> APPLICATION;
            case "data" -> DATA;
            case "socket" -> SOCKET;
            case "container" -> CONTAINER;
            default -> null;
        };
    }

    /** Parses the legacy (DALiuGE <= 2.4) {@code type} key, or returns null. */
    public static Category ofLegacyType(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "plain", "data" -> DATA;
            case "app", "application" -> APPLICATION;
            case "socket" -> SOCKET;
            case "container" -> CONTAINER;
            default -> null;
        };
    }
}

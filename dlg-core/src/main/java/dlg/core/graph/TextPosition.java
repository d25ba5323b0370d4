package dlg.core.graph;

/** A line and a column (both from 1) in a document's text, as Jackson counts them. */
record TextPosition(int line, int column) {

    static final TextPosition FIRST = new TextPosition(1, 1);

    /** The position {@code line}, {@code column} of a text that starts here. */
    TextPosition plus(int line, int column) {
        return line == 1 ? new TextPosition(this.line, this.column + column - 1)
                : new TextPosition(this.line + line - 1, column);
    }
}

package dev.gleaner.cli.ui;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table for people: columns padded by display width (Hangul counts two columns),
 * numbers right-aligned, cells cut with an ellipsis past {@code maxCell} columns.
 */
public final class Table {
    private final List<String> headers;
    private final boolean[] right;
    private final List<List<String>> rows = new ArrayList<>();
    private int maxCell = 48;

    public Table(String... headers) {
        this.headers = List.of(headers);
        this.right = new boolean[headers.length];
    }

    /** Right-aligns the given columns (counts). */
    public Table right(int... columns) {
        for (int c : columns) {
            right[c] = true;
        }
        return this;
    }

    public Table maxCell(int columns) {
        this.maxCell = columns;
        return this;
    }

    public Table row(Object... cells) {
        List<String> r = new ArrayList<>();
        for (Object c : cells) {
            r.add(cut(c == null ? "" : String.valueOf(c).replaceAll("\\s+", " ").trim()));
        }
        rows.add(r);
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public void print(PrintStream out, String indent) {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = Term.columns(headers.get(i));
            for (List<String> r : rows) {
                widths[i] = Math.max(widths[i], Term.columns(r.get(i)));
            }
        }
        if (headers.stream().anyMatch(h -> !h.isEmpty())) {
            out.println(indent + line(headers, widths));
        }
        for (List<String> r : rows) {
            out.println(indent + line(r, widths));
        }
    }

    private String line(List<String> cells, int[] widths) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            String pad = " ".repeat(widths[i] - Term.columns(c));
            if (i > 0) {
                b.append("  ");
            }
            b.append(right[i] ? pad + c : i == cells.size() - 1 ? c : c + pad);
        }
        return b.toString().stripTrailing();
    }

    private String cut(String s) {
        if (Term.columns(s) <= maxCell) {
            return s;
        }
        StringBuilder b = new StringBuilder();
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int cw = Term.columns(new String(Character.toChars(cp)));
            if (w + cw > maxCell - 1) {
                break;
            }
            b.appendCodePoint(cp);
            w += cw;
            i += Character.charCount(cp);
        }
        return b + "…";
    }
}

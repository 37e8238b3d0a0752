package io.netspectra.report;

import java.util.List;
import java.util.function.IntPredicate;

/** Lays out lines of cells as aligned columns, two spaces apart and indented by two, for the table formats. */
final class TextColumns {
    private TextColumns() {
    }

    /**
     * Appends {@code lines} (the first is the header; all have the same number of cells) to {@code sb}, padding each
     * column to its widest cell, on the left where {@code rightAligned} holds for the column index.
     */
    static void append(StringBuilder sb, List<String[]> lines, IntPredicate rightAligned) {
        int cols = lines.get(0).length;
        int[] width = new int[cols];
        for (String[] l : lines) {
            for (int c = 0; c < cols; c++) {
                width[c] = Math.max(width[c], l[c].length());
            }
        }
        for (String[] l : lines) {
            StringBuilder line = new StringBuilder("  ");
            for (int c = 0; c < cols; c++) {
                String pad = " ".repeat(width[c] - l[c].length());
                line.append(rightAligned.test(c) ? pad + l[c] : l[c] + pad);
                if (c < cols - 1) {
                    line.append("  ");
                }
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
    }
}

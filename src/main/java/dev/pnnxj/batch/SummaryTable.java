package dev.pnnxj.batch;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The table printed at the end of a batch: one row per model, the totals, then why each model that
 * did not convert failed (its message's first line, and the first node of a list), so a console log
 * alone says what to fix.
 */
public final class SummaryTable {
    private SummaryTable() {
    }

    public static void print(List<ModelReport> reports, boolean withError, PrintWriter out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(withError ? new String[] {"model", "status", "seconds", "layers", "weight bytes", "max error"}
                : new String[] {"model", "status", "seconds", "layers", "weight bytes"});
        for (ModelReport r : reports) {
            String[] row = {r.path(), r.status().label(), String.format(java.util.Locale.ROOT, "%.3f", r.seconds()),
                    Integer.toString(r.layers()), Long.toString(r.weightBytes()),
                    r.maxError() == null ? "-" : String.format(java.util.Locale.ROOT, "%.3g", r.maxError())};
            rows.add(withError ? row : java.util.Arrays.copyOf(row, 5));
        }
        int[] width = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                String cell = i < 2 ? String.format("%-" + width[i] + "s", row[i]) : String.format("%" + width[i] + "s", row[i]);
                line.append(i > 0 ? "  " : "").append(cell);
            }
            out.println(line.toString().stripTrailing());
        }
        out.printf("%d models: %d converted, %d unsupported, %d failed%n", reports.size(),
                count(reports, ModelReport.Status.CONVERTED), count(reports, ModelReport.Status.UNSUPPORTED),
                count(reports, ModelReport.Status.FAILED));
        for (ModelReport r : reports) {
            if (!r.ok() && r.message() != null) {
                out.println(r.path() + ": " + reason(r.message()));
            }
        }
        out.flush();
    }

    /** "N nodes cannot be converted:" and its first listed node on one line, with how many more follow. */
    static String reason(String message) {
        List<String> lines = message.lines().toList();
        String first = lines.isEmpty() ? "" : lines.get(0);
        List<String> nodes = lines.stream().skip(1).filter(l -> l.startsWith("  ")).toList();
        if (!first.endsWith(":") || nodes.isEmpty()) {
            return first;
        }
        return first + " " + nodes.get(0).strip() + (nodes.size() > 1 ? " (and " + (nodes.size() - 1) + " more)" : "");
    }

    static long count(List<ModelReport> reports, ModelReport.Status status) {
        return reports.stream().filter(r -> r.status() == status).count();
    }
}

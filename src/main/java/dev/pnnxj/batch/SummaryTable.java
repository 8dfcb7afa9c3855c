package dev.pnnxj.batch;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** The table printed at the end of a batch: one row per model, then the totals. */
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
        out.flush();
    }

    static long count(List<ModelReport> reports, ModelReport.Status status) {
        return reports.stream().filter(r -> r.status() == status).count();
    }
}

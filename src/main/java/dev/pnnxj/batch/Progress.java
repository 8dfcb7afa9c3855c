package dev.pnnxj.batch;

import java.io.PrintWriter;

/**
 * Progress of a batch: a bar redrawn in place on a terminal, one plain line per model otherwise
 * (CI logs do not understand carriage returns).
 */
public final class Progress implements BatchRunner.Listener {
    private static final int BAR = 30;
    private final PrintWriter out;
    private final boolean terminal;
    private final int total;
    private int done;

    public Progress(PrintWriter out, boolean terminal, int total) {
        this.out = out;
        this.terminal = terminal;
        this.total = total;
    }

    @Override
    public synchronized void finished(ModelReport r) {
        done++;
        if (terminal) {
            int filled = total == 0 ? BAR : done * BAR / total;
            out.printf("\r[%s%s] %d/%d %-40.40s", "#".repeat(filled), " ".repeat(BAR - filled), done, total, r.path());
            if (done == total) {
                out.println();
            }
        } else {
            out.printf(java.util.Locale.ROOT, "[%d/%d] %s %s (%.3f s)%n", done, total, r.status().label(), r.path(), r.seconds());
        }
        out.flush();
    }
}

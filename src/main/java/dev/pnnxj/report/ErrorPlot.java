package dev.pnnxj.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A small inline SVG of the largest absolute error of each compared layer, in graph order, on a
 * log scale, with the first diverging layer marked: where along the network the error grows.
 */
final class ErrorPlot {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 150;
    private static final int LEFT = 48;
    private static final int RIGHT = 12;
    private static final int TOP = 12;
    private static final int BOTTOM = 22;
    /** Errors below this (exact matches) are drawn at it: a log scale has no zero. */
    private static final double FLOOR = 1e-12;
    /** NaN and infinite errors are drawn at this height, above any finite one worth plotting. */
    private static final double CEILING = 1e30;

    private record Point(String layer, double maxAbs, boolean diverging) {
    }

    private ErrorPlot() {
    }

    /** The plot, or an empty string when no blob was compared. */
    static String svg(ReportData page) {
        List<Point> points = points(page);
        if (points.isEmpty()) {
            return "";
        }
        double lo = Math.floor(Math.log10(points.stream().mapToDouble(Point::maxAbs).min().orElseThrow()));
        double hi = Math.ceil(Math.log10(points.stream().mapToDouble(Point::maxAbs).max().orElseThrow()));
        if (hi <= lo) {
            hi = lo + 1;
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg class=\"error-plot\" xmlns=\"http://www.w3.org/2000/svg\""
                + " width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\""
                + " aria-label=\"max abs error per layer\">", WIDTH, HEIGHT, WIDTH, HEIGHT));
        for (double e = lo; e <= hi; e++) {
            double y = y(e, lo, hi);
            sb.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>"
                    + "<text class=\"axis\" x=\"%d\" y=\"%.1f\">1e%d</text>", LEFT, WIDTH - RIGHT, y, y, 4, y + 4, (int) e));
        }
        StringBuilder line = new StringBuilder();
        StringBuilder dots = new StringBuilder();
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            double x = x(i, points.size());
            double y = y(Math.log10(p.maxAbs()), lo, hi);
            line.append(String.format(Locale.ROOT, "%s%.1f,%.1f", i == 0 ? "" : " ", x, y));
            if (p.diverging()) {
                sb.append(String.format(Locale.ROOT, "<line class=\"diverging\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\""
                        + " y2=\"%d\"/><text class=\"diverging-label\" x=\"%.1f\" y=\"%d\">first diverging: %s</text>",
                        x, x, TOP, HEIGHT - BOTTOM, x + 4, HEIGHT - BOTTOM - 4, Html.escape(p.layer())));
            }
            dots.append(String.format(Locale.ROOT, "<circle class=\"pt%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"3\""
                    + " data-layer=\"%s\"><title>%s: max abs %.3g</title></circle>", p.diverging() ? " diverging" : "",
                    x, y, Html.escape(p.layer()), Html.escape(p.layer()), p.maxAbs()));
        }
        sb.append("<polyline class=\"trace\" points=\"").append(line).append("\"/>").append(dots);
        sb.append(String.format(Locale.ROOT, "<text class=\"axis\" x=\"%d\" y=\"%d\">layers in graph order"
                + " (%d compared)</text></svg>", LEFT, HEIGHT - 6, points.size()));
        return sb.toString();
    }

    /** Each ncnn layer with a compared top, its largest error over its tops. */
    private static List<Point> points(ReportData page) {
        Map<String, ReportData.BlobInfo> blobs = page.blobs();
        List<Point> points = new ArrayList<>();
        for (ReportData.GraphNode n : page.nodes()) {
            double worst = -1;
            for (String top : n.tops()) {
                ReportData.BlobInfo b = blobs.get(top);
                if (b != null && b.maxAbs() != null) {
                    double e = b.maxAbs();
                    worst = Math.max(worst, e < CEILING ? e : CEILING);
                }
            }
            if (worst >= 0) {
                points.add(new Point(n.name(), Math.max(worst, FLOOR), n.id().equals(page.firstDiverging())));
            }
        }
        return points;
    }

    private static double x(int i, int count) {
        double span = WIDTH - LEFT - RIGHT;
        return LEFT + (count == 1 ? span / 2 : span * i / (count - 1));
    }

    private static double y(double log, double lo, double hi) {
        return TOP + (HEIGHT - TOP - BOTTOM) * (hi - log) / (hi - lo);
    }
}

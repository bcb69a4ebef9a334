package io.preflight.reports;

import io.preflight.rules.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The HTML report's trend: an inline SVG line chart of unwaived findings by severity over the earlier scans of the
 * cluster plus this one (the last point). No script, no external resource; every text in it is escaped.
 */
final class TrendChart {
    static final int WIDTH = 720;
    static final int HEIGHT = 260;
    private static final int LEFT = 56;
    private static final int RIGHT = 24;
    private static final int TOP = 36;
    private static final int BOTTOM = 60;
    /** Space between the axis and the first and last point, so their centred date labels fit. */
    private static final int INSET = 44;
    /** At most this many date labels on the x axis; the rest are in each point's tooltip. */
    private static final int MAX_X_LABELS = 8;

    /** One point of the chart. */
    record Point(String time, String verdict, int blockers, int warnings, int infos, boolean current) {
        int count(Severity s) {
            return switch (s) {
                case BLOCKER -> blockers;
                case WARNING -> warnings;
                case INFO -> infos;
            };
        }
    }

    private TrendChart() {
    }

    /** The trend points, oldest first, then this scan. Empty when the report has no trend. */
    static List<Point> points(Report r) {
        if (r.trend().isEmpty()) return List.of();
        List<Point> ps = new ArrayList<>();
        for (TrendPoint t : r.trend()) {
            ps.add(new Point(t.time(), t.verdict(), t.blockers(), t.warnings(), t.infos(), false));
        }
        ps.add(new Point(r.generatedAt(), r.verdict().name(), (int) FindingGroups.count(r, Severity.BLOCKER),
                (int) FindingGroups.count(r, Severity.WARNING), (int) FindingGroups.count(r, Severity.INFO), true));
        return ps;
    }

    static String color(Severity s) {
        return switch (s) {
            case BLOCKER -> "#cf222e";
            case WARNING -> "#bf8700";
            case INFO -> "#0969da";
        };
    }

    static String label(Severity s) {
        return switch (s) {
            case BLOCKER -> "blockers";
            case WARNING -> "warnings";
            case INFO -> "info";
        };
    }

    /** The SVG element, or the empty string when there is no trend. */
    static String svg(Report r) {
        List<Point> ps = points(r);
        if (ps.isEmpty()) return "";
        int max = 0;
        for (Point p : ps) {
            for (Severity s : FindingGroups.SEVERITIES) max = Math.max(max, p.count(s));
        }
        int step = step(max);
        int yMax = Math.max(step, ((max + step - 1) / step) * step);
        double plotW = WIDTH - LEFT - RIGHT;
        double plotH = HEIGHT - TOP - BOTTOM;
        double[] xs = new double[ps.size()];
        for (int i = 0; i < ps.size(); i++) {
            xs[i] = ps.size() == 1 ? LEFT + plotW / 2 : LEFT + INSET + i * (plotW - 2 * INSET) / (ps.size() - 1);
        }
        StringBuilder b = new StringBuilder();
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"trend\" width=\"").append(WIDTH)
                .append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\" role=\"img\" aria-labelledby=\"trend-title\" "
                        + "font-family=\"system-ui, sans-serif\" font-size=\"12\">\n");
        b.append("<title id=\"trend-title\">Unwaived findings by severity over the last ").append(ps.size())
                .append(" scans</title>\n");
        // horizontal grid and y tick labels
        for (int v = 0; v <= yMax; v += step) {
            String y = num(y(v, yMax, plotH));
            b.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"").append(y)
                    .append("\" y2=\"").append(y).append("\" stroke=\"").append(v == 0 ? "#57606a" : "#d0d7de")
                    .append("\"/>\n");
            b.append("<text x=\"").append(LEFT - 8).append("\" y=\"").append(y)
                    .append("\" text-anchor=\"end\" dominant-baseline=\"middle\" fill=\"#57606a\">").append(v)
                    .append("</text>\n");
        }
        b.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(LEFT).append("\" y1=\"").append(TOP)
                .append("\" y2=\"").append(num(TOP + plotH)).append("\" stroke=\"#57606a\"/>\n");
        // axis titles
        b.append("<text transform=\"translate(14 ").append(num(TOP + plotH / 2))
                .append(") rotate(-90)\" text-anchor=\"middle\" fill=\"#1f2328\">unwaived findings</text>\n");
        b.append("<text x=\"").append(num(LEFT + plotW / 2)).append("\" y=\"").append(HEIGHT - 6)
                .append("\" text-anchor=\"middle\" fill=\"#1f2328\">scan (UTC)</text>\n");
        // x labels: dates, thinned when there are many scans; the current scan is always labelled
        List<String> labels = xLabels(ps);
        int every = (ps.size() + MAX_X_LABELS - 1) / MAX_X_LABELS;
        double labelY = TOP + plotH + 18;
        for (int i = 0; i < ps.size(); i++) {
            boolean last = i == ps.size() - 1;
            if (!last && (i % every != 0 || ps.size() - 1 - i < every)) continue;
            b.append("<text x=\"").append(num(xs[i])).append("\" y=\"").append(num(labelY))
                    .append("\" text-anchor=\"middle\" fill=\"#1f2328\">").append(Markup.html(labels.get(i)))
                    .append("</text>\n");
            if (last) {
                b.append("<text x=\"").append(num(xs[i])).append("\" y=\"").append(num(labelY + 14))
                        .append("\" text-anchor=\"middle\" fill=\"#57606a\">this scan</text>\n");
            }
        }
        // legend
        int lx = LEFT;
        for (Severity s : FindingGroups.SEVERITIES) {
            b.append("<rect x=\"").append(lx).append("\" y=\"10\" width=\"12\" height=\"12\" fill=\"").append(color(s))
                    .append("\"/>\n<text x=\"").append(lx + 16).append("\" y=\"16\" dominant-baseline=\"middle\" "
                            + "fill=\"#1f2328\">").append(label(s)).append("</text>\n");
            lx += 100;
        }
        // one line per severity, a dot per scan with its numbers as a tooltip
        for (Severity s : FindingGroups.SEVERITIES) {
            b.append("<polyline fill=\"none\" stroke=\"").append(color(s)).append("\" stroke-width=\"2\" points=\"");
            for (int i = 0; i < ps.size(); i++) {
                if (i > 0) b.append(' ');
                b.append(num(xs[i])).append(',').append(num(y(ps.get(i).count(s), yMax, plotH)));
            }
            b.append("\"/>\n");
            for (int i = 0; i < ps.size(); i++) {
                Point p = ps.get(i);
                b.append("<circle cx=\"").append(num(xs[i])).append("\" cy=\"")
                        .append(num(y(p.count(s), yMax, plotH))).append("\" r=\"").append(p.current ? "5" : "3.5")
                        .append("\" fill=\"").append(color(s)).append("\"><title>")
                        .append(Markup.html(p.time() + " (" + p.verdict() + "): " + p.count(s) + " " + label(s)))
                        .append("</title></circle>\n");
            }
        }
        b.append("</svg>\n");
        return b.toString();
    }

    private static double y(int v, int yMax, double plotH) {
        return TOP + plotH - v * plotH / yMax;
    }

    /** A tick step (1, 2, 5, 10, 20, 50, ...) that gives at most five intervals up to {@code max}. */
    static int step(int max) {
        int[] mantissas = {1, 2, 5};
        for (int scale = 1; ; scale *= 10) {
            for (int m : mantissas) {
                int s = m * scale;
                if ((max + s - 1) / s <= 5) return s;
            }
        }
    }

    /** Dates (yyyy-MM-dd); when two scans share a date, month-day and time (MM-dd HH:mm) instead. */
    static List<String> xLabels(List<Point> ps) {
        List<String> dates = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        boolean clash = false;
        for (Point p : ps) {
            String t = p.time() == null ? "?" : p.time();
            String d = t.length() >= 10 ? t.substring(0, 10) : t;
            clash |= !seen.add(d);
            dates.add(d);
        }
        if (!clash) return dates;
        List<String> times = new ArrayList<>();
        for (Point p : ps) {
            String t = p.time() == null ? "?" : p.time();
            times.add(t.length() >= 16 ? t.substring(5, 16).replace('T', ' ') : t);
        }
        return times;
    }

    private static String num(double d) {
        String s = String.format(Locale.ROOT, "%.1f", d);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
}

package dev.vidferry.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the benchmarks measured: one table row per measurement (with its target and whether it was met), notes,
 * sanity failures (which make {@code --quick} fail) and the series the charts draw.
 */
final class Report {

    /** One measurement. {@code met} is null where there is no target. */
    record Row(String bench, String what, String result, String target, Boolean met) {
    }

    final List<Row> rows = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    final List<String> failures = new ArrayList<>();
    /** chart name -> series name -> category -> value. */
    final Map<String, Map<String, Map<String, Double>>> series = new LinkedHashMap<>();

    void row(String bench, String what, String result, String target, Boolean met) {
        rows.add(new Row(bench, what, result, target, met));
        System.out.printf("[%s] %s: %s%s%n", bench, what, result, target == null ? "" : " (target " + target + ")");
    }

    void info(String bench, String what, String result) {
        row(bench, what, result, null, null);
    }

    void note(String bench, String text) {
        notes.add("**" + bench + "** " + text);
        System.out.println("[" + bench + "] " + text);
    }

    /** A result that is wrong, not merely slow: the harness or the system is broken. */
    void fail(String bench, String why) {
        failures.add(bench + ": " + why);
        System.out.println("[" + bench + "] FAILED: " + why);
    }

    void check(String bench, boolean sane, String why) {
        if (!sane) {
            fail(bench, why);
        }
    }

    void point(String chart, String seriesName, String category, double value) {
        series.computeIfAbsent(chart, c -> new LinkedHashMap<>()).computeIfAbsent(seriesName, s -> new LinkedHashMap<>())
                .put(category, value);
    }

    String table() {
        StringBuilder out = new StringBuilder("| # | measurement | result | target | met |\n|---|---|---|---|---|\n");
        for (Row row : rows) {
            out.append("| ").append(row.bench()).append(" | ").append(row.what()).append(" | ").append(row.result())
                    .append(" | ").append(row.target() == null ? "" : row.target()).append(" | ")
                    .append(row.met() == null ? "" : row.met() ? "yes" : "**no**").append(" |\n");
        }
        return out.toString();
    }
}

package dev.vidferry.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Percentiles (nearest rank) of a list of measurements. */
record Stats(List<Double> sorted) {

    static Stats of(List<Double> values) {
        List<Double> copy = new ArrayList<>(values);
        Collections.sort(copy);
        return new Stats(copy);
    }

    int count() {
        return sorted.size();
    }

    double percentile(double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    double p50() {
        return percentile(50);
    }

    double p99() {
        return percentile(99);
    }

    double max() {
        return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() - 1);
    }

    double sum() {
        return sorted.stream().mapToDouble(Double::doubleValue).sum();
    }

    /** "p50 a / p99 b / max c unit (n)". */
    String summary(String unit) {
        return String.format("p50 %.1f / p99 %.1f / max %.1f %s (n=%d)", p50(), p99(), max(), unit, count());
    }
}

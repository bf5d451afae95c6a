package dev.vidferry.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/** Renders the report's series as PNG bar charts (XChart), one per chart name. */
final class Charts {

    private Charts() {
    }

    /** Writes {@code <prefix>-<n>.png} per chart; returns (title, file) pairs. */
    static List<Map.Entry<String, Path>> render(Report report, Path dir, String prefix) throws IOException {
        List<Map.Entry<String, Path>> files = new ArrayList<>();
        int n = 0;
        for (Map.Entry<String, Map<String, Map<String, Double>>> chart : report.series.entrySet()) {
            CategoryChart c = new CategoryChartBuilder().width(900).height(420).title(chart.getKey()).build();
            c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
            c.getStyler().setLabelsVisible(true);
            c.getStyler().setDecimalPattern("#0");
            for (Map.Entry<String, Map<String, Double>> series : chart.getValue().entrySet()) {
                c.addSeries(series.getKey(), new ArrayList<>(series.getValue().keySet()),
                        new ArrayList<>(series.getValue().values()));
            }
            Path file = dir.resolve(prefix + "-" + (++n) + ".png");
            BitmapEncoder.saveBitmap(c, file.toString(), BitmapEncoder.BitmapFormat.PNG);
            files.add(Map.entry(chart.getKey(), file));
        }
        return files;
    }
}

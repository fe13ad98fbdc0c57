package io.cc4j.report;

import io.cc4j.run.RunSummary;
import io.cc4j.train.EpochRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The report's tables: final figures, timing and the resolved configuration. */
final class ResultTables {
    private ResultTables() {
    }

    /** Final NMI/ACC/ARI: from summary.json when present, else from the last evaluated metrics line. */
    static void finalFigures(HtmlPage page, RunContents run) {
        page.section("Final figures");
        Optional<RunSummary> summary = run.summary();
        if (summary.isPresent() && !summary.get().results().isEmpty()) {
            List<List<String>> rows = new ArrayList<>();
            for (RunSummary.Result r : summary.get().results()) {
                rows.add(List.of(r.name(), ReportWriter.score(r.nmi()), ReportWriter.score(r.acc()),
                        ReportWriter.score(r.ari())));
            }
            page.table(List.of("method", "NMI", "ACC", "ARI"), rows, false);
            return;
        }
        Optional<EpochRecord> last = run.metrics().flatMap(m -> MetricSeries.lastWith(m, EpochRecord.NMI)
                .or(() -> MetricSeries.lastWith(m, EpochRecord.ACC)));
        if (last.isPresent()) {
            EpochRecord e = last.get();
            page.paragraph("From the last evaluation in " + run.layout().metrics().getFileName() + " (epoch " + e.epoch()
                    + "; " + run.layout().summary().getFileName() + " has no results):");
            page.table(List.of("method", "NMI", "ACC", "ARI"), List.of(List.of("CC cluster head",
                    ReportWriter.score(orNaN(e.nmi())), ReportWriter.score(orNaN(e.acc())),
                    ReportWriter.score(orNaN(e.ari())))), false);
            return;
        }
        Optional<EpochRecord> any = run.metrics().flatMap(m -> m.isEmpty() ? Optional.empty()
                : Optional.of(m.get(m.size() - 1)));
        if (any.isPresent()) {
            page.paragraph("No evaluation scores (unlabelled data or no evaluation epoch); the last line of "
                    + run.layout().metrics().getFileName() + ":");
            List<List<String>> rows = new ArrayList<>();
            any.get().values().forEach((k, v) -> rows.add(List.of(k, number(v))));
            page.table(List.of("field", "value"), rows, true);
        } else {
            page.paragraph("No final figures: neither " + run.layout().summary().getFileName() + " nor " + run.layout().metrics().getFileName()
                    + " has any.");
        }
    }

    /** Epochs, time and throughput from the metrics, plus the summary's scalar facts. */
    static void timing(HtmlPage page, RunContents run) {
        List<List<String>> rows = new ArrayList<>();
        run.metrics().ifPresent(m -> {
            if (m.isEmpty()) {
                return;
            }
            rows.add(List.of("epochs logged", Integer.toString(m.size())));
            rows.add(List.of("last epoch", Integer.toString(m.get(m.size() - 1).epoch())));
            MetricSeries sec = MetricSeries.of(m, EpochRecord.SECONDS);
            if (sec.size() > 0) {
                double total = java.util.Arrays.stream(sec.values()).sum();
                rows.add(List.of("training time (sum of epochs)", duration(total)));
                rows.add(List.of("seconds per epoch (mean)", number(total / sec.size())));
            }
            MetricSeries skipped = MetricSeries.of(m, EpochRecord.SKIPPED_IMAGES);
            if (skipped.size() > 0) {
                long total = Math.round(java.util.Arrays.stream(skipped.values()).sum());
                long epochs = java.util.Arrays.stream(skipped.values()).filter(v -> v > 0).count();
                rows.add(List.of("unreadable images skipped (sum over epochs)", total == 0 ? "0"
                        : total + " in " + epochs + " epoch(s); see the training log for which"));
            }
            MetricSeries ips = MetricSeries.of(m, EpochRecord.IMAGES_PER_SECOND);
            if (ips.size() > 0) {
                rows.add(List.of("images per second (mean)",
                        number(java.util.Arrays.stream(ips.values()).average().orElse(Double.NaN))));
            }
        });
        run.summary().ifPresent(s -> {
            for (Map.Entry<String, String> e : s.scalars().entrySet()) {
                String v = e.getValue();
                if (e.getKey().endsWith("seconds")) {
                    try {
                        v = duration(Double.parseDouble(v));
                    } catch (NumberFormatException ignored) {
                        // not a number: shown as written
                    }
                }
                rows.add(List.of(e.getKey(), v));
            }
        });
        page.section("Timing and run facts");
        if (rows.isEmpty()) {
            page.paragraph("No timing: " + run.layout().metrics().getFileName() + " and " + run.layout().summary().getFileName()
                    + " are missing or empty.");
        } else {
            page.table(List.of("fact", "value"), rows, false);
        }
    }

    private static double orNaN(Double v) {
        return v == null ? Double.NaN : v;
    }

    /** Every key of config.json, nested objects as dotted keys. */
    static void configuration(HtmlPage page, RunContents run) {
        page.section("Configuration");
        Map<String, String> config = run.configuration();
        if (config.isEmpty()) {
            page.paragraph("No configuration: " + run.layout().config().getFileName() + " is missing, unreadable or empty.");
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        config.forEach((k, v) -> rows.add(List.of(k, v)));
        page.table(List.of("option", "value"), rows, true);
    }

    /** A number with up to four significant decimals, without trailing zeros. */
    static String number(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(5)).stripTrailingZeros().toPlainString();
    }

    /** Seconds as {@code 1 h 02 min 05 s (3725 s)}. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        String hms = s >= 3600 ? String.format(Locale.ROOT, "%d h %02d min %02d s", s / 3600, s % 3600 / 60, s % 60)
                : s >= 60 ? String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60)
                : String.format(Locale.ROOT, "%.1f s", seconds);
        return s >= 60 ? hms + " (" + number(seconds) + " s)" : hms;
    }
}

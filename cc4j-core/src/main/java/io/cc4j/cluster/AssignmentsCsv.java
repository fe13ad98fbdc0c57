package io.cc4j.cluster;

import io.cc4j.data.ImageDataset;
import io.cc4j.io.AtomicFiles;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes assignments as CSV: header {@code index,id,cluster,confidence} plus {@code label} where the dataset
 * has labels and {@code p0..p(K-1)} when probabilities were kept. The {@code id} is the file path for image
 * folders and the index otherwise. {@code cc4j evaluate} and the report read this file.
 */
public final class AssignmentsCsv {
    /** Default file name inside a run directory. */
    public static final String FILE_NAME = "assignments.csv";

    private AssignmentsCsv() {
    }

    /** Writes the file atomically. */
    public static void write(Path file, Assignments a, ImageDataset data) {
        boolean labels = data.hasLabels();
        AtomicFiles.write(file, raw -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(raw, StandardCharsets.UTF_8), 1 << 16);
            w.write("index,id,cluster,confidence");
            if (labels) {
                w.write(",label");
            }
            if (a.probabilities() != null) {
                for (int c = 0; c < a.k(); c++) {
                    w.write(",p" + c);
                }
            }
            w.write('\n');
            for (int i = 0; i < a.size(); i++) {
                int idx = a.indices()[i];
                w.write(Integer.toString(idx));
                w.write(',');
                w.write(quote(data.id(idx)));
                w.write(',');
                w.write(Integer.toString(a.clusters()[i]));
                w.write(',');
                w.write(String.format(Locale.ROOT, "%.6f", a.confidence()[i]));
                if (labels) {
                    w.write(',');
                    w.write(Integer.toString(data.label(idx)));
                }
                if (a.probabilities() != null) {
                    for (int c = 0; c < a.k(); c++) {
                        w.write(',');
                        w.write(String.format(Locale.ROOT, "%.6f", a.probabilities()[i * a.k() + c]));
                    }
                }
                w.write('\n');
            }
            w.flush();
        });
    }

    private static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}

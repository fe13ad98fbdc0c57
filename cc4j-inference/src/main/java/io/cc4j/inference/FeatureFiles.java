package io.cc4j.inference;

import io.cc4j.InvalidInputException;
import io.cc4j.io.AtomicFiles;
import io.cc4j.io.NpyWriter;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/** Writes the features kept with assignments: {@code .npy} (float32) or {@code .csv} (index + one column per dimension). */
public final class FeatureFiles {
    private FeatureFiles() {
    }

    /** Writes by extension; anything but .csv is written as .npy. */
    public static void write(Path file, Assignments a) {
        if (a.features() == null) {
            throw new InvalidInputException("no features were computed for " + file);
        }
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            writeCsv(file, a);
        } else {
            NpyWriter.write(file, a.features(), a.size(), a.featureDim());
        }
    }

    private static void writeCsv(Path file, Assignments a) {
        int d = a.featureDim();
        AtomicFiles.write(file, raw -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(raw, StandardCharsets.UTF_8), 1 << 16);
            w.write("index");
            for (int j = 0; j < d; j++) {
                w.write(",f" + j);
            }
            w.write('\n');
            for (int i = 0; i < a.size(); i++) {
                w.write(Integer.toString(a.indices()[i]));
                for (int j = 0; j < d; j++) {
                    w.write(',');
                    w.write(Float.toString(a.features()[i * d + j]));
                }
                w.write('\n');
            }
            w.flush();
        });
    }
}

package io.cc4j.inference;

import io.cc4j.InvalidInputException;
import io.cc4j.data.ImageDataset;
import io.cc4j.io.AtomicFiles;
import io.cc4j.io.CsvLine;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Writes assignments as CSV: header {@code index,id,cluster,confidence} plus {@code label} where the dataset
 * has labels and {@code p0..p(K-1)} when probabilities were kept. The {@code id} is the file path for image
 * folders and the index otherwise. {@link #read(Path)} reads it back for the report; {@code cc4j evaluate} reads
 * its columns with {@link io.cc4j.metrics.LabelFiles}.
 */
public final class AssignmentsCsv {

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

    /**
     * Reads an assignments file, as this class writes it or as another tool made it.
     *
     * <p>The header must hold {@code index,id,cluster,confidence} (in any order, extra columns such as the
     * probabilities ignored) and may hold {@code label}; without an {@code id} column the id is the index.
     *
     * @param file the CSV
     * @return its rows
     * @throws InvalidInputException naming the file and line when it is missing, has no usable header or a bad row
     */
    public static Rows read(Path file) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String headerLine = in.readLine();
            if (headerLine == null) {
                throw new InvalidInputException(file + " is empty");
            }
            List<String> header;
            try {
                header = CsvLine.split(headerLine.strip());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(file + " line 1: " + e.getMessage());
            }
            int iIndex = column(file, header, "index", true);
            int iId = column(file, header, "id", false);
            int iCluster = column(file, header, "cluster", true);
            int iConf = column(file, header, "confidence", true);
            int iLabel = column(file, header, "label", false);
            List<int[]> ints = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            List<Double> confs = new ArrayList<>();
            String line;
            int lineNo = 1;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    List<String> f = CsvLine.split(line);
                    int idx = Integer.parseInt(f.get(iIndex).strip());
                    int c = Integer.parseInt(f.get(iCluster).strip());
                    double conf = Double.parseDouble(f.get(iConf).strip());
                    String lab = iLabel >= 0 ? f.get(iLabel).strip() : "";
                    if (idx < 0 || c < 0) {
                        throw new NumberFormatException("negative index or cluster");
                    }
                    ints.add(new int[] {idx, c, lab.isEmpty() ? -1 : Integer.parseInt(lab)});
                    ids.add(iId >= 0 ? f.get(iId) : Integer.toString(idx));
                    confs.add(conf);
                } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
                    throw new InvalidInputException(file + " line " + lineNo + " is not a valid row (" + e.getMessage()
                            + "): " + abbreviate(line));
                }
            }
            int n = ints.size();
            int[] index = new int[n];
            int[] cluster = new int[n];
            int[] label = iLabel >= 0 ? new int[n] : null;
            double[] confidence = new double[n];
            for (int i = 0; i < n; i++) {
                index[i] = ints.get(i)[0];
                cluster[i] = ints.get(i)[1];
                confidence[i] = confs.get(i);
                if (label != null) {
                    label[i] = ints.get(i)[2];
                }
            }
            // A label column of empty cells means no labels, not label -1 everywhere.
            if (label != null && Arrays.stream(label).allMatch(l -> l < 0)) {
                label = null;
            }
            return new Rows(index, ids.toArray(String[]::new), cluster, confidence, label);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static int column(Path file, List<String> header, String name, boolean required) {
        int i = header.indexOf(name);
        if (i < 0 && required) {
            throw new InvalidInputException(file + " has no \"" + name + "\" column in its header " + header);
        }
        return i;
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    private static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /**
     * The rows of an {@code assignments.csv}, in file order.
     *
     * @param indices dataset index of each row
     * @param ids image id of each row (its path for folders, else its index)
     * @param clusters cluster of each row
     * @param confidences confidence (largest cluster probability) of each row
     * @param labels label of each row, -1 where a row has none; null when the file has no labels
     */
    public record Rows(int[] indices, String[] ids, int[] clusters, double[] confidences, int[] labels) {
        /** Number of rows. */
        public int size() {
            return indices.length;
        }

        /** Dataset index of row {@code row}. */
        public int index(int row) {
            return indices[row];
        }

        /** Image id of row {@code row} (its path for folders, else its index). */
        public String id(int row) {
            return ids[row];
        }

        /** Cluster of row {@code row}. */
        public int cluster(int row) {
            return clusters[row];
        }

        /** Confidence (largest cluster probability) of row {@code row}. */
        public double confidence(int row) {
            return confidences[row];
        }

        /** Whether the file has a label column with values. */
        public boolean hasLabels() {
            return labels != null;
        }

        /** Label of row {@code row}, or -1 when this row has none; throws without a label column. */
        public int label(int row) {
            if (labels == null) {
                throw new UnsupportedOperationException("assignments have no labels");
            }
            return labels[row];
        }

        /** Number of clusters: one more than the largest cluster id (clusters may be empty). */
        public int clusterCount() {
            return Arrays.stream(clusters).max().orElse(-1) + 1;
        }

        /** Number of classes: one more than the largest label, or empty without labels. */
        public Optional<Integer> classCount() {
            return labels == null ? Optional.empty() : Optional.of(Arrays.stream(labels).max().orElse(-1) + 1);
        }

        /** Images per cluster, indexed by cluster id. */
        public long[] clusterSizes() {
            long[] sizes = new long[clusterCount()];
            for (int c : clusters) {
                sizes[c]++;
            }
            return sizes;
        }

        /** Counts of (cluster, label) pairs, rows without a label left out; throws without labels. */
        public long[][] contingency() {
            int classes = classCount()
                    .orElseThrow(() -> new UnsupportedOperationException("assignments have no labels"));
            long[][] counts = new long[clusterCount()][classes];
            for (int i = 0; i < size(); i++) {
                if (labels[i] >= 0) {
                    counts[clusters[i]][labels[i]]++;
                }
            }
            return counts;
        }
    }
}

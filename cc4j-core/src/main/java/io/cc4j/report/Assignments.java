package io.cc4j.report;

import io.cc4j.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The rows of an {@code assignments.csv}: for every image its dataset index, id, cluster, confidence and, when
 * the dataset has labels, its label.
 *
 * <p>The header must hold {@code index,id,cluster,confidence} (in any order, extra columns ignored) and may hold
 * {@code label}. Fields may be quoted as in RFC 4180, so ids that are file paths with commas survive.
 */
public final class Assignments {
    private final int[] index;
    private final String[] id;
    private final int[] cluster;
    private final double[] confidence;
    private final int[] label;

    private Assignments(int[] index, String[] id, int[] cluster, double[] confidence, int[] label) {
        this.index = index;
        this.id = id;
        this.cluster = cluster;
        this.confidence = confidence;
        this.label = label;
    }

    /**
     * Reads an assignments file.
     *
     * @param file the CSV
     * @return its rows
     * @throws InvalidInputException naming the file and line when it is missing, has no usable header or a bad row
     */
    public static Assignments read(Path file) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String headerLine = in.readLine();
            if (headerLine == null) {
                throw new InvalidInputException(file + " is empty");
            }
            List<String> header = Csv.split(headerLine.strip());
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
                List<String> f = Csv.split(line);
                try {
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
                } catch (IndexOutOfBoundsException | NumberFormatException e) {
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
            return new Assignments(index, ids.toArray(String[]::new), cluster, confidence, label);
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

    /** Number of rows. */
    public int size() {
        return index.length;
    }

    /** Dataset index of row {@code row}. */
    public int index(int row) {
        return index[row];
    }

    /** Image id of row {@code row} (its path for folders, else its index). */
    public String id(int row) {
        return id[row];
    }

    /** Cluster of row {@code row}. */
    public int cluster(int row) {
        return cluster[row];
    }

    /** Confidence (largest cluster probability) of row {@code row}. */
    public double confidence(int row) {
        return confidence[row];
    }

    /** Whether the file has a label column with values. */
    public boolean hasLabels() {
        return label != null;
    }

    /** Label of row {@code row}, or -1 when this row has none; throws without a label column. */
    public int label(int row) {
        if (label == null) {
            throw new UnsupportedOperationException("assignments have no labels");
        }
        return label[row];
    }

    /** Number of clusters: one more than the largest cluster id (clusters may be empty). */
    public int clusterCount() {
        return Arrays.stream(cluster).max().orElse(-1) + 1;
    }

    /** Number of classes: one more than the largest label, or empty without labels. */
    public Optional<Integer> classCount() {
        return label == null ? Optional.empty() : Optional.of(Arrays.stream(label).max().orElse(-1) + 1);
    }

    /** Images per cluster, indexed by cluster id. */
    public long[] clusterSizes() {
        long[] sizes = new long[clusterCount()];
        for (int c : cluster) {
            sizes[c]++;
        }
        return sizes;
    }

    /** Counts of (cluster, label) pairs, rows without a label left out; throws without labels. */
    public long[][] contingency() {
        int classes = classCount().orElseThrow(() -> new UnsupportedOperationException("assignments have no labels"));
        long[][] counts = new long[clusterCount()][classes];
        for (int i = 0; i < size(); i++) {
            if (label[i] >= 0) {
                counts[cluster[i]][label[i]]++;
            }
        }
        return counts;
    }
}

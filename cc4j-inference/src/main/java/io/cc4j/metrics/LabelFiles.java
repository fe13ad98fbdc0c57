package io.cc4j.metrics;

import io.cc4j.InvalidInputException;
import io.cc4j.io.CsvLine;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads integer labels or cluster ids from a file, for {@code cc4j evaluate} and for Java users.
 *
 * <p>Two formats are accepted and told apart by the first line:
 * <ul>
 *   <li>plain text: one integer per line (the first line is an integer);</li>
 *   <li>CSV with a header (the first line is not an integer and contains a comma or is the column name):
 *       the named column is read, e.g. {@code label} or {@code cluster} of the {@code assignments.csv} that
 *       {@code cc4j cluster} writes ({@code index,id,cluster,confidence[,label]}). Fields may be quoted as in
 *       RFC 4180 (a quoted field may hold commas, not line breaks).</li>
 * </ul>
 * Surrounding spaces, a UTF-8 byte-order mark and trailing empty lines are ignored. Every error names the
 * file and, where it applies, the line.
 */
public final class LabelFiles {
    /** Default column of ground-truth labels in a CSV file. */
    public static final String LABEL_COLUMN = "label";
    /** Default column of predicted clusters in a CSV file. */
    public static final String CLUSTER_COLUMN = "cluster";

    private LabelFiles() {
    }

    /**
     * Ground truth and predictions of the same samples, read from files and checked to have equal lengths.
     *
     * @param truth ground-truth class id per sample
     * @param pred predicted cluster id per sample
     */
    public record Pair(int[] truth, int[] pred) {
        /** @return the scores of {@link #pred} against {@link #truth} */
        public ClusteringScores scores() {
            return ClusteringScores.of(truth, pred);
        }
    }

    /**
     * Reads one column of integers.
     *
     * @param file plain text file (one integer per line) or CSV file with a header
     * @param column column to read when the file is a CSV; ignored for plain text
     * @return the integers, in file order; never empty
     * @throws InvalidInputException naming the file (and line) if it is missing, unreadable, empty, lacks the
     *     column or holds a non-integer
     */
    public static int[] read(Path file, String column) {
        return parse(file, requireColumn(column)).values(column);
    }

    /**
     * Reads ground truth and predictions and checks that they describe the same number of samples.
     *
     * @param labels file of ground-truth labels; when {@code null} they are read from {@code labelsColumn} of
     *     the predictions file, which must then be a CSV file (such as an {@code assignments.csv} of a labelled
     *     dataset)
     * @param labelsColumn CSV column of the labels, usually {@link #LABEL_COLUMN}
     * @param predictions file of predicted cluster ids
     * @param predictionsColumn CSV column of the predictions, usually {@link #CLUSTER_COLUMN}
     * @return both columns
     * @throws InvalidInputException naming the file at fault, also when the lengths differ
     */
    public static Pair readPair(Path labels, String labelsColumn, Path predictions, String predictionsColumn) {
        requireColumn(labelsColumn);
        requireColumn(predictionsColumn);
        Parsed predFile = parse(predictions, predictionsColumn);
        int[] pred = predFile.values(predictionsColumn);
        int[] truth;
        String truthSource;
        if (labels == null) {
            if (predFile.header == null) {
                throw new InvalidInputException("no labels file given and predictions file " + predictions
                        + " is plain text, not a CSV file with a '" + labelsColumn + "' column");
            }
            truth = predFile.values(labelsColumn);
            truthSource = "column '" + labelsColumn + "' of " + predictions;
        } else {
            truth = read(labels, labelsColumn);
            truthSource = "labels file " + labels;
        }
        if (truth.length != pred.length) {
            throw new InvalidInputException(truthSource + " has " + truth.length + " labels but predictions file "
                    + predictions + " has " + pred.length + " predictions");
        }
        return new Pair(truth, pred);
    }

    private static String requireColumn(String column) {
        if (column == null || column.isBlank()) {
            throw new InvalidInputException("column name must not be empty");
        }
        return column;
    }

    /** The lines of a file, with its CSV header when it has one. */
    private static final class Parsed {
        final Path file;
        final List<String> lines;
        final List<String> header; // null for plain text

        Parsed(Path file, List<String> lines, List<String> header) {
            this.file = file;
            this.lines = lines;
            this.header = header;
        }

        int[] values(String column) {
            if (header == null) {
                int[] out = new int[lines.size()];
                for (int i = 0; i < out.length; i++) {
                    String v = lines.get(i).trim();
                    if (v.isEmpty()) {
                        throw new InvalidInputException(file + " line " + (i + 1) + ": empty line");
                    }
                    out[i] = parseInt(v, file, i + 1, "");
                }
                return out;
            }
            int index = header.indexOf(column);
            if (index < 0) {
                throw new InvalidInputException(file + " has no column '" + column + "' (columns: "
                        + String.join(", ", header) + ")");
            }
            int rows = lines.size() - 1;
            if (rows == 0) {
                throw new InvalidInputException(file + " has a header but no rows");
            }
            int[] out = new int[rows];
            for (int i = 0; i < rows; i++) {
                int lineNo = i + 2;
                List<String> fields = splitCsv(lines.get(i + 1), file, lineNo);
                if (fields.size() <= index) {
                    throw new InvalidInputException(file + " line " + lineNo + ": " + fields.size()
                            + " fields, no value for column '" + column + "' (field " + (index + 1) + ")");
                }
                out[i] = parseInt(fields.get(index).trim(), file, lineNo, " column '" + column + "'");
            }
            return out;
        }
    }

    private static Parsed parse(Path file, String column) {
        List<String> lines = readLines(file);
        if (lines.isEmpty()) {
            throw new InvalidInputException(file + " is empty: expected one integer per line or a CSV header");
        }
        String first = lines.get(0).trim();
        if (isInteger(first)) {
            return new Parsed(file, lines, null);
        }
        if (first.contains(",") || first.equals(column) || first.equals("\"" + column + "\"")) {
            List<String> header = new ArrayList<>();
            for (String h : splitCsv(first, file, 1)) {
                header.add(h.trim());
            }
            return new Parsed(file, lines, header);
        }
        throw new InvalidInputException(file + " line 1: '" + first
                + "' is not an integer (nor a CSV header with a '" + column + "' column)");
    }

    private static List<String> readLines(Path file) {
        if (!Files.exists(file)) {
            throw new InvalidInputException("file not found: " + file);
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("not a regular file: " + file);
        }
        List<String> lines;
        try {
            lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("file not found: " + file, e);
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(file + " is not UTF-8 text", e);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (!lines.isEmpty() && lines.get(0).startsWith("\uFEFF")) {
            lines.set(0, lines.get(0).substring(1));
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    private static boolean isInteger(String s) {
        try {
            Integer.parseInt(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static int parseInt(String s, Path file, int lineNo, String what) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(file + " line " + lineNo + what + ": '" + s + "' is not an integer");
        }
    }

    /** Splits one CSV line ({@link CsvLine}), naming the file and line when a quoted field is not closed. */
    static List<String> splitCsv(String line, Path file, int lineNo) {
        try {
            return CsvLine.split(line);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(file + " line " + lineNo + ": " + e.getMessage());
        }
    }
}

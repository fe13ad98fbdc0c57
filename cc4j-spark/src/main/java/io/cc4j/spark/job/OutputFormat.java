package io.cc4j.spark.job;

import io.cc4j.InvalidInputException;
import io.cc4j.option.InvalidSettingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.StructField;

/** How a Spark job writes its rows: Parquet keeps the arrays; CSV spreads them over numbered columns. */
public enum OutputFormat {
    PARQUET,
    CSV;

    /** Parses "parquet" or "csv". */
    public static OutputFormat of(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "parquet" -> PARQUET;
            case "csv" -> CSV;
            default -> throw new InvalidInputException("unknown output format '" + name + "'; use parquet or csv");
        };
    }

    /**
     * Writes rows to a directory of part files (Spark's layout), refusing an existing directory unless asked. The
     * rows go to a hidden sibling first ({@link StagedOutput}), which takes the final name only once the job has
     * succeeded: a failed job leaves no output directory, and a failed overwrite leaves the old output as it was.
     *
     * @param rows the rows
     * @param out the directory (any Hadoop path)
     * @param arrayWidths for CSV: how many numbered columns each array column spreads over, by column name
     * @param overwrite whether to replace an existing directory
     * @param inputs the paths or dataset specs the job reads (the model, the data): an overwrite that would delete
     *     one of them is refused
     */
    public void write(Dataset<Row> rows, String out, java.util.Map<String, Integer> arrayWidths, boolean overwrite,
            List<String> inputs) {
        org.apache.hadoop.conf.Configuration conf = rows.sparkSession().sparkContext().hadoopConfiguration();
        if (overwrite) {
            refuseReplacingInputs(conf, out, inputs);
        }
        StagedOutput.write(conf, out, overwrite, staging -> writeTo(rows, staging, arrayWidths));
    }

    private void writeTo(Dataset<Row> rows, String out, java.util.Map<String, Integer> arrayWidths) {
        SaveMode mode = SaveMode.ErrorIfExists;
        if (this == PARQUET) {
            rows.write().mode(mode).parquet(out);
            return;
        }
        List<Column> flat = new ArrayList<>();
        for (StructField f : rows.schema().fields()) {
            if (f.dataType() instanceof ArrayType) {
                String prefix = f.name().equals("probabilities") ? "p" : f.name().equals("features") ? "f" : f.name();
                int width = arrayWidths.getOrDefault(f.name(), 0);
                for (int i = 0; i < width; i++) {
                    flat.add(rows.col(f.name()).getItem(i).as(prefix + i));
                }
            } else {
                flat.add(rows.col(f.name()));
            }
        }
        rows.select(flat.toArray(Column[]::new)).write().mode(mode).option("header", "true").csv(out);
    }

    /** A dataset spec "name:DIR" (not a URI such as hdfs://...). */
    private static final java.util.regex.Pattern DATASET_SPEC = java.util.regex.Pattern.compile("^[a-z0-9-]+:(?!//)(.+)$");

    /** Replacing {@code out} deletes everything below it: refuse when an input is there. */
    static void refuseReplacingInputs(org.apache.hadoop.conf.Configuration conf, String out, List<String> inputs) {
        String target = qualified(conf, out);
        for (String input : inputs) {
            if (input == null || input.isBlank()) {
                continue;
            }
            // A dataset spec "name:DIR" reads DIR; a URI (hdfs://...) or a plain path is itself.
            java.util.regex.Matcher spec = DATASET_SPEC.matcher(input);
            String path = spec.matches() ? spec.group(1) : input;
            if (!spec.matches() && !input.contains("/") && !java.nio.file.Files.exists(java.nio.file.Path.of(input))) {
                continue; // a bare dataset name such as fashion-mnist: installed data, not below the output
            }
            String source = qualified(conf, path);
            if (source.equals(target) || source.startsWith(target.endsWith("/") ? target : target + "/")) {
                throw InvalidSettingException.naming(List.of("overwrite", "out"), n -> n.get(0) + " would delete "
                        + input + ": it is in the output directory " + out + "; choose another " + n.get(1));
            }
        }
    }

    private static String qualified(org.apache.hadoop.conf.Configuration conf, String path) {
        try {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
            return p.getFileSystem(conf).makeQualified(p).toString();
        } catch (java.io.IOException | IllegalArgumentException e) {
            return path;
        }
    }

    /**
     * Reads back what {@link #write} wrote (CSV columns as text).
     *
     * @param spark the session
     * @param out the directory
     * @return its rows
     */
    public Dataset<Row> read(SparkSession spark, String out) {
        return this == PARQUET ? spark.read().parquet(out) : spark.read().option("header", "true").csv(out);
    }

    /** @return a column as an int, whatever the format stored it as */
    static Column asInt(Dataset<Row> rows, String name) {
        return functions.col(name).cast("int");
    }
}

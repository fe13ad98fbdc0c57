package io.cc4j.spark.job;

import io.cc4j.InvalidInputException;
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
     * Writes rows to a directory of part files (Spark's layout), refusing an existing directory unless asked.
     *
     * @param rows the rows
     * @param out the directory (any Hadoop path)
     * @param arrayWidths for CSV: how many numbered columns each array column spreads over, by column name
     * @param overwrite whether to replace an existing directory
     */
    public void write(Dataset<Row> rows, String out, java.util.Map<String, Integer> arrayWidths, boolean overwrite) {
        SaveMode mode = overwrite ? SaveMode.Overwrite : SaveMode.ErrorIfExists;
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

package io.cc4j.spark.data;

import io.cc4j.data.ImageDataset;
import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** Turns a range of image indices into rows of {@link ImageFrames#schema()}, reading the dataset where it runs. */
final class SpecPartition implements MapPartitionsFunction<Long, Row> {
    private static final long serialVersionUID = 1L;

    private final String spec;

    SpecPartition(String spec) {
        this.spec = spec;
    }

    @Override
    public Iterator<Row> call(Iterator<Long> indices) {
        ImageDataset data = OpenDatasets.get(spec);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return indices.hasNext();
            }

            @Override
            public Row next() {
                int i = Math.toIntExact(indices.next());
                String id = data.id(i);
                Integer label = data.hasLabels() ? data.label(i) : null;
                return RowFactory.create((long) i, id, label, SparkImages.toRow(data.image(i), id));
            }
        };
    }
}

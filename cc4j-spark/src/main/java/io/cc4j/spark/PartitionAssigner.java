package io.cc4j.spark;

import io.cc4j.data.RawImage;
import io.cc4j.inference.Prediction;
import io.cc4j.model.FeatureKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.SerializableConfiguration;

/**
 * The work of {@link ClusterAssignmentTransformer} on one partition: rows are read a batch at a time, decoded one
 * by one (a bad image becomes an error for its row only), predicted together in one call to the JVM's shared
 * predictor, and handed on, so a partition of any size holds one batch in memory.
 */
final class PartitionAssigner implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    private final PredictorOptions options;
    private final int threads;
    private final Broadcast<SerializableConfiguration> hadoopConf;
    private final InputKind kind;
    private final int inputIndex;
    private final int sourceIndex;
    private final boolean probabilities;
    private final FeatureKind features;

    /**
     * @param options the model and its options
     * @param threads libtorch threads for the executor's first load, or 0
     * @param hadoopConf the configuration to read the model with
     * @param kind what the input column holds
     * @param inputIndex the input column
     * @param sourceIndex a string column naming each image for messages, or -1
     * @param probabilities whether to output the K probabilities
     * @param features which features to output, or null
     */
    PartitionAssigner(PredictorOptions options, int threads, Broadcast<SerializableConfiguration> hadoopConf,
            InputKind kind, int inputIndex, int sourceIndex, boolean probabilities, FeatureKind features) {
        this.options = options;
        this.threads = threads;
        this.hadoopConf = hadoopConf;
        this.kind = kind;
        this.inputIndex = inputIndex;
        this.sourceIndex = sourceIndex;
        this.probabilities = probabilities;
        this.features = features;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        return new Batches(rows);
    }

    /** The output rows, produced one batch at a time as Spark asks for them. */
    private final class Batches implements Iterator<Row> {
        private final Iterator<Row> rows;
        private final ArrayDeque<Row> ready = new ArrayDeque<>();
        private PredictorCache.Lease lease;

        Batches(Iterator<Row> rows) {
            this.rows = rows;
        }

        @Override
        public boolean hasNext() {
            if (ready.isEmpty() && !rows.hasNext()) {
                release();
                return false;
            }
            return true;
        }

        @Override
        public Row next() {
            if (ready.isEmpty()) {
                if (!rows.hasNext()) {
                    throw new NoSuchElementException();
                }
                nextBatch();
            }
            return ready.poll();
        }

        private void nextBatch() {
            List<Row> batch = new ArrayList<>(options.batchSize());
            while (batch.size() < options.batchSize() && rows.hasNext()) {
                batch.add(rows.next());
            }
            PredictorCache.Lease l = lease();
            List<RawImage> images = new ArrayList<>(batch.size());
            String[] errors = new String[batch.size()];
            for (int i = 0; i < batch.size(); i++) {
                Row row = batch.get(i);
                String source = sourceIndex < 0 || row.isNullAt(sourceIndex) ? null : row.getString(sourceIndex);
                try {
                    images.add(kind.decode(row, inputIndex, source, l.predictor().decoder()));
                } catch (RuntimeException e) {
                    errors[i] = message(e);
                }
            }
            List<Prediction> predicted = images.isEmpty() ? List.of() : l.predictor().batchPredict(images, features);
            int next = 0;
            for (int i = 0; i < batch.size(); i++) {
                ready.add(errors[i] == null ? output(batch.get(i), predicted.get(next++), null)
                        : output(batch.get(i), null, errors[i]));
            }
        }

        private PredictorCache.Lease lease() {
            if (lease == null) {
                lease = PredictorCache.acquire(options, threads, () -> hadoopConf.value().value());
                TaskContext task = TaskContext.get();
                if (task != null) {
                    // Also released when the task fails or stops reading early (a limit).
                    task.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) context -> release());
                }
            }
            return lease;
        }

        private void release() {
            if (lease != null) {
                lease.close();
            }
        }
    }

    /** The input row's values followed by cluster, confidence, [probabilities], [features], error. */
    private Row output(Row in, Prediction p, String error) {
        int extra = 3 + (probabilities ? 1 : 0) + (features != null ? 1 : 0);
        Object[] values = new Object[in.length() + extra];
        for (int i = 0; i < in.length(); i++) {
            values[i] = in.get(i);
        }
        int at = in.length();
        values[at++] = p == null ? null : p.cluster();
        values[at++] = p == null ? null : p.confidence();
        if (probabilities) {
            values[at++] = p == null ? null : p.probabilities();
        }
        if (features != null) {
            values[at++] = p == null ? null : p.features();
        }
        values[at] = error;
        return RowFactory.create(values);
    }

    private static String message(RuntimeException e) {
        String m = e.getMessage();
        return e instanceof io.cc4j.InvalidInputException ? m : e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}

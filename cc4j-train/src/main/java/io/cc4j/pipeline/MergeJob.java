package io.cc4j.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cc4j.cluster.ClusterMerge;
import io.cc4j.cluster.FeatureMatrix;
import io.cc4j.cluster.Linkage;
import io.cc4j.data.DatasetSpec;
import io.cc4j.data.ImageDataset;
import io.cc4j.engine.EngineSupport;
import io.cc4j.inference.Assignments;
import io.cc4j.inference.AssignmentsCsv;
import io.cc4j.inference.ClusterPredictor;
import io.cc4j.io.AtomicFiles;
import io.cc4j.metrics.ClusteringScores;
import io.cc4j.model.ContrastiveModel;
import io.cc4j.model.FeatureKind;
import io.cc4j.model.store.StoredModel;
import io.cc4j.option.InvalidSettingException;
import io.cc4j.run.RunLayout;
import io.cc4j.train.DataLimits;
import io.cc4j.train.TrainConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;

/**
 * What {@code cc4j merge} runs: a model trained with more clusters than wanted (over-clustering) is merged down to
 * K by average-linkage agglomeration of its clusters, compared by the cluster head's last-layer rows or by the
 * probability-weighted centroids of the instance features ({@link ClusterMerge}). The merged assignments (the
 * merged clusters' probabilities summed, then the argmax) are written like any other, and the mapping is kept in
 * the run ({@code merge-K.json}).
 */
public final class MergeJob {
    /** What the clusters are compared by. */
    public enum By {
        /** The rows of the cluster head's last layer (cosine similarity). */
        HEAD,
        /** Probability-weighted centroids of the instance features. */
        CENTROIDS
    }

    /** What the merge did. */
    public record Outcome(ClusterMerge merge, Assignments assignments, ClusteringScores scores, Path mappingFile) {
    }

    private final Path runDir;
    private final int into;
    private final By by;
    private final List<String> data;
    private final Path out;
    private final int threads;

    private MergeJob(Path runDir, int into, By by, List<String> data, Path out, int threads) {
        this.runDir = runDir;
        this.into = into;
        this.by = by;
        this.data = data;
        this.out = out;
        this.threads = threads;
    }

    /**
     * @param runDir the over-clustered run
     * @param into the number of clusters wanted
     * @param by what clusters are compared by
     * @param data dataset specs to assign, or empty for the run's own data
     * @param out the CSV of merged assignments
     * @param threads engine threads (0: all cores)
     * @return the job
     */
    public static MergeJob of(Path runDir, int into, By by, List<String> data, Path out, int threads) {
        if (into < 2) {
            throw InvalidSettingException.naming("into", name -> "merging needs at least 2 clusters to merge into, got "
                    + into + " (" + name + ")");
        }
        if (out == null) {
            throw InvalidSettingException.naming("out", name -> name + " (the CSV of merged assignments) must be given");
        }
        return new MergeJob(runDir, into, by, data == null ? List.of() : data, out, threads);
    }

    /**
     * @param progress receives images done, or null
     * @return the merge, the merged assignments and, with labels, their scores
     */
    public Outcome run(IntConsumer progress) {
        EngineSupport.configure(EngineSupport.orAllCores(threads));
        try (ClusterPredictor predictor = ClusterPredictor.load(runDir)) {
            int k = predictor.clusters();
            if (into >= k) {
                throw InvalidSettingException.naming("into", name -> "the model has " + k + " clusters; " + name
                        + " must be smaller, got " + into);
            }
            List<String> specs = data.isEmpty() ? TrainConfig.fromJson(predictor.header().orElseThrow().configJson(),
                    runDir.toString()).get(DataLimits.DATA) : data;
            if (specs.isEmpty()) {
                throw InvalidSettingException.naming("data", name -> "the run " + runDir + " names no dataset; give "
                        + name);
            }
            try (ImageDataset dataset = DatasetSpec.openAll(specs)) {
                int[] all = new int[dataset.size()];
                java.util.Arrays.setAll(all, i -> i);
                Assignments a = predictor.predict(dataset, all, true, by == By.CENTROIDS ? FeatureKind.INSTANCE : null,
                        progress);
                ClusterMerge merge = by == By.HEAD ? ClusterMerge.byHeadWeights(headRows(), k,
                        predictor.spec().representationDim(), into)
                        : ClusterMerge.bySoftCentroids(FeatureMatrix.of(a.features(), a.size(), a.featureDim()),
                                a.probabilities(), k, into, Linkage.AVERAGE);
                float[] merged = merge.remapProbabilities(a.probabilities(), a.size());
                int[] clusters = ClusterMerge.argmax(merged, a.size(), into);
                float[] confidence = new float[a.size()];
                for (int i = 0; i < confidence.length; i++) {
                    confidence[i] = merged[i * into + clusters[i]];
                }
                Assignments result = new Assignments(a.indices(), clusters, confidence, merged, into, null, 0);
                AssignmentsCsv.write(out, result, dataset);
                Path mapping = writeMapping(merge);
                ClusteringScores scores = dataset.hasLabels() ? ClusteringScores.of(ClusterJob.labels(dataset, result),
                        clusters) : null;
                return new Outcome(merge, result, scores, mapping);
            }
        }
    }

    private float[] headRows() {
        StoredModel stored = RunLayout.of(runDir).newestModel();
        try (ContrastiveModel model = stored.model()) {
            return model.network().clusterHead().outputWeight().toFloatArray();
        }
    }

    private Path writeMapping(ClusterMerge merge) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("from", merge.clusters()).put("into", merge.into()).put("by", by.name().toLowerCase(Locale.ROOT));
        root.putPOJO("mapping", merge.mapping());
        root.putPOJO("groups", merge.groups());
        Path file = RunLayout.of(runDir).mergeMapping(into);
        try {
            AtomicFiles.writeString(file, json.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the merge", e);
        }
        return file;
    }
}

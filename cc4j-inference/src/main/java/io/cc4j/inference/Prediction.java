package io.cc4j.inference;

import java.util.Arrays;

/**
 * The answer for one image: its cluster, the confidence of that choice, the K cluster probabilities and, when
 * asked for, its features. A value: equal predictions have equal contents.
 */
public final class Prediction {
    private final int cluster;
    private final float confidence;
    private final float[] probabilities;
    private final float[] features;

    /**
     * @param cluster the cluster, 0..K-1
     * @param confidence the probability of that cluster (for k-means: {@code 1 / (1 + distance)})
     * @param probabilities the K cluster probabilities (copied), or an empty array for k-means
     * @param features the requested features (copied), or null
     */
    public Prediction(int cluster, float confidence, float[] probabilities, float[] features) {
        this.cluster = cluster;
        this.confidence = confidence;
        this.probabilities = probabilities.clone();
        this.features = features == null ? null : features.clone();
    }

    /** @return the cluster, 0..K-1 */
    public int cluster() {
        return cluster;
    }

    /** @return the probability of the chosen cluster (k-means: {@code 1 / (1 + distance)}) */
    public float confidence() {
        return confidence;
    }

    /** @return a copy of the K cluster probabilities (empty for k-means) */
    public float[] probabilities() {
        return probabilities.clone();
    }

    /** @return a copy of the requested features, or null when none were requested */
    public float[] features() {
        return features == null ? null : features.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Prediction p && cluster == p.cluster && Float.compare(confidence, p.confidence) == 0
                && Arrays.equals(probabilities, p.probabilities) && Arrays.equals(features, p.features);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * cluster + Float.hashCode(confidence)) + Arrays.hashCode(probabilities);
    }

    @Override
    public String toString() {
        return "Prediction[cluster=" + cluster + ", confidence=" + confidence + "]";
    }
}

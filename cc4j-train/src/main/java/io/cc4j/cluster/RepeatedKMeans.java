package io.cc4j.cluster;

import io.cc4j.InvalidInputException;
import io.cc4j.Seeds;

/**
 * How a measure of K runs its many k-means fits (the estimator's fit at each K, the gap statistic's reference
 * fits, the stability measure's runs): every fit with the same k-means++ starts and Lloyd iterations, and with a
 * seed of its own derived from the measure's one seed and what the fit is for, so that no fit depends on which
 * others ran.
 */
public final class RepeatedKMeans {
    private final int restarts;
    private final int maxIterations;
    private final long seed;

    private RepeatedKMeans(BaseBuilder<?> b) {
        this.restarts = b.restarts;
        this.maxIterations = b.maxIterations;
        this.seed = b.seed;
    }

    /** @return k-means++ starts of each fit */
    public int restarts() {
        return restarts;
    }

    /** @return Lloyd iterations of each fit at the most */
    public int maxIterations() {
        return maxIterations;
    }

    /** @return the seed every fit and every sample derives from */
    public long seed() {
        return seed;
    }

    /** The seed of one fit or one random draw, from the measure's seed and what it is for. */
    long derivedSeed(long... purpose) {
        return Seeds.derive(seed, purpose);
    }

    /**
     * Fits k-means to all rows of {@code data}.
     *
     * @param purpose what the fit is for (see {@link ClusterSeeds}) and its indices: its seed derives from them
     */
    KMeansResult fit(FeatureMatrix data, int k, long... purpose) {
        return KMeans.builder().setK(k).optNInit(restarts).optMaxIterations(maxIterations)
                .optSeed(derivedSeed(purpose)).build().fit(data.values(), data.rows(), data.dimension());
    }

    /**
     * The options of the repeated fits, which the builder of each measure of K extends; each is validated as it is
     * set, and a message names the measure.
     *
     * @param <B> the measure's builder
     */
    public abstract static class BaseBuilder<B extends BaseBuilder<B>> {
        private final String measure;
        private int restarts;
        private int maxIterations = 300;
        private long seed = 42;

        BaseBuilder(String measure, int restarts) {
            this.measure = measure;
            this.restarts = restarts;
        }

        /**
         * @param restarts k-means++ starts per fit, at least 1 (the default is the measure's)
         * @return this builder
         */
        public B optRestarts(int restarts) {
            if (restarts < 1) {
                throw new InvalidInputException(measure + ": restarts must be at least 1, got " + restarts);
            }
            this.restarts = restarts;
            return self();
        }

        /**
         * @param maxIterations Lloyd iterations per fit, at least 1 (default 300)
         * @return this builder
         */
        public B optMaxIterations(int maxIterations) {
            if (maxIterations < 1) {
                throw new InvalidInputException(measure + ": max iterations must be at least 1, got "
                        + maxIterations);
            }
            this.maxIterations = maxIterations;
            return self();
        }

        /**
         * @param seed the seed every fit, sample and reference data set of the measure derives from (default 42)
         * @return this builder
         */
        public B optSeed(long seed) {
            this.seed = seed;
            return self();
        }

        /** @return this builder, as the measure's own type */
        abstract B self();

        /** @return the fits as set so far */
        RepeatedKMeans fits() {
            return new RepeatedKMeans(this);
        }
    }
}

package io.cc4j.spark;

import io.cc4j.engine.EngineSupport;
import io.cc4j.inference.ClusterPredictor;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The predictors of one JVM (a Spark executor, or the driver in local mode): each model is copied and loaded
 * once, on the first task that needs it, and shared by every later task and thread, since a
 * {@link ClusterPredictor} is thread-safe. Tasks take a {@link Lease} for as long as they use one.
 *
 * <p>At JVM shutdown the predictors no task holds are closed and their temporary copies deleted; a predictor
 * still in use is left to the end of the process rather than freed under a running forward pass.
 */
public final class PredictorCache {
    private static final Logger LOG = LoggerFactory.getLogger(PredictorCache.class);
    private static final Map<PredictorOptions, Entry> ENTRIES = new ConcurrentHashMap<>();
    private static final AtomicInteger LOADS = new AtomicInteger();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(PredictorCache::closeIdle, "cc4j-predictor-cache"));
    }

    private PredictorCache() {
    }

    /**
     * Returns the JVM's predictor for these options, loading it first if no task has.
     *
     * @param options the model and its options
     * @param threads libtorch's intra-op threads to set when this JVM loads the model, or 0 for the executor's cores
     *     ({@link ExecutorCores})
     * @param hadoopConf the Hadoop configuration to read the model with; asked for only when loading
     * @return a lease on the predictor; close it when the task is done with it
     */
    public static Lease acquire(PredictorOptions options, int threads, Supplier<Configuration> hadoopConf) {
        while (true) {
            Entry entry = ENTRIES.computeIfAbsent(options, Entry::new);
            Lease lease = entry.lease(threads, hadoopConf);
            if (lease != null) {
                return lease;
            }
            ENTRIES.remove(options, entry);
        }
    }

    /** @return how many models this JVM has loaded so far (a test checks "once per JVM" with it) */
    public static int loads() {
        return LOADS.get();
    }

    /** Closes and forgets every predictor no task holds (tests; and at JVM shutdown). */
    public static void closeIdle() {
        for (Entry e : List.copyOf(ENTRIES.values())) {
            if (e.closeIfIdle()) {
                ENTRIES.remove(e.options, e);
            }
        }
    }

    /** A task's hold on a shared predictor. */
    public static final class Lease implements AutoCloseable {
        private final Entry entry;
        private boolean closed;

        private Lease(Entry entry) {
            this.entry = entry;
        }

        /** @return the shared predictor; never close it */
        public ClusterPredictor predictor() {
            return entry.predictor;
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                entry.release();
            }
        }
    }

    /** One model: loaded once, then leased. */
    private static final class Entry {
        private final PredictorOptions options;
        private ClusterPredictor predictor;
        private ModelFiles.Local files;
        private int leases;
        private boolean closed;

        Entry(PredictorOptions options) {
            this.options = options;
        }

        /** @return a lease, or null when this entry was closed meanwhile */
        synchronized Lease lease(int threads, Supplier<Configuration> hadoopConf) {
            if (closed) {
                return null;
            }
            if (predictor == null) {
                long start = System.nanoTime();
                int cores = ExecutorCores.get();
                int engineThreads = threads > 0 ? threads : cores;
                int workers = options.workers() > 0 ? options.workers() : cores;
                EngineSupport.configure(engineThreads);
                ModelFiles.Local local = ModelFiles.fetch(options.modelPath(), hadoopConf.get());
                try {
                    predictor = options.load(local.path(), workers);
                } catch (RuntimeException e) {
                    ModelFiles.deleteQuietly(local.temporary());
                    throw e;
                }
                files = local;
                LOADS.incrementAndGet();
                LOG.info("loaded {} in {} ms ({}; {} libtorch threads, {} image workers)", options.modelPath(),
                        (System.nanoTime() - start) / 1_000_000,
                        local.temporary() == null ? "read in place" : "copied to " + local.path(), engineThreads, workers);
            }
            leases++;
            return new Lease(this);
        }

        synchronized void release() {
            leases--;
        }

        synchronized boolean closeIfIdle() {
            if (leases > 0) {
                return false;
            }
            closed = true;
            if (predictor != null) {
                predictor.close();
                ModelFiles.deleteQuietly(files.temporary());
                predictor = null;
            }
            return true;
        }
    }
}

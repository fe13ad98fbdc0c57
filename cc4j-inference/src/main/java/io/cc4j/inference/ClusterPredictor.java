package io.cc4j.inference;

import io.cc4j.InvalidInputException;
import io.cc4j.data.ImageDataset;
import io.cc4j.data.ImageDecoder;
import io.cc4j.data.RawImage;
import io.cc4j.model.ContrastiveModel;
import io.cc4j.model.FeatureKind;
import io.cc4j.model.ModelSpec;
import io.cc4j.model.store.Checkpoint;
import io.cc4j.model.store.StoredModel;
import io.cc4j.run.RunLayout;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * A trained model ready to assign new images online, loaded once and reused:
 *
 * <pre>{@code
 * try (ClusterPredictor predictor = ClusterPredictor.load(Path.of("runs/c10"))) {
 *     Prediction p = predictor.predict(bufferedImage);     // or bytes of a PNG/JPEG, or a RawImage
 *     int cluster = p.cluster();
 *     Assignments all = predictor.predict(dataset);         // batched, the next batch prepared meanwhile
 * }
 * }</pre>
 *
 * <p>An image goes through the one decoding path of {@code io.cc4j.data}, the test transform (resize to the
 * model's input size, grey replicated to RGB) and the network in eval mode (BatchNorm running statistics) with no
 * gradient; its cluster is the argmax of the cluster head, or with {@link AssignmentMethod#KMEANS} the nearest
 * centroid of the paper's k-means ablation saved with the run.
 *
 * <p><b>Thread safety.</b> All methods may be called from any number of threads at once. Images are prepared in
 * parallel on the predictor's own worker pool; forward passes take turns (libtorch spreads each over its own
 * threads). Callers wanting fewer, larger passes merge requests themselves ({@link #batchPredict}).
 *
 * <p><b>No global side effects.</b> Loading starts DJL's PyTorch engine if it is not running, and otherwise
 * changes nothing in the process: no system property, no thread count, no random seed. The worker pool and the
 * network's native memory are held until {@link #close()}.
 */
public final class ClusterPredictor implements AutoCloseable {
    private final ModelSpec spec;
    private final ContrastiveModel model;
    private final boolean ownsModel;
    private final Checkpoint.Header header;
    private final Path checkpoint;
    private final AssignmentMethod method;
    private final Centroids centroids;
    private final int batchSize;
    private final InputPreparer inputs;
    private final ModelRunner runner;
    private final ImageDecoder decoder;

    private ClusterPredictor(ModelSpec spec, ContrastiveModel model, boolean ownsModel, Checkpoint.Header header,
            Path checkpoint, AssignmentMethod method, Centroids centroids, int batchSize, int workers,
            ImageDecoder decoder) {
        this.spec = spec;
        this.model = model;
        this.ownsModel = ownsModel;
        this.header = header;
        this.checkpoint = checkpoint;
        this.method = method;
        this.centroids = centroids;
        this.batchSize = batchSize;
        this.inputs = new InputPreparer(spec.imageSize(), workers);
        this.runner = new ModelRunner(model, spec.imageSize());
        this.decoder = decoder;
    }

    /**
     * Loads the newest checkpoint of a run directory, with the cluster head and default options.
     *
     * @param runDir a run directory written by training or {@code cc4j import}
     * @return the predictor
     * @throws InvalidInputException naming the directory or file when there is no readable model
     */
    public static ClusterPredictor load(Path runDir) {
        return builder().setRunDirectory(runDir).build();
    }

    /** @return a builder; a run directory or a checkpoint file is required */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A predictor over a model the caller holds (for instance one being trained); closing the predictor
     * leaves the model open.
     *
     * @param model the network
     * @param spec its spec (input size and K)
     * @param batchSize images per forward pass for datasets
     * @param workers threads preparing images
     * @return the predictor
     */
    public static ClusterPredictor over(ContrastiveModel model, ModelSpec spec, int batchSize, int workers) {
        return new ClusterPredictor(spec, model, false, null, null, AssignmentMethod.CLUSTER_HEAD, null,
                Math.max(1, batchSize), Math.max(1, workers), ImageDecoder.standard());
    }

    /** @return the model's spec: backbone, stem, width, K, input size */
    public ModelSpec spec() {
        return spec;
    }

    /** @return K, the number of clusters */
    public int clusters() {
        return method == AssignmentMethod.KMEANS ? centroids.k() : spec.clusters();
    }

    /** @return the decoder used for encoded and in-memory images */
    public ImageDecoder decoder() {
        return decoder;
    }

    /** @return how images are assigned */
    public AssignmentMethod method() {
        return method;
    }

    /** @return the checkpoint's header (epoch, provenance, configuration), empty for {@link #over} predictors */
    public Optional<Checkpoint.Header> header() {
        return Optional.ofNullable(header);
    }

    /** @return true if the backbone runs on channels-last (NHWC) data, false if on channels-first (NCHW) */
    public boolean channelsLast() {
        return model.isChannelsLast();
    }

    /** @return the checkpoint file loaded, empty for {@link #over} predictors */
    public Optional<Path> checkpoint() {
        return Optional.ofNullable(checkpoint);
    }

    /**
     * @param image a decoded image (1 or 3 channels, any size)
     * @return its prediction (without features)
     */
    public Prediction predict(RawImage image) {
        return batchPredict(List.of(image), null).get(0);
    }

    /**
     * @param image an image in memory; converted through the one decoding path (grey stays grey, alpha dropped)
     * @return its prediction
     */
    public Prediction predict(BufferedImage image) {
        return predict(decoder.convert(image));
    }

    /**
     * @param encoded the bytes of a PNG, JPEG, BMP or GIF file
     * @return its prediction
     * @throws InvalidInputException when the bytes are not a decodable image, or declare more pixels than the
     *     decoder's limit ({@link io.cc4j.data.ImageTooLargeException}, decided from the header)
     */
    public Prediction predict(byte[] encoded) {
        return predict(decoder.decode(encoded, "image bytes"));
    }

    /**
     * Predicts several images in as few forward passes as the batch size allows.
     *
     * @param images decoded images
     * @return one prediction per image, in order
     */
    public List<Prediction> batchPredict(List<RawImage> images) {
        return batchPredict(images, null);
    }

    /**
     * Predicts several images, with features.
     *
     * @param images decoded images
     * @param features which features to return with each prediction, or null for none
     * @return one prediction per image, in order
     */
    public List<Prediction> batchPredict(List<RawImage> images, FeatureKind features) {
        List<Prediction> out = new ArrayList<>(images.size());
        for (int from = 0; from < images.size(); from += batchSize) {
            List<RawImage> part = images.subList(from, Math.min(images.size(), from + batchSize));
            Batch batch = forward(inputs.prepare(part), part.size(), features);
            for (int i = 0; i < part.size(); i++) {
                out.add(batch.prediction(i));
            }
        }
        return out;
    }

    /**
     * Predicts several in-memory images.
     *
     * @param images images in memory
     * @return one prediction per image, in order
     */
    public List<Prediction> batchPredictImages(List<BufferedImage> images) {
        return batchPredict(images.stream().map(decoder::convert).toList());
    }

    /**
     * Assigns every image of a dataset.
     *
     * @param data the images
     * @return their assignments, without probabilities or features
     */
    public Assignments predict(ImageDataset data) {
        int[] all = new int[data.size()];
        java.util.Arrays.setAll(all, i -> i);
        return predict(data, all, false, null, null);
    }

    /**
     * Assigns images of a dataset batch by batch; the next batch is read and resized while the network runs.
     *
     * @param data the images
     * @param indices which images, in the order wanted
     * @param probabilities whether to keep the K probabilities of each image
     * @param features which features to keep, or null for none
     * @param progress receives the number of images done after each batch, or null
     * @return the assignments
     */
    public Assignments predict(ImageDataset data, int[] indices, boolean probabilities, FeatureKind features,
            IntConsumer progress) {
        return new DatasetPass(this, data, indices, probabilities, features, progress, null).run();
    }

    /**
     * As {@link #predict(ImageDataset, int[], boolean, FeatureKind, IntConsumer)}, but an image that cannot be read
     * is left out of the result (which then has fewer rows than {@code indices}) and reported to
     * {@code onUnreadable}, instead of failing the pass.
     *
     * @param data the images
     * @param indices which images, in the order wanted
     * @param probabilities whether to keep the K probabilities of each image
     * @param features which features to keep, or null for none
     * @param progress receives the number of images done after each batch, or null
     * @param onUnreadable receives each image left out, on the calling thread
     * @return the assignments of the readable images, in the order wanted
     * @throws InvalidInputException when the probabilities or features asked for need more values than one Java
     *     array holds
     */
    public Assignments predict(ImageDataset data, int[] indices, boolean probabilities, FeatureKind features,
            IntConsumer progress, java.util.function.Consumer<UnreadableImage> onUnreadable) {
        return new DatasetPass(this, data, indices, probabilities, features, progress,
                java.util.Objects.requireNonNull(onUnreadable, "onUnreadable")).run();
    }

    /** The batch size for dataset passes and {@link #batchPredict}. */
    int batchSize() {
        return batchSize;
    }

    InputPreparer inputs() {
        return inputs;
    }

    /** One forward pass over prepared images, turned into assignments by the predictor's method. */
    Batch forward(float[] pixels, int n, FeatureKind features) {
        boolean kmeans = method == AssignmentMethod.KMEANS;
        ModelRunner.Output out = runner.run(pixels, n,
                features == FeatureKind.INSTANCE || kmeans && centroids.feature() == FeatureKind.INSTANCE,
                features == FeatureKind.BACKBONE || kmeans && centroids.feature() == FeatureKind.BACKBONE);
        return new Batch(out, n, features);
    }

    /** The assignments of one forward pass. */
    final class Batch {
        final int n;
        final int[] clusters;
        final float[] confidence;
        final float[] probabilities;
        final float[] features;
        final int featureDim;

        Batch(ModelRunner.Output out, int n, FeatureKind requested) {
            this.n = n;
            this.clusters = new int[n];
            this.confidence = new float[n];
            int k = spec.clusters();
            float[] y = out.probabilities();
            if (method == AssignmentMethod.KMEANS) {
                double[] distance = new double[1];
                for (int i = 0; i < n; i++) {
                    clusters[i] = centroids.nearest(out.features(centroids.feature()), i * centroids.dim(), distance);
                    confidence[i] = (float) (1 / (1 + Math.sqrt(distance[0])));
                }
                this.probabilities = new float[0];
            } else {
                for (int i = 0; i < n; i++) {
                    int best = 0;
                    for (int c = 1; c < k; c++) {
                        if (y[i * k + c] > y[i * k + best]) {
                            best = c;
                        }
                    }
                    clusters[i] = best;
                    confidence[i] = y[i * k + best];
                }
                this.probabilities = y;
            }
            this.features = requested == null ? null : out.features(requested);
            this.featureDim = requested == null ? 0 : out.dim(requested);
        }

        Prediction prediction(int i) {
            int k = probabilities.length / Math.max(1, n);
            float[] p = java.util.Arrays.copyOfRange(probabilities, i * k, (i + 1) * k);
            float[] f = features == null ? null : java.util.Arrays.copyOfRange(features, i * featureDim,
                    (i + 1) * featureDim);
            return new Prediction(clusters[i], confidence[i], p, f);
        }
    }

    /**
     * Stops the worker pool and frees the network (unless it belongs to the caller), after the forward pass in flight
     * if there is one; calls waiting for images or a pass then fail with {@link IllegalStateException}. Safe to call
     * from any thread, and more than once.
     */
    @Override
    public void close() {
        inputs.close();
        runner.close(ownsModel);
    }

    /** Options of a predictor. */
    public static final class Builder {
        private Path runDirectory;
        private Path checkpointFile;
        private AssignmentMethod method = AssignmentMethod.CLUSTER_HEAD;
        private FeatureKind centroidFeature = FeatureKind.INSTANCE;
        private int batchSize = 256;
        private int workers = Runtime.getRuntime().availableProcessors();
        private ImageDecoder decoder = ImageDecoder.standard();
        private Boolean channelsLast;

        private Builder() {
        }

        /**
         * @param on run the backbone on channels-last (true) or channels-first (false) data; the answers are the
         *     same to rounding. Default: the model's own ({@link io.cc4j.model.MemoryLayouts}), channels-last where
         *     it was measured faster
         * @return this builder
         */
        public Builder optChannelsLast(boolean on) {
            this.channelsLast = on;
            return this;
        }

        /**
         * @param decoder how encoded images are decoded (pixel limit, EXIF orientation); default
         *     {@link ImageDecoder#standard()}
         * @return this builder
         */
        public Builder optDecoder(ImageDecoder decoder) {
            this.decoder = java.util.Objects.requireNonNull(decoder, "decoder");
            return this;
        }

        /**
         * @param runDir the run directory; its newest checkpoint is loaded
         * @return this builder
         */
        public Builder setRunDirectory(Path runDir) {
            this.runDirectory = runDir;
            return this;
        }

        /**
         * @param file a checkpoint file, instead of a run directory's newest
         * @return this builder
         */
        public Builder setCheckpoint(Path file) {
            this.checkpointFile = file;
            return this;
        }

        /**
         * @param method the cluster head (default) or the k-means centroids saved with the run
         * @return this builder
         */
        public Builder optMethod(AssignmentMethod method) {
            this.method = method;
            return this;
        }

        /**
         * @param feature the features whose centroids {@link AssignmentMethod#KMEANS} uses (default instance)
         * @return this builder
         */
        public Builder optCentroidFeature(FeatureKind feature) {
            this.centroidFeature = feature;
            return this;
        }

        /**
         * @param batchSize images per forward pass (default 256)
         * @return this builder
         */
        public Builder optBatchSize(int batchSize) {
            if (batchSize < 1) {
                throw new InvalidInputException("batch size must be at least 1, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /**
         * @param workers threads preparing images (default: all cores)
         * @return this builder
         */
        public Builder optWorkers(int workers) {
            if (workers < 1) {
                throw new InvalidInputException("workers must be at least 1, got " + workers);
            }
            this.workers = workers;
            return this;
        }

        /**
         * @return the predictor
         * @throws InvalidInputException when no model is given, or the model or its centroids cannot be read
         */
        public ClusterPredictor build() {
            if ((runDirectory == null) == (checkpointFile == null)) {
                throw new InvalidInputException("give either a run directory or a checkpoint file");
            }
            RunLayout run = runDirectory != null ? RunLayout.of(runDirectory) : RunLayout.ofCheckpoint(checkpointFile);
            Centroids centroids = method == AssignmentMethod.KMEANS ? Centroids.read(run, centroidFeature) : null;
            StoredModel stored = runDirectory != null ? run.newestModel() : StoredModel.load(checkpointFile);
            Checkpoint.Header h = stored.header();
            if (centroids != null) {
                int dim = centroids.feature() == FeatureKind.INSTANCE ? h.model().featureDim()
                        : h.model().representationDim();
                if (centroids.dim() != dim) {
                    stored.model().close();
                    throw new InvalidInputException("the k-means centroids have dimension " + centroids.dim()
                            + ", the model's " + centroids.feature() + " features " + dim);
                }
            }
            if (channelsLast != null) {
                stored.model().setChannelsLast(channelsLast);
            }
            return new ClusterPredictor(h.model(), stored.model(), true, h, stored.file(), method, centroids,
                    batchSize, workers, decoder);
        }
    }
}

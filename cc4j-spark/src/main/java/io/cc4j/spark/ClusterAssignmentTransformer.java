package io.cc4j.spark;

import io.cc4j.data.ImageDecoder;
import io.cc4j.inference.AssignmentMethod;
import io.cc4j.model.FeatureKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.SerializableConfiguration;

/**
 * A Spark ML {@link Transformer} that assigns images to clusters with a trained cc4j model.
 *
 * <pre>{@code
 * Dataset<Row> images = spark.read().format("binaryFile").load("hdfs:///images");   // or format("image")
 * Dataset<Row> out = new ClusterAssignmentTransformer()
 *         .setModelPath("hdfs:///models/c10")           // a run directory or a .ckpt, on any Hadoop file system
 *         .setInputCol("content")                       // binary (decoded by cc4j) or Spark's image struct
 *         .setProbabilitiesCol("probabilities")         // optional
 *         .transform(images);                           // + cluster, confidence, [probabilities], error
 * }</pre>
 *
 * <p>Added columns: {@code cluster} (int), {@code confidence} (float), optionally {@code probabilities} (the K
 * cluster probabilities) and {@code features} (instance-head or backbone features), both {@code array<float>},
 * and {@code error} (string). A row whose image cannot be used gets null results and the reason in
 * {@code error}; the other rows, and the task, go on.
 *
 * <p>The model is read once per executor JVM ({@link PredictorCache}: copied from its file system to local disk,
 * loaded, shared by all tasks and threads), never per row or task; each partition's rows go through the model
 * {@code batchSize} at a time. Images get the same decoding (for bytes), test transform and network as
 * {@code cc4j cluster}, so the answers are the same.
 */
public final class ClusterAssignmentTransformer extends Transformer implements DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    /** The model: a run directory or checkpoint file, as a Hadoop path or URI. Required. */
    private final Param<String> modelPath;
    /** The input column: Spark's image struct or encoded bytes. Default {@code image}. */
    private final Param<String> inputCol;
    /** Output: the cluster, null on error. Default {@code cluster}. */
    private final Param<String> clusterCol;
    /** Output: the probability of that cluster (k-means: {@code 1 / (1 + distance)}). Default {@code confidence}. */
    private final Param<String> confidenceCol;
    /** Output: the K cluster probabilities; empty for none (the default). */
    private final Param<String> probabilitiesCol;
    /** Output: the image's features; empty for none (the default). */
    private final Param<String> featuresCol;
    /** Output: why a row has no cluster, null when fine. Default {@code error}. */
    private final Param<String> errorCol;
    /** Which features: {@code instance} (the instance head's z, default) or {@code backbone} (h). */
    private final Param<String> featureKind;
    /** {@code head} (the cluster head, default) or {@code kmeans} (the centroids saved in the run directory). */
    private final Param<String> method;
    /** Images per forward pass. Default 256. */
    private final IntParam batchSize;
    /** Threads of each executor's predictor that resize images; 0 (default) for the executor's cores. */
    private final IntParam workers;
    /** libtorch's intra-op threads, set by the executor's load; 0 (default) for the executor's cores. */
    private final IntParam engineThreads;
    /** The decoder's limit on the declared pixel count of an encoded image. Default 40,000,000. */
    private final LongParam maxPixels;
    /**
     * The backbone's memory layout: {@code default} (the model's: channels-last where it was measured faster),
     * {@code channels-last} or {@code channels-first}; the answers are the same to rounding.
     */
    private final Param<String> memoryLayout;

    private static final String[] MEMORY_LAYOUTS = {"default", "channels-last", "channels-first"};

    /** A transformer with a random uid. */
    public ClusterAssignmentTransformer() {
        this(Identifiable.randomUID("cc4jClusterAssignment"));
    }

    /**
     * @param uid the uid (the reader of a saved transformer passes the saved one)
     */
    public ClusterAssignmentTransformer(String uid) {
        this.uid = uid;
        modelPath = new Param<>(this, "modelPath", "run directory or .ckpt file of a trained model (Hadoop path)");
        inputCol = new Param<>(this, "inputCol", "input column: Spark's image struct or encoded image bytes");
        clusterCol = new Param<>(this, "clusterCol", "output column of the cluster (int, null on error)");
        confidenceCol = new Param<>(this, "confidenceCol", "output column of the cluster's probability (float)");
        probabilitiesCol = new Param<>(this, "probabilitiesCol", "output column of the K probabilities; empty: none");
        featuresCol = new Param<>(this, "featuresCol", "output column of the features (array<float>); empty: none");
        errorCol = new Param<>(this, "errorCol", "output column of the reason a row has no cluster (string)");
        featureKind = new Param<>(this, "featureKind", "features to output or to match saved centroids:"
                + " instance or backbone", ParamValidators.inArray(new String[] {"instance", "backbone"}));
        method = new Param<>(this, "method", "head (the cluster head) or kmeans (saved k-means centroids)",
                ParamValidators.inArray(new String[] {"head", "kmeans"}));
        batchSize = new IntParam(this, "batchSize", "images per forward pass", ParamValidators.gtEq(1));
        workers = new IntParam(this, "workers", "threads resizing images per executor; 0: the executor's cores",
                ParamValidators.gtEq(0));
        engineThreads = new IntParam(this, "engineThreads", "libtorch intra-op threads per executor; 0: the executor's cores",
                ParamValidators.gtEq(0));
        maxPixels = new LongParam(this, "maxPixels", "largest declared pixel count of an encoded image",
                ParamValidators.gtEq(1));
        memoryLayout = new Param<>(this, "memoryLayout", "the backbone's memory layout: default (the model's),"
                + " channels-last or channels-first", ParamValidators.inArray(MEMORY_LAYOUTS));
        setDefault(inputCol, "image");
        setDefault(clusterCol, "cluster");
        setDefault(confidenceCol, "confidence");
        setDefault(probabilitiesCol, "");
        setDefault(featuresCol, "");
        setDefault(errorCol, "error");
        setDefault(featureKind, "instance");
        setDefault(method, "head");
        setDefault(batchSize, (Object) 256);
        setDefault(workers, (Object) 0);
        setDefault(engineThreads, (Object) 0);
        setDefault(maxPixels, (Object) ImageDecoder.DEFAULT_MAX_PIXELS);
        setDefault(memoryLayout, "default");
    }

    /** @return a reader of saved transformers ({@link #save(String)}) */
    public static MLReader<ClusterAssignmentTransformer> read() {
        return new DefaultParamsReader<>();
    }

    /**
     * @param path where {@link #save(String)} wrote the transformer
     * @return the transformer
     */
    public static ClusterAssignmentTransformer load(String path) {
        return read().load(path);
    }

    /** The model: a run directory or checkpoint file, as a Hadoop path or URI. Required. */
    public Param<String> modelPath() {
        return modelPath;
    }

    /** The input column: Spark's image struct or encoded bytes. Default {@code image}. */
    public Param<String> inputCol() {
        return inputCol;
    }

    /** Output: the cluster, null on error. Default {@code cluster}. */
    public Param<String> clusterCol() {
        return clusterCol;
    }

    /** Output: the probability of that cluster (k-means: {@code 1 / (1 + distance)}). Default {@code confidence}. */
    public Param<String> confidenceCol() {
        return confidenceCol;
    }

    /** Output: the K cluster probabilities; empty for none (the default). */
    public Param<String> probabilitiesCol() {
        return probabilitiesCol;
    }

    /** Output: the image's features; empty for none (the default). */
    public Param<String> featuresCol() {
        return featuresCol;
    }

    /** Output: why a row has no cluster, null when fine. Default {@code error}. */
    public Param<String> errorCol() {
        return errorCol;
    }

    /** Which features: {@code instance} (the instance head's z, default) or {@code backbone} (h). */
    public Param<String> featureKind() {
        return featureKind;
    }

    /** {@code head} (the cluster head, default) or {@code kmeans} (the centroids saved in the run directory). */
    public Param<String> method() {
        return method;
    }

    /** Images per forward pass. Default 256. */
    public IntParam batchSize() {
        return batchSize;
    }

    /** Threads of each executor's predictor that resize images; 0 (default) for the executor's cores. */
    public IntParam workers() {
        return workers;
    }

    /** libtorch's intra-op threads, set by the executor's load; 0 (default) for the executor's cores. */
    public IntParam engineThreads() {
        return engineThreads;
    }

    /** The decoder's limit on the declared pixel count of an encoded image. Default 40,000,000. */
    public LongParam maxPixels() {
        return maxPixels;
    }

    /** The backbone's memory layout: default (the model's), channels-last or channels-first. */
    public Param<String> memoryLayout() {
        return memoryLayout;
    }

    @Override
    public String uid() {
        return uid;
    }

    public ClusterAssignmentTransformer setModelPath(String value) {
        return (ClusterAssignmentTransformer) set(modelPath, value);
    }

    public ClusterAssignmentTransformer setInputCol(String value) {
        return (ClusterAssignmentTransformer) set(inputCol, value);
    }

    public ClusterAssignmentTransformer setClusterCol(String value) {
        return (ClusterAssignmentTransformer) set(clusterCol, value);
    }

    public ClusterAssignmentTransformer setConfidenceCol(String value) {
        return (ClusterAssignmentTransformer) set(confidenceCol, value);
    }

    public ClusterAssignmentTransformer setProbabilitiesCol(String value) {
        return (ClusterAssignmentTransformer) set(probabilitiesCol, value);
    }

    public ClusterAssignmentTransformer setFeaturesCol(String value) {
        return (ClusterAssignmentTransformer) set(featuresCol, value);
    }

    public ClusterAssignmentTransformer setErrorCol(String value) {
        return (ClusterAssignmentTransformer) set(errorCol, value);
    }

    public ClusterAssignmentTransformer setFeatureKind(String value) {
        return (ClusterAssignmentTransformer) set(featureKind, value.toLowerCase(Locale.ROOT));
    }

    public ClusterAssignmentTransformer setMethod(String value) {
        return (ClusterAssignmentTransformer) set(method, value.toLowerCase(Locale.ROOT));
    }

    public ClusterAssignmentTransformer setBatchSize(int value) {
        return (ClusterAssignmentTransformer) set(batchSize, (Object) value);
    }

    public ClusterAssignmentTransformer setWorkers(int value) {
        return (ClusterAssignmentTransformer) set(workers, (Object) value);
    }

    public ClusterAssignmentTransformer setEngineThreads(int value) {
        return (ClusterAssignmentTransformer) set(engineThreads, (Object) value);
    }

    public ClusterAssignmentTransformer setMaxPixels(long value) {
        return (ClusterAssignmentTransformer) set(maxPixels, (Object) value);
    }

    /**
     * @param value default (the model's layout: channels-last where it was measured faster; also for null),
     *     channels-last or channels-first
     * @return this transformer
     */
    public ClusterAssignmentTransformer setMemoryLayout(String value) {
        return (ClusterAssignmentTransformer) set(memoryLayout, value == null ? "default" : value.toLowerCase(Locale.ROOT));
    }

    /**
     * @param channelsLast true for channels-last, false for channels-first, null for the model's default
     * @return this transformer
     */
    public ClusterAssignmentTransformer setChannelsLast(Boolean channelsLast) {
        return setMemoryLayout(channelsLast == null ? "default" : channelsLast ? "channels-last" : "channels-first");
    }

    @Override
    public StructType transformSchema(StructType schema) {
        if (!isDefined(modelPath) || $(modelPath).isBlank()) {
            throw new IllegalArgumentException("no model: setModelPath(run directory or .ckpt file)");
        }
        String input = $(inputCol);
        if (!Arrays.asList(schema.fieldNames()).contains(input)) {
            throw new IllegalArgumentException("no input column '" + input + "' in " + schema.simpleString());
        }
        InputKind.of(schema.apply(input).dataType(), input);
        if (!$(probabilitiesCol).isEmpty() && "kmeans".equals($(method))) {
            throw new IllegalArgumentException("probabilities come from the cluster head; method kmeans has none");
        }
        List<StructField> fields = new ArrayList<>(Arrays.asList(schema.fields()));
        fields.add(DataTypes.createStructField($(clusterCol), DataTypes.IntegerType, true));
        fields.add(DataTypes.createStructField($(confidenceCol), DataTypes.FloatType, true));
        if (!$(probabilitiesCol).isEmpty()) {
            fields.add(DataTypes.createStructField($(probabilitiesCol), floats(), true));
        }
        if (!$(featuresCol).isEmpty()) {
            fields.add(DataTypes.createStructField($(featuresCol), floats(), true));
        }
        fields.add(DataTypes.createStructField($(errorCol), DataTypes.StringType, true));
        List<String> seen = new ArrayList<>();
        for (StructField f : fields) {
            if (seen.contains(f.name())) {
                throw new IllegalArgumentException("column '" + f.name() + "' exists already; choose another name");
            }
            seen.add(f.name());
        }
        return DataTypes.createStructType(fields);
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType in = dataset.schema();
        StructType out = transformSchema(in);
        String input = $(inputCol);
        int inputIndex = in.fieldIndex(input);
        InputKind kind = InputKind.of(in.apply(input).dataType(), input);
        int sourceIndex = sourceColumn(in, kind);
        FeatureKind kindOfFeatures = FeatureKind.of($(featureKind));
        // A relative path is the driver's: executors run in directories of their own.
        PredictorOptions options = new PredictorOptions(ModelFiles.qualified($(modelPath),
                dataset.sparkSession().sparkContext().hadoopConfiguration()),
                AssignmentMethod.of($(method)), kindOfFeatures,
                (Integer) $(batchSize), (Integer) $(workers), (Long) $(maxPixels), channelsLast($(memoryLayout)));
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext());
        Broadcast<SerializableConfiguration> conf = jsc.broadcast(
                new SerializableConfiguration(jsc.hadoopConfiguration()));
        PartitionAssigner assigner = new PartitionAssigner(options, (Integer) $(engineThreads), conf, kind,
                inputIndex, sourceIndex, !$(probabilitiesCol).isEmpty(),
                $(featuresCol).isEmpty() ? null : kindOfFeatures);
        return dataset.toDF().mapPartitions(assigner, Encoders.row(out));
    }

    private static Boolean channelsLast(String layout) {
        return switch (layout) {
            case "channels-last" -> Boolean.TRUE;
            case "channels-first" -> Boolean.FALSE;
            default -> null;
        };
    }

    /** A string column naming each image for error messages: binaryFile's {@code path}, if there. */
    private static int sourceColumn(StructType schema, InputKind kind) {
        if (kind != InputKind.ENCODED_BYTES) {
            return -1;
        }
        for (int i = 0; i < schema.fields().length; i++) {
            StructField f = schema.fields()[i];
            if (f.name().equals("path") && f.dataType() instanceof StringType) {
                return i;
            }
        }
        return -1;
    }

    private static org.apache.spark.sql.types.ArrayType floats() {
        return DataTypes.createArrayType(DataTypes.FloatType, false);
    }

    @Override
    public ClusterAssignmentTransformer copy(ParamMap extra) {
        return defaultCopy(extra);
    }
}

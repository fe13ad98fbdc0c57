package io.cc4j.spark.data;

import io.cc4j.data.DatasetSpec;
import io.cc4j.data.ImageDataset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The datasets this JVM has opened, by spec: each is opened (files checked, gzip inflated, binaries mapped) once
 * per JVM and read by every task after, as {@link ImageDataset}s allow concurrent reads.
 */
final class OpenDatasets {
    private static final Map<String, ImageDataset> OPEN = new ConcurrentHashMap<>();

    private OpenDatasets() {
    }

    static ImageDataset get(String spec) {
        return OPEN.computeIfAbsent(spec, DatasetSpec::open);
    }
}

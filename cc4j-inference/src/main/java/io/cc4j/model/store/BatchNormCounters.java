package io.cc4j.model.store;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PyTorch's {@code num_batches_tracked} of each BatchNorm layer, by state-dict name. cc4j's network neither
 * reads nor advances these counts (DJL's BatchNorm has none, and PyTorch only uses them when a BatchNorm's
 * momentum is None), so they are carried beside the parameters: imported ones are written back unchanged, and
 * a layer without a known count gets 0, the value of a freshly built PyTorch BatchNorm.
 */
public final class BatchNormCounters {
    private static final BatchNormCounters NONE = new BatchNormCounters(Map.of());

    private final Map<String, Long> counts;

    private BatchNormCounters(Map<String, Long> counts) {
        this.counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }

    /** @return no known counts: every layer reads 0 */
    public static BatchNormCounters none() {
        return NONE;
    }

    /**
     * @param counts state-dict name (ending in {@code .num_batches_tracked}) to count
     * @return those counts
     */
    public static BatchNormCounters of(Map<String, Long> counts) {
        return new BatchNormCounters(counts);
    }

    /**
     * @param torchName e.g. {@code resnet.bn1.num_batches_tracked}
     * @return its count, 0 when unknown
     */
    public long count(String torchName) {
        return counts.getOrDefault(torchName, 0L);
    }

    /** @return every known count, in insertion order */
    public Map<String, Long> asMap() {
        return counts;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BatchNormCounters other && counts.equals(other.counts);
    }

    @Override
    public int hashCode() {
        return counts.hashCode();
    }

    @Override
    public String toString() {
        return "BatchNormCounters" + counts;
    }
}

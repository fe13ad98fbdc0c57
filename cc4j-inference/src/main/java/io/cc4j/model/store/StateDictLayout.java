package io.cc4j.model.store;

import io.cc4j.model.BackboneType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The PyTorch state dict of the official Contrastive-Clustering {@code Network} for one backbone, entry by
 * entry in PyTorch's order, each tied to the cc4j parameter holding it
 * ({@link io.cc4j.model.ContrastiveModel#namedParameters()}):
 *
 * <pre>
 * 01backbone_01stem_01Conv2d_weight                                  resnet.conv1.weight
 * 01backbone_01stem_02BatchNorm_gamma / beta                         resnet.bn1.weight / bias
 * 01backbone_01stem_02BatchNorm_runningMean / runningVar             resnet.bn1.running_mean / running_var
 * (no cc4j parameter)                                                resnet.bn1.num_batches_tracked
 * 01backbone_02layer1_01ResidualUnit_01residual_01Conv2d_weight      resnet.layer1.0.conv1.weight
 * 01backbone_02layer1_01ResidualUnit_01residual_02BatchNorm_gamma    resnet.layer1.0.bn1.weight
 * ..._01residual_04Conv2d, _05BatchNorm (, _07Conv2d, _08BatchNorm)  conv2, bn2 (, conv3, bn3)
 * ..._02shortcut_01Conv2d_weight, _02shortcut_02BatchNorm_*          downsample.0.weight, downsample.1.*
 * 02instanceHead_01hidden / 02output _weight, _bias                  instance_projector.0 / .2 .weight, .bias
 * 03clusterHead_01hidden / 02output _weight, _bias                   cluster_projector.0 / .2 .weight, .bias
 * </pre>
 *
 * Both stems have the same entries (only the shape of {@code resnet.conv1.weight} differs). DJL stores a
 * convolution's weight as (out, in, kh, kw) and a Linear's as (out, in), PyTorch's layouts, so values map
 * one to one without transposition (checked by {@code StateDictLayoutTest} and the PyTorch parity test).
 * {@code num_batches_tracked} has no cc4j counterpart: DJL's BatchNorm does not count batches, and PyTorch
 * only reads the count when a BatchNorm's momentum is None, which the official network's never is.
 */
public final class StateDictLayout {
    /**
     * One state-dict entry.
     *
     * @param torchName the PyTorch name, e.g. {@code resnet.layer1.0.bn1.running_mean}
     * @param cc4jName the cc4j parameter name, or null for a BatchNorm's {@code num_batches_tracked}
     */
    public record Entry(String torchName, String cc4jName) {
        /** @return true for {@code num_batches_tracked}, which cc4j does not hold */
        public boolean isCounter() {
            return cc4jName == null;
        }
    }

    private static final String[][] BATCH_NORM = {
        {"gamma", "weight"}, {"beta", "bias"}, {"runningMean", "running_mean"}, {"runningVar", "running_var"}};

    private final BackboneType backbone;
    private final List<Entry> entries;
    private final Map<String, Entry> byTorchName = new LinkedHashMap<>();
    private final Map<String, Entry> byCc4jName = new LinkedHashMap<>();

    private StateDictLayout(BackboneType backbone, List<Entry> entries) {
        this.backbone = backbone;
        this.entries = Collections.unmodifiableList(entries);
        for (Entry e : entries) {
            byTorchName.put(e.torchName(), e);
            if (!e.isCounter()) {
                byCc4jName.put(e.cc4jName(), e);
            }
        }
    }

    /**
     * @param backbone the ResNet variant
     * @return the state-dict layout of the network with that backbone (any stem, width and K)
     */
    public static StateDictLayout of(BackboneType backbone) {
        List<Entry> e = new ArrayList<>();
        String stem = "01backbone_01stem_";
        conv(e, stem + "01Conv2d", "resnet.conv1");
        batchNorm(e, stem + "02BatchNorm", "resnet.bn1");
        int convsPerUnit = backbone.bottleneck() ? 3 : 2;
        for (int stage = 1; stage <= 4; stage++) {
            String layer = String.format("01backbone_%02dlayer%d_", stage + 1, stage);
            for (int unit = 1; unit <= backbone.units(stage - 1); unit++) {
                String cc4j = layer + String.format("%02dResidualUnit_", unit);
                String torch = "resnet.layer" + stage + "." + (unit - 1) + ".";
                // The residual sequence is conv, BN, ReLU, conv, BN[, ReLU, conv, BN]: DJL numbers each child.
                for (int k = 1; k <= convsPerUnit; k++) {
                    conv(e, cc4j + String.format("01residual_%02dConv2d", 3 * k - 2), torch + "conv" + k);
                    batchNorm(e, cc4j + String.format("01residual_%02dBatchNorm", 3 * k - 1), torch + "bn" + k);
                }
                // torchvision's downsample: where the first unit of a stage changes stride or channels.
                if (unit == 1 && (stage > 1 || backbone.bottleneck())) {
                    conv(e, cc4j + "02shortcut_01Conv2d", torch + "downsample.0");
                    batchNorm(e, cc4j + "02shortcut_02BatchNorm", torch + "downsample.1");
                }
            }
        }
        linear(e, "02instanceHead_01hidden", "instance_projector.0");
        linear(e, "02instanceHead_02output", "instance_projector.2");
        linear(e, "03clusterHead_01hidden", "cluster_projector.0");
        linear(e, "03clusterHead_02output", "cluster_projector.2");
        return new StateDictLayout(backbone, e);
    }

    private static void conv(List<Entry> e, String cc4j, String torch) {
        e.add(new Entry(torch + ".weight", cc4j + "_weight"));
    }

    private static void batchNorm(List<Entry> e, String cc4j, String torch) {
        for (String[] pair : BATCH_NORM) {
            e.add(new Entry(torch + "." + pair[1], cc4j + "_" + pair[0]));
        }
        e.add(new Entry(torch + ".num_batches_tracked", null));
    }

    private static void linear(List<Entry> e, String cc4j, String torch) {
        e.add(new Entry(torch + ".weight", cc4j + "_weight"));
        e.add(new Entry(torch + ".bias", cc4j + "_bias"));
    }

    /** @return the backbone this layout describes */
    public BackboneType backbone() {
        return backbone;
    }

    /** @return every entry in PyTorch's state-dict order */
    public List<Entry> entries() {
        return entries;
    }

    /**
     * @param torchName a PyTorch state-dict name
     * @return its entry, if the network has it
     */
    public Optional<Entry> byTorchName(String torchName) {
        return Optional.ofNullable(byTorchName.get(torchName));
    }

    /**
     * @param cc4jName a cc4j parameter name
     * @return its entry, if the network has it
     */
    public Optional<Entry> byCc4jName(String cc4jName) {
        return Optional.ofNullable(byCc4jName.get(cc4jName));
    }

    /**
     * Checks that the layout names exactly the parameters a model holds: a difference means the network's
     * structure changed and this mapping was not updated with it.
     *
     * @param cc4jNames the model's parameter names ({@link io.cc4j.model.ContrastiveModel#namedParameters()})
     * @throws IllegalStateException listing the names only one side has
     */
    public void checkCovers(Iterable<String> cc4jNames) {
        List<String> unmapped = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String name : cc4jNames) {
            seen.add(name);
            if (!byCc4jName.containsKey(name)) {
                unmapped.add(name);
            }
        }
        List<String> absent = byCc4jName.keySet().stream().filter(n -> !seen.contains(n)).toList();
        if (!unmapped.isEmpty() || !absent.isEmpty()) {
            throw new IllegalStateException("the PyTorch name mapping of " + backbone + " does not fit the model: "
                    + "parameters without a PyTorch name " + unmapped + ", mapped names the model lacks " + absent);
        }
    }
}

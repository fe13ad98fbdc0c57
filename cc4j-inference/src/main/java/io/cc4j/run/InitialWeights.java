package io.cc4j.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cc4j.InvalidInputException;
import io.cc4j.model.ContrastiveModel;
import io.cc4j.model.InputNormalization;
import io.cc4j.model.store.BackboneImport;
import io.cc4j.model.store.BackboneSidecar;
import io.cc4j.model.store.BatchNormCounters;
import io.cc4j.model.store.Checkpoint;
import io.cc4j.model.store.NpyArray;
import io.cc4j.model.store.NpzExport;
import io.cc4j.model.store.NpzFile;
import io.cc4j.model.store.StoredModel;
import io.cc4j.model.store.WeightsOrigin;
import io.cc4j.model.store.WeightsSidecar;
import io.cc4j.option.InvalidSettingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The weights a new run starts from instead of a random initialisation: a backbone in an npz under torchvision's
 * ResNet names (with or without a prefix; {@code scripts/state-dict-to-npz.py} converts a PyTorch file), or the
 * model of another cc4j run directory (its backbone, and its heads when asked). What was taken is returned as a
 * {@link WeightsOrigin}, which the run keeps in its checkpoints' provenance.
 *
 * <p>A source also says which input normalisation its weights expect: the sidecar beside an npz (the script's,
 * or the one {@code cc4j export} writes), or a run's model spec. {@link #declaredNormalization} reads it.
 */
public final class InitialWeights {
    /** The initPrefix value that detects the prefix. */
    public static final String DETECT = "auto";
    /** The initPrefix value for names without a prefix. */
    public static final String NO_PREFIX = "none";

    private static final ObjectMapper JSON = new ObjectMapper();

    private InitialWeights() {
    }

    /**
     * The input normalisation a source's weights expect, as the source declares it.
     *
     * @param source an npz file or a run directory
     * @return the normalisation; empty for an npz without a sidecar, which declares nothing
     * @throws InvalidInputException naming the source when it is missing or unreadable
     */
    public static Optional<InputNormalization> declaredNormalization(String source) {
        Path path = existing(source);
        if (Files.isDirectory(path)) {
            Path latest = RunLayout.of(path).checkpoints().latest().orElseThrow(() -> notARun(source));
            return Optional.of(Checkpoint.open(latest).header().model().normalization());
        }
        return sidecar(path).map(Sidecar::normalization);
    }

    /**
     * Loads a source's backbone (and heads) into a freshly built model; nothing changes when anything does not fit.
     *
     * @param source an npz file or a run directory
     * @param prefix {@value #DETECT}, {@value #NO_PREFIX}, or the prefix of the backbone's names in an npz
     * @param heads also take the heads ({@code instance_projector.*}, {@code cluster_projector.*}); they must have
     *     the model's K and feature dimension
     * @param model the model to load into
     * @return what was loaded, from where
     * @throws InvalidInputException naming the source and listing every tensor that does not fit
     */
    public static WeightsOrigin load(String source, String prefix, boolean heads, ContrastiveModel model) {
        Path path = existing(source);
        if (Files.isDirectory(path)) {
            if (!DETECT.equals(prefix)) {
                throw InvalidSettingException.naming("initPrefix", n -> n + " names the prefix inside an npz file; "
                        + source + " is a run directory, whose backbone cc4j finds itself");
            }
            Path latest = RunLayout.of(path).checkpoints().latest().orElseThrow(() -> notARun(source));
            StoredModel stored = StoredModel.load(latest);
            Map<String, NpyArray> arrays;
            InputNormalization normalization;
            try (ContrastiveModel from = stored.model()) {
                arrays = NpzExport.arrays(from, BatchNormCounters.none());
                normalization = stored.header().model().normalization();
            }
            BackboneImport.Result r = BackboneImport.load(arrays, "resnet.", heads, model,
                    "the model of run " + source + " (" + latest.getFileName() + ")");
            return new WeightsOrigin(source, "run", latest.toAbsolutePath().normalize().toString(), sha256(latest),
                    r.prefix(), r.heads(), r.tensors(), r.ignored(), normalization.id());
        }
        Map<String, NpyArray> arrays = NpzFile.read(path);
        String used = switch (prefix == null ? DETECT : prefix) {
            case DETECT -> BackboneImport.detectPrefix(arrays.keySet(), source);
            case NO_PREFIX -> "";
            default -> prefix.endsWith(".") ? prefix : prefix + ".";
        };
        BackboneImport.Result r = BackboneImport.load(arrays, used, heads, model, source);
        return new WeightsOrigin(source, "npz", path.toAbsolutePath().normalize().toString(), sha256(path),
                r.prefix(), r.heads(), r.tensors(), r.ignored(),
                sidecar(path).map(s -> s.normalization().id()).orElse(null));
    }

    /** The source as a path that exists: a directory, or a file that is not a PyTorch file. */
    private static Path existing(String source) {
        if (source == null || source.isBlank()) {
            throw InvalidSettingException.naming("initBackbone", n -> "no initial weights named (" + n + " is empty)");
        }
        Path path = Path.of(source);
        if (Files.isDirectory(path)) {
            return path;
        }
        if (!Files.isRegularFile(path)) {
            throw new InvalidInputException("initial weights not found: " + source + " (an npz file or a run"
                    + " directory)");
        }
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".pth") || name.endsWith(".pt") || name.endsWith(".tar") || name.endsWith(".ckpt")
                || name.endsWith(".bin")) {
            throw new InvalidInputException(source + " is a PyTorch file: convert it to npz first with"
                    + " scripts/state-dict-to-npz.py (it writes the tensors and a sidecar naming the architecture and"
                    + " the input normalisation)");
        }
        return path;
    }

    private static InvalidInputException notARun(String source) {
        return new InvalidInputException(source + " is a directory but holds no trained model (no"
                + " checkpoints/epoch-*.ckpt); initial weights come from an npz file or a run directory");
    }

    /** What a sidecar beside an npz says, whichever writer made it. */
    private record Sidecar(InputNormalization normalization) {
    }

    private static Optional<Sidecar> sidecar(Path npz) {
        Path file = WeightsSidecar.pathFor(npz);
        if (file.equals(npz) || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new InvalidInputException("cannot read the sidecar " + file + ": " + e.getMessage(), e);
        }
        String format = root == null ? "" : root.path("format").asText("");
        try {
            if (WeightsSidecar.FORMAT.equals(format)) {
                return Optional.of(new Sidecar(WeightsSidecar.read(file).normalization()));
            }
            if (BackboneSidecar.FORMAT.equals(format)) {
                return Optional.of(new Sidecar(JSON.treeToValue(root, BackboneSidecar.class).normalization()));
            }
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException("the sidecar " + file + " is not readable: " + e.getMessage(), e);
        }
        return Optional.empty(); // another program's JSON: it says nothing cc4j reads
    }

    private static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 20];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}

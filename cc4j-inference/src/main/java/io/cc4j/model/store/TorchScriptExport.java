package io.cc4j.model.store;

import io.cc4j.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * npz weights to a TorchScript module returning (z, c), through {@code scripts/npz-to-torchscript.py} and the
 * project's PyTorch reference {@code scripts/cc_network.py}, both packaged in the jar and run with a Python
 * that has torch and torchvision. The conversion needs PyTorch itself: libtorch (what DJL holds) can load
 * TorchScript but not trace Python modules.
 */
public final class TorchScriptExport {
    /** Environment variable naming the one Python interpreter to use. */
    public static final String PYTHON_ENV = "CC4J_PYTHON";
    /** System property naming the one Python interpreter to use (before the environment variable). */
    public static final String PYTHON_PROPERTY = "cc4j.python";
    /** What to install when no usable Python is found. */
    public static final String INSTALL_HINT = "TorchScript export needs Python 3 with torch and torchvision"
            + " (Debian: sudo apt-get install python3-torch python3-torchvision; or pip install torch torchvision);"
            + " cc4j runs $" + PYTHON_ENV + " when set, otherwise /usr/bin/python3 or python3 on the PATH."
            + " The npz format needs neither.";

    private static final String RESOURCES = "/io/cc4j/model/store/python/";
    private static final String SCRIPT = "npz-to-torchscript.py";
    private static final List<String> SCRIPTS = List.of("cc_network.py", SCRIPT);
    /** Interpreters found to import torch: probing one costs seconds (importing torch), so once per JVM. */
    private static final java.util.Set<String> WITH_TORCH = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private TorchScriptExport() {
    }

    /**
     * @return the interpreter named by {@code -Dcc4j.python} or {@code $CC4J_PYTHON} if it imports torch,
     *     torchvision and numpy; without either, the first of {@code /usr/bin/python3}, {@code python3} that does
     */
    public static Optional<String> findPython() {
        List<String> candidates = new ArrayList<>();
        String chosen = System.getProperty(PYTHON_PROPERTY, System.getenv(PYTHON_ENV));
        if (chosen != null && !chosen.isBlank()) {
            candidates.add(chosen);
        } else {
            candidates.add("/usr/bin/python3");
            candidates.add("python3");
        }
        for (String python : candidates) {
            if (hasTorch(python)) {
                return Optional.of(python);
            }
        }
        return Optional.empty();
    }

    /**
     * @param python an interpreter command
     * @return true if it runs and imports torch, torchvision and numpy
     */
    public static boolean hasTorch(String python) {
        if (WITH_TORCH.contains(python)) {
            return true;
        }
        try {
            Process p = new ProcessBuilder(python, "-c", "import torch, torchvision, numpy")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            if (p.exitValue() != 0) {
                return false;
            }
            WITH_TORCH.add(python);
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Converts npz weights (with their sidecar beside them) to a TorchScript file.
     *
     * @param npz weights written by {@link NpzExport}
     * @param out the TorchScript file to write
     * @return what the script printed
     * @throws InvalidInputException with {@link #INSTALL_HINT} when no Python with torch is found, or with the
     *     script's message when it refuses the weights
     */
    public static String convert(Path npz, Path out) {
        String python = findPython().orElseThrow(() -> new InvalidInputException(INSTALL_HINT));
        Path dir = null;
        try {
            dir = Files.createTempDirectory("cc4j-torchscript");
            for (String name : SCRIPTS) {
                try (InputStream in = TorchScriptExport.class.getResourceAsStream(RESOURCES + name)) {
                    if (in == null) {
                        throw new IllegalStateException("the jar lacks " + RESOURCES + name);
                    }
                    Files.copy(in, dir.resolve(name));
                }
            }
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Process p = new ProcessBuilder(python, dir.resolve(SCRIPT).toString(), npz.toAbsolutePath().toString(),
                    "--out", out.toAbsolutePath().toString()).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            int code = p.waitFor();
            if (code == 2) {
                throw new InvalidInputException(output);
            }
            if (code != 0) {
                throw new IllegalStateException(SCRIPT + " failed (exit code " + code + "): " + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + SCRIPT + " with " + python + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while converting to TorchScript", e);
        } finally {
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temporary directory is harmless
        }
    }
}

package io.cc4j.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the project's PyTorch reference with Debian's Python ({@code /usr/bin/python3} with python3-torch,
 * python3-torchvision, python3-numpy, python3-pil; .ci/run installs them). Tests that need it call
 * {@link #assumeAvailable()} and are skipped with a message where it is missing.
 */
public final class PythonReference {
    public static final String PYTHON = "/usr/bin/python3";
    /** The project's scripts (cc_network.py and the converters), from the module directory tests run in. */
    public static final Path SCRIPTS = Path.of("../scripts").toAbsolutePath().normalize();
    /** Test-only Python helpers. */
    public static final Path HELPERS = Path.of("src/test/python").toAbsolutePath().normalize();

    private static Boolean available;

    private PythonReference() {
    }

    /** True when /usr/bin/python3 imports torch, torchvision, numpy and PIL. */
    public static synchronized boolean available() {
        if (available == null) {
            try {
                Process p = new ProcessBuilder(PYTHON, "-c", "import torch, torchvision, numpy, PIL")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                available = p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException e) {
                available = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                available = false;
            }
        }
        return available;
    }

    /** Skips the calling test with a message saying what to install when the reference cannot run. */
    public static void assumeAvailable() {
        assumeTrue(available(), "skipped: " + PYTHON + " lacks torch, torchvision, numpy or PIL (Debian: "
                + "python3-torch python3-torchvision python3-numpy python3-pil; scripts/install-test-deps.sh "
                + "installs them, CI does)");
    }

    /**
     * Runs a Python program and returns what it printed.
     *
     * @param script the program
     * @param args its arguments
     * @return stdout and stderr
     * @throws AssertionError with the output when it exits with a non-zero code
     */
    public static String run(Path script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PYTHON, script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("PYTHONDONTWRITEBYTECODE", "1"); // no __pycache__ beside the project's scripts
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new AssertionError(script.getFileName() + " failed (exit " + p.exitValue() + "):\n" + out);
        }
        return out;
    }
}

package io.cc4j.cli;

import io.cc4j.cli.common.ChannelsLastOption;
import io.cc4j.cli.common.MaxPixelsOption;
import io.cc4j.cli.common.ModelOption;
import io.cc4j.cli.common.ThreadsOption;
import io.cc4j.serve.BearerToken;
import io.cc4j.serve.ClusterServer;
import io.cc4j.serve.ServerOptions;
import io.cc4j.serve.ShutdownSignals;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cc4j serve}: assigns images sent over HTTP, until SIGINT or SIGTERM. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Serves a trained model over HTTP.",
            "POST /v1/assign (an image as the body, or several as multipart/form-data) answers each image's cluster"
                    + " and confidence; GET / is a page to try it in a browser.",
            "Also GET /v1/model, /v1/clusters/{k}/examples, /healthz, /readyz and /metrics (Prometheus).",
            "Concurrent requests share forward passes (dynamic batching). Binds to 127.0.0.1 unless --host says"
                    + " otherwise. SIGINT or SIGTERM stops it cleanly: new requests are refused, those in flight"
                    + " finish, and it exits 0.",
        },
        footer = {"", "Examples:",
            "  cc4j serve --model runs/c10",
            "  curl --data-binary @shoe.png -H 'Content-Type: image/png' http://127.0.0.1:8080/v1/assign",
            "  cc4j serve --model runs/c10 --host 0.0.0.0 --port 9000 --token-file ~/.cc4j-token"},
        exitCodeList = {"0:stopped by SIGINT or SIGTERM"})
public final class ServeCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelOption model;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address to bind (default ${DEFAULT-VALUE}: this machine only; 0.0.0.0 for all).")
    private String host;

    @Option(names = "--port", defaultValue = "8080", description = "TCP port, 0 for any free one (default ${DEFAULT-VALUE}).")
    private int port;

    @picocli.CommandLine.Mixin
    ThreadsOption engineThreads = new ThreadsOption();

    @Mixin
    BatchingOptions batching;

    @Option(names = "--max-body-mb", defaultValue = "20", description = "Largest request body in MiB (default ${DEFAULT-VALUE}).")
    private double maxBodyMb;

    @Mixin
    MaxPixelsOption maxPixels;

    @Mixin
    ChannelsLastOption layout;

    @Option(names = "--max-images", defaultValue = "256", description = "Most images per request (default ${DEFAULT-VALUE}).")
    private int maxImages;

    @Option(names = "--queue", defaultValue = "1024",
            description = "Images waiting for a forward pass at most; beyond, 503 with Retry-After (default ${DEFAULT-VALUE}).")
    private int queue;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "Require 'Authorization: Bearer <token>' (the file's first line) on every endpoint but /healthz"
                    + " and the page's files.")
    private Path tokenFile;


    /**
     * What the server says when signals that should stop it were ignored when the process started (and so stay
     * ignored): which ones, what still stops it, and how to start it so that they work.
     */
    static String ignoredSignalsNotice(java.util.List<String> ignored) {
        java.util.List<String> working = java.util.stream.Stream.of("SIGINT", "SIGTERM").filter(s -> !ignored.contains(s))
                .toList();
        String names = String.join(" and ", ignored);
        return "cc4j serve: " + names + (ignored.size() == 1 ? " was" : " were") + " ignored when this process started"
                + " (a shell without job control starts background commands with SIGINT ignored) and cannot be handled;"
                + (working.isEmpty() ? " no signal but SIGKILL stops the server now"
                        : " " + String.join(" and ", working) + " still stops the server cleanly")
                + ". To have " + names + " stop it, start it with: env " + ignored.stream()
                        .map(s -> "--default-signal=" + s.substring(3)).collect(java.util.stream.Collectors.joining(" "))
                + " cc4j serve ...";
    }

    /** Installed by {@link Cc4jCommand#main} before the command line is parsed; taken by the command. */
    private static final java.util.concurrent.atomic.AtomicReference<ShutdownSignals> EARLY =
            new java.util.concurrent.atomic.AtomicReference<>();

    /**
     * Installs the server's signal handlers before the command line is even parsed: a signal that comes earlier gets
     * the JVM's handling (exit 130 or 143), one that comes later stops the server cleanly with exit 0. Picocli's
     * model of every command and the first classes loaded take some hundreds of milliseconds that this takes out of
     * that window.
     */
    static void installSignalsEarly() {
        EARLY.compareAndSet(null, ShutdownSignals.install());
    }

    @Override
    public Integer call() throws InterruptedException {
        ShutdownSignals early = EARLY.getAndSet(null);
        ShutdownSignals signals = early != null ? early : ShutdownSignals.install();
        try {
            return serve(signals);
        } finally {
            if (!Cc4jCommand.isMainProgram()) {
                signals.close(); // in-process (tests): the JVM's handlers back
            }
        }
    }

    private int serve(ShutdownSignals signals) throws InterruptedException {
        ServerOptions options = ServerOptions.builder().optHost(host).optPort(port).optThreads(engineThreads.threads())
                .optChannelsLast(layout.orNull()).optMaxBatch(batching.maxBatch()).optMaxDelay(batching.maxDelay())
                .optMaxBodyBytes((long) (maxBodyMb * 1024 * 1024)).optMaxPixels(maxPixels.orDefault()).optMaxImages(maxImages)
                .optQueue(queue).optToken(tokenFile == null ? null : BearerToken.read(tokenFile)).build();
        PrintWriter out = spec.commandLine().getOut();
        if (!signals.ignored().isEmpty()) {
            spec.commandLine().getErr().println(ignoredSignalsNotice(signals.ignored()));
            spec.commandLine().getErr().flush();
        }
        if (signals.receivedSoFar() != null) {
            out.printf("cc4j serve: %s received before the server started; not starting%n", signals.receivedSoFar());
            out.flush();
            return 0;
        }
        ClusterServer server = ClusterServer.start(model.path(), options);
        Thread hook = new Thread(server::close, "cc4j-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            out.printf("cc4j serve: %s  (model %s; Ctrl-C stops)%n", server.url(), model.path());
            out.flush();
            String why = signals.await();
            out.printf("cc4j serve: %s received, finishing requests in flight...%n", why);
            out.flush();
        } finally {
            // Also on an interrupt or an error: requests in flight finish, the model is freed.
            server.close();
            removeHook(hook);
        }
        out.println("cc4j serve: stopped");
        out.flush();
        return 0;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is exiting: the hook has run or runs, and finds the server closed
        }
    }
}

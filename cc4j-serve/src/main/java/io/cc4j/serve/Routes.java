package io.cc4j.serve;

import io.cc4j.InvalidInputException;
import io.cc4j.inference.ClusterPredictor;
import io.cc4j.inference.DynamicBatcher;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.MinimumDataRateHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's HTTP surface on Javalin:
 *
 * <ul>
 *   <li>{@code GET /}, {@code /app.js}, {@code /app.css}, {@code /favicon.svg}: the page;</li>
 *   <li>{@code GET /healthz}: the process answers; {@code GET /readyz}: the model is loaded and warmed up;</li>
 *   <li>{@code GET /metrics}: Prometheus text format;</li>
 *   <li>{@code GET /v1/model}: what the model is;</li>
 *   <li>{@code GET /v1/clusters/{k}/examples}: the cluster's most confident training images, one PNG;</li>
 *   <li>{@code POST /v1/assign}: clusters of one image (raw body) or several (multipart/form-data).</li>
 * </ul>
 *
 * <p>Around every request: the Host check against DNS rebinding (loopback servers only answer loopback names),
 * the bearer token (all but {@code /healthz} and the page's files), the security headers, and one JSON error
 * shape for every failure. Jetty refuses new work and lets requests in flight finish when the server stops
 * ({@link GracefulHandler}), closes silent connections after the idle timeout and fails bodies that arrive slower
 * than the minimum rate ({@link MinimumDataRateHandler}).
 */
final class Routes {
    private static final Logger LOG = LoggerFactory.getLogger(Routes.class);
    /**
     * At debug level, one line per request the server has taken on (past the stop's refusal of new requests), with
     * the client's {@code X-Request-Id}: a request named here is finished even when the server is stopping, which
     * the signal tests check against what each client received.
     */
    private static final Logger REQUESTS = LoggerFactory.getLogger("io.cc4j.serve.requests");

    /** The page may load its own script, style and images (and previews the user's own files as blob: URLs). */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob:; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /**
     * Answered without the bearer token: liveness and readiness say nothing about the model or the data, and the
     * probes that ask them (a container's HEALTHCHECK, Kubernetes' httpGet) cannot carry a secret.
     */
    private static final Set<String> OPEN = Set.of("/healthz", "/readyz");

    /** 127.x.y.z, compiled once: {@code String.matches} would compile it on every request. */
    private static final Pattern LOOPBACK_V4 = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    private final ClusterServer server;
    private final ServerOptions options;
    private final PageFiles page;
    private final ServerMetrics metrics;
    private final ClusterExamples examples;
    private final byte[] model;
    private final AssignHandler assign;
    private final boolean loopbackOnly;

    Routes(ClusterServer server, ServerOptions options, ClusterPredictor predictor, DynamicBatcher batcher,
            ServerMetrics metrics, ClusterExamples examples, byte[] model, PageFiles page) {
        this.server = server;
        this.options = options;
        this.page = page;
        this.metrics = metrics;
        this.examples = examples;
        this.model = model;
        this.assign = new AssignHandler(predictor, batcher, metrics, options);
        this.loopbackOnly = isLoopback(options.host());
    }

    Javalin create() {
        return Javalin.create(this::configure);
    }

    private void configure(JavalinConfig config) {
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.startup.startupWatcherEnabled = false;
        config.http.prefer405over404 = true;
        config.http.maxRequestSize = options.maxBodyBytes();
        config.router.ignoreTrailingSlashes = false;
        config.jetty.modifyServer(s -> {
            s.setStopTimeout(options.stopTimeout().toMillis());
            // Outermost: refuse new requests while stopping, let those in flight finish.
            s.insertHandler(new GracefulHandler());
            if (options.minRequestBytesPerSecond() > 0) {
                s.insertHandler(new MinimumDataRateHandler(options.minRequestBytesPerSecond(), 0));
            }
        });
        config.jetty.modifyHttpConfiguration(http -> {
            http.setSendServerVersion(false);
            http.setSendDateHeader(true);
            http.setSendXPoweredBy(false);
        });
        config.jetty.addConnector((s, http) -> {
            ServerConnector connector = new ServerConnector(s, new HttpConnectionFactory(http));
            connector.setHost(options.host());
            connector.setPort(options.port());
            connector.setIdleTimeout(options.idleTimeout().toMillis());
            return connector;
        });
        config.requestLogger.http((ctx, ms) -> metrics.request(endpoint(ctx), ctx.statusCode(),
                (long) (ms * 1_000_000L)));

        config.routes.before(this::guard);
        for (String path : page.paths()) {
            config.routes.get(path, ctx -> {
                PageFiles.File f = page.get(path).orElseThrow();
                ctx.header("Cache-Control", "no-cache");
                ctx.contentType(f.contentType()).result(f.bytes());
            });
        }
        config.routes.get("/healthz", ctx -> json(ctx, 200, "{\"status\":\"ok\"}"));
        config.routes.get("/readyz", ctx -> {
            if (!server.isReady()) {
                throw new ApiException(503, "not_ready", server.isClosing() ? "the server is stopping"
                        : "the model is loaded but still warming up", Map.of("Retry-After", "1"));
            }
            json(ctx, 200, "{\"status\":\"ready\"}");
        });
        config.routes.get("/metrics", ctx -> ctx.contentType(metrics.contentType()).result(metrics.scrape()));
        config.routes.get("/v1/model", ctx -> ctx.contentType(Json.CONTENT_TYPE).result(model));
        config.routes.get("/v1/clusters/{k}/examples", this::examples);
        config.routes.post("/v1/assign", assign::handle);

        config.routes.exception(ApiException.class, (e, ctx) -> error(ctx, e));
        config.routes.exception(InvalidInputException.class,
                (e, ctx) -> error(ctx, ApiException.badRequest(e.getMessage())));
        config.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, fromJavalin(e, ctx)));
        config.routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("request {} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, new ApiException(500, "internal", "the server failed to answer; see its log"));
        });
    }

    /** Host check, token, and the headers every answer carries (errors included). */
    private void guard(Context ctx) {
        if (REQUESTS.isDebugEnabled()) {
            REQUESTS.debug("begun {} {} id={}", ctx.method(), ctx.path(), ctx.header("X-Request-Id"));
        }
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Cross-Origin-Resource-Policy", "same-origin");
        ctx.header("Cache-Control", "no-store");
        if (loopbackOnly && !loopbackHost(ctx.header("Host"))) {
            throw new ApiException(403, "host_not_allowed", "this server answers only requests addressed to"
                    + " localhost, 127.0.0.1 or [::1] (it is bound to " + options.host() + ")");
        }
        String path = ctx.path();
        if (options.token() != null && !OPEN.contains(path) && page.get(path).isEmpty()
                && !options.token().accepts(ctx.header("Authorization"))) {
            throw new ApiException(401, "unauthorized", ctx.header("Authorization") == null
                    ? "this server requires 'Authorization: Bearer <token>'" : "the bearer token is wrong",
                    Map.of("WWW-Authenticate", "Bearer realm=\"cc4j\""));
        }
    }

    private void examples(Context ctx) {
        String text = ctx.pathParam("k");
        int k = text.matches("\\d{1,6}") ? Integer.parseInt(text) : -1;
        if (k < 0 || k >= examples.clusters()) {
            throw new ApiException(404, "not_found", "no cluster '" + text + "': the model has clusters 0 to "
                    + (examples.clusters() - 1));
        }
        byte[] png = examples.png(k).orElseThrow(() -> new ApiException(404, "no_examples", "no example images"
                + " for cluster " + k + ": the run has no report gallery for it, and its assignments.csv or"
                + " training data could not be read"));
        ctx.header("Cache-Control", "private, max-age=3600");
        ctx.contentType("image/png").result(png);
    }

    private static ApiException fromJavalin(HttpResponseException e, Context ctx) {
        int status = e.getStatus();
        return switch (status) {
            case 404 -> new ApiException(404, "not_found", "no endpoint " + ctx.method() + " " + ctx.path());
            case 405 -> new ApiException(405, "method_not_allowed", ctx.method() + " is not allowed on "
                    + ctx.path() + "; allowed: " + String.join(", ", e.getDetails().values()),
                    Map.of("Allow", String.join(", ", e.getDetails().values())));
            case 413 -> ApiException.tooLarge("body_too_large", "the body exceeds the limit of "
                    + "the server's maxBodyBytes");
            default -> new ApiException(status, "http_" + status, e.getMessage() == null || e.getMessage().isEmpty()
                    ? "HTTP " + status : e.getMessage());
        };
    }

    static void error(Context ctx, ApiException e) {
        ctx.status(e.status());
        e.headers().forEach(ctx::header);
        ctx.contentType(Json.CONTENT_TYPE).result(Json.error(e.code(), e.getMessage()));
    }

    private static void json(Context ctx, int status, String body) {
        ctx.status(status).contentType(Json.CONTENT_TYPE).result(body);
    }

    /** The metrics label of a request: its route, or "other", so that unknown paths cannot multiply series. */
    private String endpoint(Context ctx) {
        String path = ctx.path();
        if (page.get(path).isPresent()) {
            return "page";
        }
        if (path.startsWith("/v1/clusters/") && path.endsWith("/examples")) {
            return "/v1/clusters/{k}/examples";
        }
        return switch (path) {
            case "/healthz", "/readyz", "/metrics", "/v1/model", "/v1/assign" -> path;
            default -> "other";
        };
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Whether a Host header names this machine's loopback: localhost, 127.x.y.z or [::1], with any port. */
    static boolean loopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end > 0 && h.substring(1, end).equals("::1") && (end == h.length() - 1 || h.charAt(end + 1) == ':');
        }
        int colon = h.indexOf(':');
        String name = colon < 0 ? h : h.substring(0, colon);
        return name.equals("localhost") || LOOPBACK_V4.matcher(name).matches();
    }

    /** Whether an exception is Jetty's read timeout (idle connection or too slow a body). */
    static boolean isTimeout(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }
}

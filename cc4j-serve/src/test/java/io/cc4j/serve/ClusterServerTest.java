package io.cc4j.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.cc4j.inference.ClusterPredictor;
import io.cc4j.inference.Prediction;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The endpoints and every row of the bad-input table, against a server on a free loopback port serving a real
 * (tiny) trained run; after each bad request the server still answers good ones.
 */
class ClusterServerTest {
    static final int MAX_IMAGES = 4;
    static final long MAX_PIXELS = 1_000_000;
    static final long MAX_BODY = 256 * 1024;

    @AutoClose
    static ClusterServer server;
    @AutoClose
    static ClusterPredictor reference;
    static Http http;

    @BeforeAll
    static void start() throws Exception {
        Path run = TestRun.get();
        server = ClusterServer.start(run, ServerOptions.builder().optPort(0).optMaxImages(MAX_IMAGES)
                .optMaxPixels(MAX_PIXELS).optMaxBodyBytes(MAX_BODY).optQueue(64).optMaxBatch(16).build());
        reference = ClusterPredictor.load(run);
        http = new Http(server.url());
        assertThat(server.awaitReady(Duration.ofSeconds(60))).as("ready after warm-up").isTrue();
    }

    @Test
    void healthAndReadinessAnswerJson() {
        HttpResponse<byte[]> health = http.get("/healthz");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(Http.json(health).path("status").asText()).isEqualTo("ok");
        HttpResponse<byte[]> ready = http.get("/readyz");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(Http.json(ready).path("status").asText()).isEqualTo("ready");
    }

    @Test
    void theModelDescribesItselfWithItsTrainingScoresAndProvenance() {
        HttpResponse<byte[]> r = http.get("/v1/model");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode m = Http.json(r);
        assertThat(m.path("clusters").asInt()).isEqualTo(TestRun.CLUSTERS);
        assertThat(m.path("input_size").asInt()).isEqualTo(28);
        assertThat(m.path("backbone").asText()).isEqualTo("resnet18");
        assertThat(m.path("stem").asText()).isEqualTo(reference.spec().stem().id());
        assertThat(m.path("width").asInt()).isEqualTo(4);
        assertThat(m.path("training").path("epochs").asInt()).isEqualTo(1);
        assertThat(m.path("training").path("data").get(0).asText()).startsWith("idx:");
        JsonNode head = m.path("training").path("scores").path("results").get(0);
        assertThat(head.path("name").asText()).isEqualTo("CC cluster head");
        assertThat(head.path("nmi").asDouble()).isBetween(0.0, 1.0);
        assertThat(m.path("training").path("cluster_sizes")).hasSize(TestRun.CLUSTERS);
        long total = 0;
        for (JsonNode s : m.path("training").path("cluster_sizes")) {
            total += s.asLong();
        }
        assertThat(total).isEqualTo(TestRun.IMAGES);
        assertThat(m.path("training").path("examples").asText()).isEqualTo("the report's galleries");
        assertThat(m.path("provenance").path("cc4j").asText()).isNotEmpty();
        assertThat(m.path("provenance").path("data").get(0).path("count").asInt()).isEqualTo(TestRun.IMAGES);
        assertThat(m.path("limits").path("max_images").asInt()).isEqualTo(MAX_IMAGES);
        assertThat(Http.text(r)).as("no server path in the description").doesNotContain("checkpoints/");
    }

    @Test
    void oneImageAsTheBodyGetsTheLibrarysAnswer() {
        for (int i : new int[] {0, 1, 2, 3}) {
            byte[] png = TestRun.png(i);
            HttpResponse<byte[]> r = http.post("/v1/assign", "image/png", png);
            assertThat(r.statusCode()).as(Http.text(r)).isEqualTo(200);
            JsonNode body = Http.json(r);
            assertThat(body.path("clusters").asInt()).isEqualTo(TestRun.CLUSTERS);
            JsonNode answer = body.path("images").get(0);
            Prediction expected = reference.predict(png);
            assertThat(answer.path("name").asText()).isEqualTo("body");
            assertThat(answer.path("cluster").asInt()).as("cluster of image %d", i).isEqualTo(expected.cluster());
            assertThat(answer.path("confidence").asDouble()).isCloseTo(expected.confidence(), within(1e-6));
            assertThat(answer.has("probabilities")).isFalse();
            assertThat(answer.has("features")).isFalse();
        }
    }

    @Test
    void severalImagesInEveryFormatAsMultipartWithProbabilitiesAndFeatures() {
        List<String> names = List.of("a.png", "b.jpg", "c.bmp", "d.gif");
        List<byte[]> files = List.of(TestImages.encoded(4, "png"), TestImages.encoded(5, "jpeg"),
                TestImages.encoded(6, "bmp"), TestImages.encoded(7, "gif"));
        Http.Multipart form = Http.Multipart.of(names, files);
        HttpResponse<byte[]> r = http.post("/v1/assign?probabilities=true&features=instance", form.contentType(),
                form.body());
        assertThat(r.statusCode()).as(Http.text(r)).isEqualTo(200);
        JsonNode images = Http.json(r).path("images");
        assertThat(images).hasSize(4);
        for (int i = 0; i < 4; i++) {
            JsonNode a = images.get(i);
            Prediction expected = reference.batchPredict(List.of(reference.decoder().decode(files.get(i))),
                    io.cc4j.model.FeatureKind.INSTANCE).get(0);
            assertThat(a.path("name").asText()).isEqualTo(names.get(i));
            assertThat(a.path("cluster").asInt()).as(names.get(i)).isEqualTo(expected.cluster());
            assertThat(a.path("probabilities")).hasSize(TestRun.CLUSTERS);
            double sum = 0;
            for (int k = 0; k < TestRun.CLUSTERS; k++) {
                double p = a.path("probabilities").get(k).asDouble();
                assertThat(p).isCloseTo(expected.probabilities()[k], within(1e-6));
                sum += p;
            }
            assertThat(sum).isCloseTo(1.0, within(1e-5));
            assertThat(a.path("features")).hasSize(expected.features().length);
            assertThat(a.path("features").get(0).asDouble()).isCloseTo(expected.features()[0], within(1e-6));
        }
        HttpResponse<byte[]> backbone = http.post("/v1/assign?features=backbone", "image/png", TestRun.png(9));
        assertThat(Http.json(backbone).path("images").get(0).path("features")).hasSize(reference.spec().representationDim());
    }

    @Test
    void aCmykJpegIsDecodedAsThePredictorDecodesIt() throws Exception {
        // The decoder converts CMYK JPEGs as PIL does, so the server answers them like any image.
        byte[] cmyk = Files.readAllBytes(Path.of("../cc4j-inference/src/test/resources/decoder/cmyk_adobe.jpg"));
        HttpResponse<byte[]> r = http.post("/v1/assign", "image/jpeg", cmyk);
        assertThat(r.statusCode()).as(Http.text(r)).isEqualTo(200);
        assertThat(Http.json(r).path("images").get(0).path("cluster").asInt())
                .isEqualTo(reference.predict(cmyk).cluster());
    }

    @Test
    void badInputGetsAClearJsonErrorNamingThePart() {
        expectError(http.post("/v1/assign", "application/octet-stream", "this is not an image".getBytes(
                StandardCharsets.UTF_8)), 415, "unsupported_image", "in the body");
        expectError(http.post("/v1/assign", "image/tiff", TestImages.tiff()), 415, "unsupported_image", "TIFF");
        expectError(http.post("/v1/assign", "image/png", TestImages.truncatedPng()), 400, "bad_image", "in the body");
        Http.Multipart form = Http.Multipart.of(List.of("good.png", "broken.png"),
                List.of(TestRun.png(1), TestImages.truncatedPng()));
        expectError(http.post("/v1/assign", form.contentType(), form.body()), 400, "bad_image",
                "part 'images' (file 'broken.png')");
        Http.Multipart text = Http.Multipart.of(List.of("notes.txt"), List.of("hello".getBytes(StandardCharsets.UTF_8)));
        expectError(http.post("/v1/assign", text.contentType(), text.body()), 415, "unsupported_image", "notes.txt");
        expectError(http.post("/v1/assign", "image/png", new byte[0]), 400, "bad_request", "empty");
        expectError(http.post("/v1/assign", "application/x-www-form-urlencoded", "a=b".getBytes(StandardCharsets.UTF_8)),
                415, "unsupported_media_type", "multipart/form-data");
        expectError(http.post("/v1/assign", "multipart/form-data; boundary=xyz", "garbage".getBytes(StandardCharsets.UTF_8)),
                400, "bad_request", "multipart");
        expectError(http.post("/v1/assign?probabilities=maybe", "image/png", TestRun.png(0)), 400, "bad_request",
                "probabilities");
        expectError(http.post("/v1/assign?features=pixels", "image/png", TestRun.png(0)), 400, "bad_request",
                "pixels");
        stillServing();
    }

    @Test
    void limitsAnswer413() {
        // A body over the limit, declared by Content-Length, is refused before any of it is read: the request's
        // head alone gets the answer. (A client that sends the body at once races the server's close of the
        // connection; the answer is then lost to a reset on some runs, so no body is sent here.)
        try (Http.Raw raw = new Http.Raw(server.port())) {
            raw.write("POST /v1/assign HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: image/png\r\nContent-Length: "
                    + (MAX_BODY + 1) + "\r\n\r\n");
            assertThat(raw.readResponse()).startsWith("HTTP/1.1 413").contains("body_too_large")
                    .contains("limit of " + MAX_BODY);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        // More pixels than --max-pixels, decided from the header: the bomb declares 4 gigapixels in 300 bytes.
        byte[] bomb = TestImages.pngBomb(65_536);
        assertThat(bomb.length).isLessThan(1000);
        long t0 = System.nanoTime();
        expectError(http.post("/v1/assign", "image/png", bomb), 413, "image_too_large", "nothing was decoded");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        // Also when the bomb hides behind a good image in a form.
        Http.Multipart bombForm = Http.Multipart.of(List.of("fine.png", "bomb.png"), List.of(TestRun.png(0), bomb));
        expectError(http.post("/v1/assign", bombForm.contentType(), bombForm.body()), 413, "image_too_large",
                "bomb.png");
        // Too many images.
        List<byte[]> five = List.of(TestRun.png(0), TestRun.png(1), TestRun.png(2), TestRun.png(3), TestRun.png(4));
        Http.Multipart tooMany = Http.Multipart.of(List.of("1.png", "2.png", "3.png", "4.png", "5.png"), five);
        expectError(http.post("/v1/assign", tooMany.contentType(), tooMany.body()), 413, "too_many_images",
                "limit of " + MAX_IMAGES);
        stillServing();
    }

    @Test
    void aChunkedBodyOverTheLimitIs413Too() throws Exception {
        try (Http.Raw raw = new Http.Raw(server.port())) {
            raw.write("POST /v1/assign HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: image/png\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n");
            byte[] chunk = new byte[64 * 1024];
            String response = null;
            try {
                for (int i = 0; i < 8; i++) {
                    raw.write(Integer.toHexString(chunk.length) + "\r\n");
                    raw.write(chunk);
                    raw.write("\r\n");
                }
                raw.write("0\r\n\r\n");
            } catch (java.io.IOException e) {
                // The server may answer and close before the whole body is sent.
            }
            response = raw.readResponse();
            assertThat(response).startsWith("HTTP/1.1 413").contains("body_too_large");
        }
        stillServing();
    }

    @Test
    void aTakenPortIsABadInputNamingTheOption() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ClusterServer.start(TestRun.get(),
                ServerOptions.builder().optPort(server.port()).build()))
                .isInstanceOf(io.cc4j.InvalidInputException.class).hasMessageContaining("choose another port or host")
                .hasMessageContaining(Integer.toString(server.port()));
        stillServing();
    }

    @Test
    void wrongPathsAndMethodsAre404And405() {
        expectError(http.get("/v2/assign"), 404, "not_found", "/v2/assign");
        HttpResponse<byte[]> get = http.get("/v1/assign");
        expectError(get, 405, "method_not_allowed", "POST");
        assertThat(get.headers().firstValue("Allow").orElse("")).contains("POST");
        expectError(http.method("DELETE", "/v1/model"), 405, "method_not_allowed", "GET");
        expectError(http.get("/v1/clusters/99/examples"), 404, "not_found", "0 to 9");
        expectError(http.get("/v1/clusters/abc/examples"), 404, "not_found", "abc");
    }

    @Test
    void noRequestCanNameAFileOnTheServer() throws Exception {
        for (String path : List.of("/../../../../etc/passwd", "/app.js/../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
                "/v1/clusters/..%2F..%2F..%2Fetc%2Fpasswd/examples", "/index.html", "/io/cc4j/serve/page/app.js",
                "/report/cluster-000-top.png", "/WEB-INF/web.xml", "/..%5c..%5cetc%5cpasswd")) {
            try (Http.Raw raw = new Http.Raw(server.port())) {
                String response = raw.write("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                        .readResponse();
                assertThat(response).as(path).doesNotStartWith("HTTP/1.1 200").doesNotContain("root:x:0:0");
            }
        }
    }

    @Test
    void eachClustersExamplesAreAPngFromTheReport() throws Exception {
        for (int k = 0; k < TestRun.CLUSTERS; k++) {
            HttpResponse<byte[]> r = http.get("/v1/clusters/" + k + "/examples");
            Path gallery = TestRun.get().resolve(String.format("report/cluster-%03d-top.png", k));
            if (!Files.exists(gallery)) {
                expectError(r, 404, "no_examples", "cluster " + k);
                continue;
            }
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).isEqualTo("image/png");
            assertThat(r.body()).isEqualTo(Files.readAllBytes(gallery));
            assertThat(ImageIO.read(new ByteArrayInputStream(r.body()))).isNotNull();
        }
    }

    @Test
    void everyAnswerCarriesTheSecurityHeadersAndThePageLoadsOnlyItsOwnFiles() {
        for (HttpResponse<byte[]> r : List.of(http.get("/"), http.get("/app.js"), http.get("/v1/model"),
                http.get("/nowhere"), http.post("/v1/assign", "image/png", new byte[0]))) {
            assertThat(r.headers().firstValue("X-Content-Type-Options")).as(r.uri().toString()).hasValue("nosniff");
            String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
            assertThat(csp).contains("default-src 'none'").contains("script-src 'self'").doesNotContain("unsafe")
                    .doesNotContain("http:").doesNotContain("https:");
            assertThat(r.headers().firstValue("Server")).isEmpty();
        }
        String html = Http.text(http.get("/"));
        assertThat(html).contains("<script src=\"/app.js\"").doesNotContain("<script>").doesNotContain("style=")
                .doesNotContain("http://").doesNotContain("https://");
        assertThat(Http.text(http.get("/app.js"))).doesNotContain("http://").doesNotContain("https://");
        assertThat(http.get("/app.css").headers().firstValue("Content-Type").orElse("")).startsWith("text/css");
    }

    @Test
    void aLoopbackServerRefusesOtherHostNamesAgainstDnsRebinding() throws Exception {
        try (Http.Raw raw = new Http.Raw(server.port())) {
            String response = raw.write("GET /v1/model HTTP/1.1\r\nHost: attacker.example:" + server.port()
                    + "\r\nConnection: close\r\n\r\n").readResponse();
            assertThat(response).startsWith("HTTP/1.1 403").contains("host_not_allowed");
        }
        for (String host : List.of("localhost", "127.0.0.1:8080", "[::1]:8080", "127.1.2.3")) {
            assertThat(Routes.loopbackHost(host)).as(host).isTrue();
        }
        for (String host : List.of("127.0.0.1.evil.example", "evil.example", "[::2]", "", "localhost.example")) {
            assertThat(Routes.loopbackHost(host)).as(host).isFalse();
        }
    }

    @Test
    void metricsArePrometheusTextWithRequestsLatencyBatchesQueueAndImages() {
        http.post("/v1/assign", "image/png", TestRun.png(11));
        http.post("/v1/assign", "image/png", new byte[0]);
        HttpResponse<byte[]> r = http.get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        String text = Http.text(r);
        assertThat(text).contains("cc4j_http_requests_total{endpoint=\"/v1/assign\",status=\"200\"}")
                .contains("cc4j_http_requests_total{endpoint=\"/v1/assign\",status=\"400\"}")
                .contains("cc4j_http_request_duration_seconds_bucket{endpoint=\"/v1/assign\",le=\"0.1\"}")
                .contains("cc4j_batch_size_images_bucket{le=\"1.0\"}")
                .contains("cc4j_forward_pass_duration_seconds_count")
                .contains("cc4j_queue_depth_images ")
                .contains("cc4j_images_assigned_total ")
                .contains("cc4j_process_resident_memory_bytes ");
        double assigned = Double.parseDouble(text.lines().filter(l -> l.startsWith("cc4j_images_assigned_total "))
                .findFirst().orElseThrow().split(" ")[1]);
        assertThat(assigned).isGreaterThanOrEqualTo(1);
    }

    private static void expectError(HttpResponse<byte[]> r, int status, String code, String inMessage) {
        assertThat(r.statusCode()).as(Http.text(r)).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode error = Http.json(r).path("error");
        assertThat(error.path("code").asText()).as(Http.text(r)).isEqualTo(code);
        assertThat(error.path("message").asText()).as(Http.text(r)).contains(inMessage);
    }

    private static void stillServing() {
        HttpResponse<byte[]> r = http.post("/v1/assign", "image/png", TestRun.png(10));
        assertThat(r.statusCode()).as("still serving: " + Http.text(r)).isEqualTo(200);
    }
}

package io.cc4j.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping refuses new work and finishes the request in flight; a run without galleries gets drawn examples. */
class ShutdownTest {
    @TempDir
    Path tmp;

    @Test
    void closingRefusesNewRequestsButFinishesTheOneInFlight() throws Exception {
        ClusterServer server = ClusterServer.start(TestRun.get(), ServerOptions.builder().optPort(0).build());
        server.awaitReady(Duration.ofSeconds(60));
        int port = server.port();
        byte[] png = TestRun.png(5);
        Thread closer = new Thread(server::close, "closer");
        try (Http.Raw inFlight = new Http.Raw(port)) {
            // The request has begun: its headers and half its body are in.
            inFlight.write("POST /v1/assign HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: image/png\r\nContent-Length: "
                    + png.length + "\r\n\r\n").write(Arrays.copyOf(png, png.length / 2));
            Thread.sleep(200);
            closer.start();
            assertThat(refusesNewRequests(port)).as("new requests refused while stopping").isTrue();
            assertThat(server.isReady()).isFalse();
            inFlight.write(Arrays.copyOfRange(png, png.length / 2, png.length));
            String response = inFlight.readResponse();
            assertThat(response).startsWith("HTTP/1.1 200").contains("\"cluster\":");
        }
        closer.join(30_000);
        assertThat(closer.isAlive()).as("close() returned").isFalse();
        assertThat(refusesNewRequests(port)).isTrue();
    }

    /** Whether a new connection is refused, or its request answered 503, within 10 s. */
    private static boolean refusesNewRequests(int port) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                s.setSoTimeout(2000);
                s.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                byte[] head = s.getInputStream().readNBytes(12);
                String status = new String(head, java.nio.charset.StandardCharsets.ISO_8859_1);
                if (head.length == 0 || status.startsWith("HTTP/1.1 503")) {
                    return true;
                }
            } catch (ConnectException e) {
                return true;
            } catch (IOException e) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    @Test
    void aRunWithoutReportGalleriesGetsExamplesDrawnFromItsAssignments() throws Exception {
        Path copy = tmp.resolve("run");
        try (var files = Files.walk(TestRun.get())) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path rel = TestRun.get().relativize(f);
                if (rel.startsWith("report")) {
                    continue;
                }
                Path target = copy.resolve(rel.toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        try (ClusterServer server = ClusterServer.start(copy, ServerOptions.builder().optPort(0).build())) {
            Http http = new Http(server.url());
            assertThat(Http.json(http.get("/v1/model")).path("training").path("examples").asText())
                    .isEqualTo("assignments.csv and the training data");
            int served = 0;
            for (int k = 0; k < TestRun.CLUSTERS; k++) {
                var r = http.get("/v1/clusters/" + k + "/examples");
                if (r.statusCode() == 200) {
                    var image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(r.body()));
                    assertThat(image.getHeight()).isEqualTo(56 + 4);
                    served++;
                }
            }
            assertThat(served).isGreaterThan(0);
        }
    }
}

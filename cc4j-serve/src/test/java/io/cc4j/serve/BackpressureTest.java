package io.cc4j.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cc4j.inference.DynamicBatcher;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A full queue answers 503 with Retry-After; slow, stalled and trickling clients time out. */
class BackpressureTest {
    @AutoClose
    static ClusterServer server;
    static Http http;

    @BeforeAll
    static void start() throws Exception {
        server = ClusterServer.start(TestRun.get(), ServerOptions.builder().optPort(0).optQueue(4).optMaxImages(4)
                .optIdleTimeout(Duration.ofSeconds(1)).optMinRequestBytesPerSecond(1024).build());
        http = new Http(server.url());
        server.awaitReady(Duration.ofSeconds(60));
    }

    @Test
    void aFullQueueAnswers503WithRetryAfterAndRecovers() {
        try (DynamicBatcher.Reservation held = server.batcher().reserve(4)) {
            HttpResponse<byte[]> r = http.post("/v1/assign", "image/png", TestRun.png(0));
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
            JsonNode error = Http.json(r).path("error");
            assertThat(error.path("code").asText()).isEqualTo("queue_full");
            assertThat(error.path("message").asText()).contains("4 of 4");
        }
        assertThat(http.post("/v1/assign", "image/png", TestRun.png(0)).statusCode()).isEqualTo(200);
    }

    @Test
    void aClientThatStallsInTheBodyGetsA408() throws Exception {
        long t0 = System.nanoTime();
        try (Http.Raw raw = new Http.Raw(server.port())) {
            String response = raw.write("POST /v1/assign HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: image/png\r\n"
                    + "Content-Length: 5000\r\n\r\n").write(new byte[10]).readResponse();
            assertThat(response).startsWith("HTTP/1.1 408").contains("request_timeout");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aClientTricklingItsBodyGetsA408() throws Exception {
        long t0 = System.nanoTime();
        try (Http.Raw raw = new Http.Raw(server.port())) {
            raw.write("POST /v1/assign HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: image/png\r\n"
                    + "Content-Length: 100000\r\n\r\n");
            // 10 bytes every 100 ms: never silent for the idle timeout, but 100 bytes/s is below the minimum rate.
            String response = null;
            for (int i = 0; i < 100 && response == null; i++) {
                try {
                    raw.write(new byte[10]);
                } catch (java.io.IOException e) {
                    break;
                }
                Thread.sleep(100);
            }
            response = raw.readResponse();
            assertThat(response).startsWith("HTTP/1.1 408");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aClientThatStallsInTheHeadersIsDisconnected() throws Exception {
        long t0 = System.nanoTime();
        try (Http.Raw raw = new Http.Raw(server.port())) {
            String response = raw.write("POST /v1/assign HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Ty").readResponse();
            // Jetty closes the silent connection; there is no request yet to answer.
            assertThat(response).doesNotContain("200 OK");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
        assertThat(http.post("/v1/assign", "image/png", TestRun.png(1)).statusCode()).isEqualTo(200);
    }
}

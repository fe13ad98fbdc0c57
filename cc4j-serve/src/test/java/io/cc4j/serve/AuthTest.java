package io.cc4j.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.cc4j.InvalidInputException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --token-file}: every endpoint but /healthz, /readyz and the page's files needs the bearer token. */
class AuthTest {
    static final String TOKEN = "s3cret-token-for-the-test-0123456789";

    @TempDir
    static Path tmp;
    @AutoClose
    static ClusterServer server;
    static Http anonymous;

    @BeforeAll
    static void start() throws Exception {
        Path file = tmp.resolve("token");
        Files.writeString(file, TOKEN + "\n");
        server = ClusterServer.start(TestRun.get(), ServerOptions.builder().optPort(0)
                .optToken(BearerToken.read(file)).build());
        anonymous = new Http(server.url());
        server.awaitReady(Duration.ofSeconds(60));
    }

    @Test
    void withoutTheTokenOnlyHealthReadinessAndThePageAnswer() {
        assertThat(anonymous.get("/healthz").statusCode()).isEqualTo(200);
        // the probes of a container's health check and of Kubernetes carry no token
        assertThat(anonymous.get("/readyz").statusCode()).isEqualTo(200);
        for (String page : List.of("/", "/app.js", "/app.css")) {
            assertThat(anonymous.get(page).statusCode()).as(page).isEqualTo(200);
        }
        for (String path : List.of("/metrics", "/v1/model", "/v1/clusters/0/examples", "/nowhere")) {
            HttpResponse<byte[]> r = anonymous.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");
            JsonNode error = Http.json(r).path("error");
            assertThat(error.path("code").asText()).isEqualTo("unauthorized");
        }
        HttpResponse<byte[]> assign = anonymous.post("/v1/assign", "image/png", TestRun.png(0));
        assertThat(assign.statusCode()).isEqualTo(401);
    }

    @Test
    void aWrongTokenIsRefusedAndTheRightOneAccepted() {
        for (String wrong : List.of(TOKEN.substring(1), TOKEN + "x", TOKEN.toUpperCase(), "", "Basic " + TOKEN)) {
            HttpResponse<byte[]> r = anonymous.withToken(wrong).get("/v1/model");
            assertThat(r.statusCode()).as("token '%s'", wrong).isEqualTo(401);
            assertThat(Http.json(r).path("error").path("message").asText()).contains("token");
        }
        Http authorised = anonymous.withToken(TOKEN);
        assertThat(authorised.get("/v1/model").statusCode()).isEqualTo(200);
        assertThat(authorised.get("/readyz").statusCode()).isEqualTo(200);
        assertThat(authorised.get("/metrics").statusCode()).isEqualTo(200);
        HttpResponse<byte[]> r = authorised.post("/v1/assign", "image/png", TestRun.png(0));
        assertThat(r.statusCode()).as(Http.text(r)).isEqualTo(200);
    }

    @Test
    void theTokenComparesWholeValuesOnly() {
        BearerToken token = BearerToken.of(TOKEN);
        assertThat(token.accepts("Bearer " + TOKEN)).isTrue();
        assertThat(token.accepts("bearer " + TOKEN)).as("the scheme is case-insensitive").isTrue();
        assertThat(token.accepts("Bearer " + TOKEN + " ")).isTrue();
        assertThat(token.accepts("Bearer " + TOKEN.substring(0, TOKEN.length() - 1))).isFalse();
        assertThat(token.accepts("Bearer " + TOKEN + "0")).isFalse();
        assertThat(token.accepts(TOKEN)).as("without the scheme").isFalse();
        assertThat(token.accepts(null)).isFalse();
        assertThat(token.accepts("Bearer ")).isFalse();
        assertThat(token.toString()).doesNotContain(TOKEN);
    }

    @Test
    void shortOrEmptyTokensAndMissingFilesAreRefused() throws Exception {
        assertThatThrownBy(() -> BearerToken.of("short")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("at least 16");
        assertThatThrownBy(() -> BearerToken.of("has a space in it, long enough")).isInstanceOf(InvalidInputException.class);
        Path empty = tmp.resolve("empty");
        Files.writeString(empty, "\n");
        assertThatThrownBy(() -> BearerToken.read(empty)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(empty.toString());
        assertThatThrownBy(() -> BearerToken.read(tmp.resolve("missing"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("missing");
    }
}

package io.cc4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The container image's tarball, as Jib writes it with {@code mvn -Pcontainer package} (docs/container.md): its config
 * (entrypoint, non-root user, port, volume, environment, health check) and its files (the PyTorch natives, DJL's JNI
 * library and JNA's unpacked in DJL's cache layout, byte for byte the jars' and not writable by the server's user;
 * no natives jar on the class path). Runs only when given the tarball, as scripts/container/test-image.sh does:
 * {@code -Dcc4j.container.image=cc4j-cli/target/cc4j-image.tar}; building the image needs the Debian base
 * (scripts/container/build-base.sh), which CI does not build.
 */
@EnabledIfSystemProperty(named = "cc4j.container.image", matches = ".+")
class ContainerImageTest {
    private static final String NATIVES_IN_JAR = "pytorch/cpu/linux-x86_64/";
    private static final String JNI_IN_JAR = "jnilib/linux-x86_64/cpu/libdjl_torch.so";
    private static final String JNA_IN_JAR = "com/sun/jna/linux-x86-64/libjnidispatch.so";
    private static final String CACHE = "/opt/cc4j/djl";
    private static final String HEALTHCHECK = "/usr/local/bin/cc4j-healthcheck";
    private static final String JEMALLOC = "/usr/lib/x86_64-linux-gnu/libjemalloc.so.2";

    /** One file of the image, after all layers: later layers replace earlier entries of the same path. */
    record ImageFile(String path, long size, int mode, long uid, long gid, String link, boolean directory,
                     String sha256, String text) {
    }

    static JsonNode config;
    static Map<String, ImageFile> files;
    static String torchDir;
    static String djlVersion;

    @BeforeAll
    static void readImage() throws Exception {
        Path tar = Path.of(System.getProperty("cc4j.container.image"));
        assertThat(tar).as("the image tarball (mvn -Pcontainer package)").isRegularFile();
        Properties engine = new Properties();
        try (InputStream in = resource("pytorch-engine.properties")) {
            engine.load(in);
        }
        djlVersion = engine.getProperty("djl_version");
        // DJL's cache folder for libtorch when no natives jar is on the class path (ai.djl.pytorch.jni.LibUtils)
        torchDir = CACHE + "/pytorch/" + engine.getProperty("pytorch_version") + "-cpu-linux-x86_64";

        ObjectMapper json = new ObjectMapper();
        Map<String, byte[]> outer = new HashMap<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(tar), 1 << 16)) {
            Tar.read(in, (e, body) -> {
                if (e.name().endsWith(".json")) {
                    outer.put(e.name(), body.readAllBytes());
                }
            });
        }
        JsonNode manifest = json.readTree(outer.get("manifest.json")).get(0);
        config = json.readTree(outer.get(manifest.get("Config").asText()));
        List<String> layers = new ArrayList<>();
        manifest.get("Layers").forEach(l -> layers.add(l.asText()));

        files = new TreeMap<>();
        for (String layer : layers) {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(tar), 1 << 16)) {
                Tar.read(in, (e, body) -> {
                    if (e.name().equals(layer)) {
                        readLayer(layer.endsWith(".gz") ? new GZIPInputStream(body, 1 << 16) : body);
                    }
                });
            }
        }
    }

    private static void readLayer(InputStream layer) throws IOException {
        Tar.read(layer, (e, body) -> {
            String path = "/" + e.name().replaceFirst("^\\./", "").replaceFirst("/$", "");
            String name = path.substring(path.lastIndexOf('/') + 1);
            assertThat(name).as("whiteouts (Jib and the base write none)").doesNotStartWith(".wh.");
            String sha = null;
            String text = null;
            if (e.type() == '0') {
                if (path.startsWith("/opt/cc4j/")) {
                    sha = sha256(body);
                } else if (path.equals("/etc/passwd") || path.equals(HEALTHCHECK)) {
                    text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            files.put(path, new ImageFile(path, e.size(), e.mode(), e.uid(), e.gid(),
                    e.type() == '2' ? e.link() : null, e.type() == '5', sha, text));
        });
    }

    /**
     * A reader of the tar files at hand (ustar, with PAX and GNU long names): Jib's, mmdebstrap's and the image
     * tarball around them. Regular files have type '0', symbolic links '2', folders '5', hard links '1'.
     */
    static final class Tar {
        record Entry(String name, char type, long size, int mode, long uid, long gid, String link) {
        }

        interface Visitor {
            void entry(Entry entry, InputStream body) throws IOException;
        }

        static void read(InputStream in, Visitor visitor) throws IOException {
            byte[] header = new byte[512];
            Map<String, String> pax = new HashMap<>();
            String longName = null;
            String longLink = null;
            while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
                char type = header[156] == 0 ? '0' : (char) header[156];
                long size = octal(header, 124, 12);
                if (type == 'x' || type == 'g' || type == 'L' || type == 'K') {
                    byte[] data = in.readNBytes((int) size);
                    in.skipNBytes(padding(size));
                    if (type == 'x') {
                        pax = parsePax(data);
                    } else if (type == 'L') {
                        longName = cString(data, 0, data.length);
                    } else if (type == 'K') {
                        longLink = cString(data, 0, data.length);
                    }
                    continue;
                }
                String name = cString(header, 0, 100);
                String prefix = cString(header, 345, 155);
                if (!prefix.isEmpty()) {
                    name = prefix + "/" + name;
                }
                name = pax.getOrDefault("path", longName != null ? longName : name);
                String link = pax.getOrDefault("linkpath", longLink != null ? longLink : cString(header, 157, 100));
                if (pax.containsKey("size")) {
                    size = Long.parseLong(pax.get("size"));
                }
                if (type == '7') {
                    type = '0';
                }
                Entry entry = new Entry(name, type, size, (int) octal(header, 100, 8), octal(header, 108, 8),
                        octal(header, 116, 8), link);
                long dataSize = type == '0' ? size : 0;
                BoundedStream body = new BoundedStream(in, dataSize);
                visitor.entry(entry, body);
                body.skipRest();
                in.skipNBytes(padding(dataSize));
                pax = new HashMap<>();
                longName = null;
                longLink = null;
            }
        }

        private static long padding(long size) {
            return (512 - size % 512) % 512;
        }

        private static Map<String, String> parsePax(byte[] data) {
            Map<String, String> out = new HashMap<>();
            int i = 0;
            while (i < data.length) {
                int space = i;
                while (data[space] != ' ') {
                    space++;
                }
                int length = Integer.parseInt(new String(data, i, space - i, StandardCharsets.US_ASCII));
                String record = new String(data, space + 1, i + length - space - 2, StandardCharsets.UTF_8);
                int eq = record.indexOf('=');
                out.put(record.substring(0, eq), record.substring(eq + 1));
                i += length;
            }
            return out;
        }

        private static String cString(byte[] b, int off, int len) {
            int end = off;
            while (end < off + len && b[end] != 0) {
                end++;
            }
            return new String(b, off, end - off, StandardCharsets.UTF_8);
        }

        private static long octal(byte[] b, int off, int len) {
            if ((b[off] & 0x80) != 0) {
                long v = 0;
                for (int i = off + 1; i < off + len; i++) {
                    v = (v << 8) | (b[i] & 0xff);
                }
                return v;
            }
            String s = cString(b, off, len).trim();
            return s.isEmpty() ? 0 : Long.parseLong(s, 8);
        }

        /** An entry's bytes: reading stops at its end, closing does nothing. */
        private static final class BoundedStream extends InputStream {
            private final InputStream in;
            private long left;

            BoundedStream(InputStream in, long size) {
                this.in = in;
                this.left = size;
            }

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int b = in.read();
                if (b >= 0) {
                    left--;
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = in.read(buf, off, (int) Math.min(len, left));
                if (n > 0) {
                    left -= n;
                }
                return n;
            }

            void skipRest() throws IOException {
                in.skipNBytes(left);
                left = 0;
            }

            @Override
            public void close() {
            }
        }
    }

    @Test
    void entrypointRunsTheServerWithTheLaunchersJvmOptions() {
        List<String> entrypoint = strings(config.at("/config/Entrypoint"));
        assertThat(entrypoint.get(0)).isEqualTo("java");
        assertThat(entrypoint).containsSubsequence("-Xms1g", "-XX:+AlwaysPreTouch", "-Dai.djl.offline=true");
        assertThat(entrypoint).contains("-Djna.boot.library.path=/opt/cc4j/jna", "-Djna.nounpack=true",
                "-Dorg.slf4j.simpleLogger.log.io.cc4j=info", "-XX:+ErrorFileToStderr");
        assertThat(entrypoint).doesNotContain("-Xrs");
        assertThat(String.join(" ", entrypoint)).endsWith("-cp /app/resources:/app/classes:/app/libs/* "
                + "io.cc4j.cli.Cc4jCommand serve --model /model --host 0.0.0.0 --port 8080");
        assertThat(config.at("/config/Cmd").isMissingNode() || config.at("/config/Cmd").isNull()
                || config.at("/config/Cmd").isEmpty()).as("no CMD: extra arguments go to cc4j serve").isTrue();
        // `java` is on the image's PATH: /usr/bin/java -> /etc/alternatives/java -> the JRE's
        assertThat(resolve("/usr/bin/java")).isEqualTo("/usr/lib/jvm/java-17-openjdk-amd64/bin/java");
    }

    @Test
    void runsAsTheNonRootUserCc4j() {
        assertThat(config.at("/config/User").asText()).isEqualTo("10001:10001");
        assertThat(files.get("/etc/passwd").text()).contains("\ncc4j:x:10001:10001:");
    }

    @Test
    void exposesPort8080AndTakesTheModelAsAVolume() {
        assertThat(names(config.at("/config/ExposedPorts"))).containsExactly("8080/tcp");
        assertThat(names(config.at("/config/Volumes"))).containsExactly("/model");
    }

    @Test
    void environmentIsTheLaunchersWithTheNativesFolder() {
        assertThat(strings(config.at("/config/Env"))).contains("DJL_OFFLINE=true", "DJL_CACHE_DIR=" + CACHE,
                "PYTORCH_FLAVOR=cpu", "OMP_WAIT_POLICY=PASSIVE", "TORCH_CPP_LOG_LEVEL=ERROR", "LD_PRELOAD=" + JEMALLOC,
                "MALLOC_CONF=dirty_decay_ms:-1,muzzy_decay_ms:-1");
        assertThat(resolve(JEMALLOC)).as("jemalloc is in the image").isNotNull();
    }

    @Test
    void healthCheckAsksReadyz() {
        JsonNode health = config.at("/config/Healthcheck");
        assertThat(strings(health.get("Test"))).containsExactly("CMD", HEALTHCHECK);
        assertThat(health.get("StartPeriod").asLong()).as("start period, ns").isGreaterThanOrEqualTo(60_000_000_000L);
        ImageFile script = files.get(HEALTHCHECK);
        assertThat(script.mode() & 0111).as("executable").isEqualTo(0111);
        assertThat(script.text()).startsWith("#!/bin/bash\n").contains("${CC4J_HEALTH_PORT:-8080}",
                "/dev/tcp/127.0.0.1/", "GET /readyz HTTP/1.1");
        assertThat(resolve("/bin/bash")).isNotNull();
    }

    @Test
    void nativesAreUnpackedInDjlsCacheLayoutAndReadOnly() throws IOException {
        Map<String, String> expected = new TreeMap<>();
        Properties nativeProps = new Properties();
        try (InputStream in = resource("native/lib/pytorch.properties")) {
            nativeProps.load(in);
        }
        for (String lib : nativeProps.getProperty("libraries").split(",")) {
            expected.put(torchDir + "/" + lib, resourceSha256(NATIVES_IN_JAR + lib));
        }
        expected.put(torchDir + "/" + djlVersion + "-libdjl_torch.so", resourceSha256(JNI_IN_JAR));
        expected.put("/opt/cc4j/jna/libjnidispatch.so", resourceSha256(JNA_IN_JAR));

        Map<String, String> actual = new TreeMap<>();
        files.values().stream().filter(f -> f.path().startsWith("/opt/cc4j/") && !f.directory())
                .forEach(f -> actual.put(f.path(), f.sha256()));
        assertThat(actual).as("every native library, byte for byte the jar's, and nothing else")
                .isEqualTo(expected);
        for (ImageFile f : files.values()) {
            if (f.path().startsWith("/opt/cc4j")) {
                assertThat(f.uid()).as(f.path() + " owner").isZero();
                assertThat(f.mode() & 022).as(f.path() + " writable by group or others").isZero();
            }
        }
    }

    @Test
    void classPathHasTheJniAndEngineButNotTheNativesJar() {
        List<String> libs = files.keySet().stream().filter(p -> p.startsWith("/app/libs/")).toList();
        assertThat(libs).anyMatch(p -> p.startsWith("/app/libs/pytorch-engine-"))
                .anyMatch(p -> p.startsWith("/app/libs/pytorch-jni-"))
                .anyMatch(p -> p.startsWith("/app/libs/cc4j-serve-"))
                .noneMatch(p -> p.startsWith("/app/libs/pytorch-native-"));
        assertThat(files).containsKey("/app/classes/io/cc4j/cli/Cc4jCommand.class");
    }

    @Test
    void timesAreFixedForReproducibleBuilds() {
        assertThat(config.get("created").asText()).isEqualTo("1970-01-01T00:00:00Z");
    }

    /** Follows symbolic links, in the path's folders too (merged /usr: /bin -> usr/bin), to a regular file. */
    private static String resolve(String path) {
        String current = path;
        for (int hops = 0; hops < 32; hops++) {
            String[] parts = current.substring(1).split("/");
            String prefix = "";
            String next = null;
            for (int i = 0; i < parts.length && next == null; i++) {
                prefix = prefix + "/" + parts[i];
                ImageFile f = files.get(prefix);
                if (f == null) {
                    return null;
                }
                if (f.link() != null) {
                    String target = join(prefix.substring(0, prefix.lastIndexOf('/') + 1), f.link());
                    String rest = String.join("/", Arrays.copyOfRange(parts, i + 1, parts.length));
                    next = rest.isEmpty() ? target : target + "/" + rest;
                }
            }
            if (next == null) {
                return files.get(current).directory() ? null : current;
            }
            current = next;
        }
        return null;
    }

    private static String join(String dir, String link) {
        String p = link.startsWith("/") ? link : dir + link;
        return Path.of(p).normalize().toString();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> names(JsonNode object) {
        List<String> out = new ArrayList<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static InputStream resource(String name) {
        InputStream in = ContainerImageTest.class.getClassLoader().getResourceAsStream(name);
        assertThat(in).as("class path resource " + name).isNotNull();
        return in;
    }

    private static String resourceSha256(String name) throws IOException {
        try (InputStream in = resource(name)) {
            return sha256(in);
        }
    }

    /** Reads the stream to its end (a tar entry's, or a resource's) and leaves it open. */
    private static String sha256(InputStream in) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            new DigestInputStream(in, sha).transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.cc4j.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cc4j.data.ImageDataset;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the report in headless Chromium, as a person would: the page must render and every image on it must load.
 * Skipped (with the reason) only where Chromium is not installed; {@code .ci/run} installs it.
 */
class ReportBrowserTest {
    private static final long TIMEOUT_SECONDS = 60;
    /** Appended to a copy of the page: after load, writes how many images decoded out of how many there are. */
    private static final String PROBE = """
            <script>
            window.addEventListener('load', function () {
              var imgs = document.images, ok = 0;
              for (var i = 0; i < imgs.length; i++) {
                if (imgs[i].complete && imgs[i].naturalWidth > 0) { ok++; }
              }
              var m = document.createElement('pre');
              m.textContent = 'CC4J-IMAGES ' + ok + ' OF ' + imgs.length;
              document.body.appendChild(m);
            });
            </script>
            """;
    private static final Pattern RESULT = Pattern.compile("CC4J-IMAGES (\\d+) OF (\\d+)");

    private static Path chromium;

    @TempDir
    Path tmp;

    @BeforeAll
    static void findChromium() {
        chromium = locateChromium().orElse(null);
    }

    @Test
    void everyImageOfTheReportLoadsInTheBrowser() throws Exception {
        assumeChromium();
        Path index = writeReport();
        int linked = ReportWriterTest.linkedImages(Files.readString(index)).size();

        int[] loaded = loadedImages(index, "check.html");

        assertThat(loaded[1]).as("images on the page").isEqualTo(linked).isGreaterThan(10);
        assertThat(loaded[0]).as("images that loaded").isEqualTo(loaded[1]);
    }

    @Test
    void theProbeNoticesABrokenImage() throws Exception {
        assumeChromium();
        Path index = writeReport();
        // Proves the check above can fail: one figure removed from disk must show up as one image missing.
        Files.delete(index.resolveSibling("sizes.png"));

        int[] loaded = loadedImages(index, "check-broken.html");

        assertThat(loaded[0]).isEqualTo(loaded[1] - 1);
    }

    @Test
    void screenshotShowsARenderedPage() throws Exception {
        assumeChromium();
        Path index = writeReport();
        Path shot = tmp.resolve("screenshot.png");

        runChromium("--screenshot=" + shot, "--window-size=1280,2000", index.toUri().toString());

        assertThat(shot).exists();
        BufferedImage img = ImageIO.read(shot.toFile());
        assertThat(img).isNotNull();
        assertThat(img.getWidth()).isEqualTo(1280);
        assertThat(img.getHeight()).isEqualTo(2000);
        // A blank or error page has a handful of colours; charts, heat map and text have many.
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                colours.add(img.getRGB(x, y) & 0xFFFFFF);
            }
        }
        assertThat(colours.size()).as("distinct colours in the screenshot").isGreaterThan(200);
    }

    private Path writeReport() throws IOException {
        ImageDataset dataset = SyntheticRun.dataset(200, 3);
        Path run = SyntheticRun.write(tmp.resolve("run"), dataset, true);
        return ReportWriter.write(run, dataset, null);
    }

    /** Loads a probed copy of {@code index} beside it and returns {loaded, total}. */
    private int[] loadedImages(Path index, String copyName) throws Exception {
        String html = Files.readString(index);
        assertThat(html).contains("</body>");
        Path probed = index.resolveSibling(copyName);
        Files.writeString(probed, html.replace("</body>", PROBE + "</body>"));
        String dom = runChromium("--run-all-compositor-stages-before-draw", "--virtual-time-budget=5000",
                "--dump-dom", probed.toUri().toString());
        Matcher m = RESULT.matcher(dom);
        assertThat(m.find()).as("probe result in the dumped DOM:\n%s", tail(dom)).isTrue();
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
    }

    /** Runs headless Chromium with a fresh profile and a hard timeout; returns its standard output. */
    private String runChromium(String... args) throws Exception {
        Path profile = Files.createTempDirectory(tmp, "chromium-profile-");
        Path out = tmp.resolve("chromium-" + System.nanoTime() + ".out");
        Path err = tmp.resolve("chromium-" + System.nanoTime() + ".err");
        List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        try {
            boolean done = p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(done).as("chromium finished within %d s; stderr:\n%s", TIMEOUT_SECONDS, tail(read(err)))
                    .isTrue();
            assertThat(p.exitValue()).as("chromium exit code; stderr:\n%s", tail(read(err))).isZero();
            return read(out);
        } finally {
            // Chromium forks helpers (zygote, renderer, GPU); none may outlive the test.
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    private static void assumeChromium() {
        assumeTrue(chromium != null, "chromium is not installed (Debian package 'chromium'; .ci/run installs it):"
                + " the browser test of the report is skipped");
    }

    private static Optional<Path> locateChromium() {
        List<Path> candidates = new ArrayList<>(List.of(Path.of("/usr/bin/chromium")));
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                candidates.add(Path.of(dir, "chromium"));
            }
        }
        try (Stream<Path> s = candidates.stream()) {
            return s.filter(Files::isExecutable).findFirst();
        }
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    private static String tail(String s) {
        return s.length() <= 2000 ? s : s.substring(s.length() - 2000);
    }
}

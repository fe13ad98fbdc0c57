package io.cc4j.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cc4j.data.FashionMnist;
import io.cc4j.data.ImageGrid;
import io.cc4j.data.RawImage;
import io.cc4j.data.Split;
import io.cc4j.inference.ClusterPredictor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in a real browser: headless Chromium driven by Selenium through Debian's chromedriver uploads a real
 * Fashion-MNIST image, waits for the answer and its cluster's example images, and checks that the cluster shown
 * is the one the library gives that image. Saves a screenshot as {@code target/serve-page.png}. Skipped, with the
 * reason, only where Chromium or its driver is not installed ({@code .ci/run} installs both).
 */
class PageBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    /** A t10k image outside the 512 the test model trained on. */
    private static final int IMAGE = 1234;

    @TempDir
    Path tmp;

    @Test
    void uploadingAFashionMnistImageShowsTheLibrarysClusterAndItsExamples() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER), "chromium or chromedriver is not"
                + " installed (Debian packages chromium, chromium-driver; .ci/run installs them): the browser test of"
                + " the page is skipped");
        Path run = TestRun.get();
        RawImage image = FashionMnist.open(FashionMnist.defaultDirectory().orElseThrow(), Split.TEST).image(IMAGE);
        Path png = tmp.resolve("fashion-mnist-t10k-" + IMAGE + ".png");
        ImageIO.write(ImageGrid.toBufferedImage(image), "png", png.toFile());
        int expected;
        try (ClusterPredictor predictor = ClusterPredictor.load(run)) {
            expected = predictor.predict(image).cluster();
            assertThat(predictor.predict(Files.readAllBytes(png)).cluster()).as("the PNG holds the same image")
                    .isEqualTo(expected);
        }

        try (ClusterServer server = ClusterServer.start(run, ServerOptions.builder().optPort(0).build())) {
            server.awaitReady(Duration.ofSeconds(60));
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                    .usingAnyFreePort().build();
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                    "--window-size=1100,900", "--user-data-dir=" + Files.createDirectory(tmp.resolve("profile")));
            options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
            ChromeDriver driver = new ChromeDriver(service, options);
            try {
                driver.get(server.url().toString());
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
                wait.until(d -> d.findElement(By.id("model")).getAttribute("data-clusters") != null);
                assertThat(driver.findElement(By.id("model")).getText()).contains("10 clusters").contains("resnet18");

                driver.findElement(By.id("files")).sendKeys(png.toString());
                WebElement result = wait.until(d -> {
                    List<WebElement> done = d.findElements(By.cssSelector("article.result[data-examples='loaded']"));
                    return done.isEmpty() ? null : done.get(0);
                });
                assertThat(result.getAttribute("data-state")).isEqualTo("done");
                assertThat(Integer.parseInt(result.getAttribute("data-cluster"))).as("cluster shown by the page")
                        .isEqualTo(expected);
                assertThat(result.findElement(By.cssSelector(".cluster")).getText()).isEqualTo("cluster " + expected);
                assertThat(result.getText()).contains(png.getFileName().toString()).contains("confidence");
                Number examplesWidth = (Number) driver.executeScript(
                        "return arguments[0].querySelector('img.examples').naturalWidth;", result);
                assertThat(examplesWidth.intValue()).as("the examples grid decoded").isGreaterThan(50);

                Path shot = Path.of("target", "serve-page.png");
                Files.createDirectories(shot.getParent());
                Files.write(shot, driver.getScreenshotAs(OutputType.BYTES));
                assertThat(ImageIO.read(shot.toFile()).getWidth()).isGreaterThan(500);

                List<LogEntry> problems = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                        .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList();
                assertThat(problems).as("browser console warnings and errors (CSP violations would show here)")
                        .isEmpty();
            } finally {
                driver.quit();
                service.stop();
            }
        }
    }
}

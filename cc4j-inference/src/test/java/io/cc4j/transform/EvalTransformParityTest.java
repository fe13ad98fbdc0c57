package io.cc4j.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cc4j.data.FashionMnist;
import io.cc4j.data.RawImage;
import io.cc4j.model.store.NpyArray;
import io.cc4j.model.store.NpzFile;
import io.cc4j.testing.PythonReference;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The test transform inference uses ({@link EvalTransform}: {@link Resize}, to tensor, grey replicated
 * to three channels) against torchvision's {@code Resize((S, S))} + {@code ToTensor()} on PIL images, on real
 * Fashion-MNIST pictures: 28x28 grey ones (upscaled) and 280x252 RGB mosaics of them (downscaled), made and
 * resized by src/test/python/resize_reference.py. Pixels must agree within 1/255 at 32, 96 and 224.
 */
class EvalTransformParityTest {
    private static final int COUNT = 4;
    /**
     * One level: PIL rounds to bytes after its horizontal pass and again after its vertical pass (cc4j keeps
     * floats), so two half-level roundings can add up to exactly one level.
     */
    private static final double ONE_LEVEL = 1 / 255.0;
    /** Both sides hold the values in float32: their difference is known to two ulps of 1.0 at most. */
    private static final double FLOAT32_STORAGE = 2 * Math.ulp(1.0f);

    @TempDir
    static Path tmp;
    static Map<String, NpyArray> reference;

    @BeforeAll
    static void runTorchvision() throws IOException, InterruptedException {
        if (!PythonReference.available() || FashionMnist.defaultDirectory().isEmpty()) {
            return; // each test skips itself with the reason
        }
        Path out = tmp.resolve("resized.npz");
        PythonReference.run(PythonReference.HELPERS.resolve("resize_reference.py"),
                FashionMnist.defaultDirectory().get().toString(), Integer.toString(COUNT), out.toString(),
                "32", "96", "224");
        reference = NpzFile.read(out);
    }

    @ParameterizedTest(name = "size {0}")
    @ValueSource(ints = {32, 96, 224})
    void resizedPixelsMatchTorchvisionWithinOneLevel(int size) {
        PythonReference.assumeAvailable();
        assumeTrue(reference != null, "skipped: Fashion-MNIST not installed (scripts/install-fashion-mnist.sh)");
        // A dataset holds one kind of image: the grey 28x28 ones (0 .. COUNT-1), then the RGB mosaics.
        double worstUp = worstDifference(0, size);
        double worstDown = worstDifference(COUNT, size);
        System.out.printf(Locale.ROOT, "test transform at %d: max |difference| %.9f upscaling 28x28 grey, %.9f "
                + "downscaling 280x252 RGB (1/255 = %.9f)%n", size, worstUp, worstDown, 1 / 255.0);
        assertThat(worstUp).isLessThanOrEqualTo(ONE_LEVEL + FLOAT32_STORAGE);
        assertThat(worstDown).isLessThanOrEqualTo(ONE_LEVEL + FLOAT32_STORAGE);
    }

    /** Largest |cc4j - torchvision| over the COUNT images from {@code first} of the reference, all channels. */
    private static double worstDifference(int first, int size) {
        List<RawImage> images = new ArrayList<>();
        for (int i = first; i < first + COUNT; i++) {
            images.add(toRaw(reference.get("image_" + i)));
        }
        EvalTransform transform = new EvalTransform(size);
        float[] ours = new float[COUNT * transform.length()];
        Workspace ws = new Workspace();
        for (int i = 0; i < COUNT; i++) {
            transform.apply(images.get(i), ours, i * transform.length(), ws);
        }
        int plane = size * size;
        double worst = 0;
        for (int i = 0; i < COUNT; i++) {
            NpyArray theirs = reference.get("resized_" + (first + i) + "_" + size);
            float[] t = theirs.floats();
            int channels = (int) theirs.shape()[0];
            assertThat(theirs.shape()).containsExactly(channels, size, size);
            assertThat(channels).isEqualTo(images.get(i).channels());
            for (int c = 0; c < 3; c++) {
                int tc = channels == 1 ? 0 : c; // a grey image is one plane in torchvision, three equal ones here
                for (int p = 0; p < plane; p++) {
                    worst = Math.max(worst, Math.abs((double) ours[(i * 3 + c) * plane + p] - t[tc * plane + p]));
                }
            }
        }
        return worst;
    }

    /** Pixels (H, W) or (H, W, 3) as written by resize_reference.py, to cc4j's planar bytes. */
    private static RawImage toRaw(NpyArray pixels) {
        long[] shape = pixels.shape();
        int h = (int) shape[0];
        int w = (int) shape[1];
        int channels = shape.length == 3 ? (int) shape[2] : 1;
        float[] v = pixels.floats();
        byte[] planar = new byte[channels * h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < channels; c++) {
                    planar[c * h * w + y * w + x] = (byte) (int) v[(y * w + x) * channels + c];
                }
            }
        }
        return new RawImage(channels, h, w, planar);
    }
}

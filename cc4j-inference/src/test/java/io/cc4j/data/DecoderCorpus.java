package io.cc4j.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The decoder test images of {@code src/test/resources/decoder} and PIL's pixels for them, written by
 * {@code make_images.py} there (Debian's python3-pil 9.4).
 */
final class DecoderCorpus {
    /** One line of {@code manifest.tsv}. */
    record Entry(String name, int width, int height, int exifWidth, int exifHeight, boolean jpeg) {
        Path file() {
            return dir().resolve(name);
        }

        /** PIL's {@code Image.open(f).convert("RGB")}, planar. */
        RawImage plain() {
            return golden(dir().resolve(name + ".rgb"), width, height);
        }

        /** Whether EXIF orientation changes the image. */
        boolean turns() {
            return Files.exists(dir().resolve(name + ".exif.rgb"));
        }

        /** PIL's {@code ImageOps.exif_transpose(Image.open(f)).convert("RGB")}, planar. */
        RawImage upright() {
            Path turned = dir().resolve(name + ".exif.rgb");
            return Files.exists(turned) ? golden(turned, exifWidth, exifHeight) : plain();
        }
    }

    private DecoderCorpus() {
    }

    static Path dir() {
        try {
            return Path.of(DecoderCorpus.class.getResource("/decoder/manifest.tsv").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Entry> entries() {
        try {
            return Files.readAllLines(dir().resolve("manifest.tsv")).stream().filter(l -> !l.startsWith("#"))
                    .map(l -> l.split("\t")).map(f -> new Entry(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]),
                            Integer.parseInt(f[3]), Integer.parseInt(f[4]), f[5].equals("jpeg"))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Entry entry(String name) {
        return entries().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
    }

    /** Raw HWC bytes as a planar RawImage. */
    private static RawImage golden(Path file, int w, int h) {
        try {
            byte[] hwc = Files.readAllBytes(file);
            int plane = w * h;
            byte[] chw = new byte[3 * plane];
            for (int i = 0; i < plane; i++) {
                for (int c = 0; c < 3; c++) {
                    chw[c * plane + i] = hwc[3 * i + c];
                }
            }
            return new RawImage(3, h, w, chw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The largest absolute difference of two images of the same shape. */
    static int maxDifference(RawImage a, RawImage b) {
        if (a.width() != b.width() || a.height() != b.height() || a.channels() != b.channels()) {
            throw new AssertionError("shapes differ: " + a.channels() + "x" + a.height() + "x" + a.width() + " vs "
                    + b.channels() + "x" + b.height() + "x" + b.width());
        }
        int max = 0;
        for (int i = 0; i < a.pixels().length; i++) {
            max = Math.max(max, Math.abs((a.pixels()[i] & 0xFF) - (b.pixels()[i] & 0xFF)));
        }
        return max;
    }
}

package io.cc4j.data;

import java.util.Locale;
import java.util.Optional;

/**
 * The encoded image formats {@link ImageDecoder} reads, recognised by their first bytes (never by file name).
 */
public enum ImageFormat {
    PNG("png"),
    JPEG("jpeg"),
    BMP("bmp"),
    GIF("gif");

    /** How many leading bytes {@link #sniff(byte[], int)} needs at most. */
    static final int SNIFF_BYTES = 12;

    private final String imageIoName;

    ImageFormat(String imageIoName) {
        this.imageIoName = imageIoName;
    }

    /** The format name ImageIO registers its reader under. */
    String imageIoName() {
        return imageIoName;
    }

    /** The supported formats for messages: "PNG, JPEG, BMP, GIF". */
    public static String supportedList() {
        StringBuilder s = new StringBuilder();
        for (ImageFormat f : values()) {
            s.append(s.length() == 0 ? "" : ", ").append(f.name());
        }
        return s.toString();
    }

    /**
     * The format whose signature {@code head} starts with.
     *
     * @param head the first bytes of the data
     * @param length how many of them are valid
     */
    public static Optional<ImageFormat> sniff(byte[] head, int length) {
        if (starts(head, length, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of(PNG);
        }
        if (starts(head, length, 0xFF, 0xD8, 0xFF)) {
            return Optional.of(JPEG);
        }
        if (starts(head, length, 'G', 'I', 'F', '8') && length >= 6 && (head[4] == '7' || head[4] == '9')
                && head[5] == 'a') {
            return Optional.of(GIF);
        }
        if (starts(head, length, 'B', 'M')) {
            return Optional.of(BMP);
        }
        return Optional.empty();
    }

    /** A name for data that is not one of the supported formats, when it is a well-known other one. */
    static Optional<String> otherFormat(byte[] head, int length) {
        if (starts(head, length, 'R', 'I', 'F', 'F') && length >= 12 && head[8] == 'W' && head[9] == 'E'
                && head[10] == 'B' && head[11] == 'P') {
            return Optional.of("WebP");
        }
        if (starts(head, length, 'I', 'I', 0x2A, 0) || starts(head, length, 'M', 'M', 0, 0x2A)) {
            return Optional.of("TIFF");
        }
        if (length >= 12 && head[4] == 'f' && head[5] == 't' && head[6] == 'y' && head[7] == 'p') {
            String brand = new String(head, 8, 4, java.nio.charset.StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
            return Optional.of(brand.startsWith("avi") ? "AVIF" : brand.startsWith("hei") || brand.startsWith("mif")
                    ? "HEIF" : "an ISO media file (" + brand.trim() + ")");
        }
        return Optional.empty();
    }

    private static boolean starts(byte[] head, int length, int... signature) {
        if (length < signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if ((head[i] & 0xFF) != signature[i]) {
                return false;
            }
        }
        return true;
    }
}

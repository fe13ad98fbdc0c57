package io.cc4j.data;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A cheap identity of a dataset, stored in a model's provenance: where it came from, how many images it holds,
 * and a hash of its first and last records (pixels, shape and label). Two datasets with the same count and hash
 * are taken to be the same data; reading two images keeps it cheap for datasets of any size.
 *
 * @param spec the dataset spec it was opened from, or a description for datasets given as objects
 * @param count number of images
 * @param hash hex SHA-256 (first 16 bytes) of the count and the first and last records
 */
public record DatasetFingerprint(
        @JsonProperty("spec") String spec,
        @JsonProperty("count") int count,
        @JsonProperty("hash") String hash) {

    /**
     * @param data the dataset
     * @param spec how it was given (its spec, or a description)
     * @return its fingerprint
     */
    public static DatasetFingerprint of(ImageDataset data, String spec) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        int n = data.size();
        sha.update(ByteBuffer.allocate(4).putInt(n).array());
        if (n > 0) {
            record(sha, data, 0);
            record(sha, data, n - 1);
        }
        byte[] digest = sha.digest();
        return new DatasetFingerprint(spec, n, HexFormat.of().formatHex(digest, 0, 16));
    }

    private static void record(MessageDigest sha, ImageDataset data, int index) {
        RawImage image;
        try {
            image = data.image(index);
        } catch (io.cc4j.InvalidInputException e) {
            // An image that cannot be decoded (training skips it) counts by its name.
            sha.update(("unreadable " + data.id(index)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return;
        }
        sha.update(ByteBuffer.allocate(16).putInt(image.channels()).putInt(image.height()).putInt(image.width())
                .putInt(data.hasLabels() ? data.label(index) : -1).array());
        sha.update(image.pixels());
    }

    /** @return true when {@code other} has the same count and hash, whatever its spec says */
    public boolean sameData(DatasetFingerprint other) {
        return other != null && count == other.count && hash.equals(other.hash);
    }
}

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Makes a JKS keystore reproducible: sets the creation time of every entry to the given epoch second and writes the
 * keystore's integrity digest again. Java's cacerts, which Debian's ca-certificates-java writes while the base image
 * is built, is the one file of that image whose bytes differ between two builds otherwise (each entry records the
 * time it was added). Run by scripts/container/build-base.sh as a single-file program:
 *
 * <pre>java JksTimestamps.java KEYSTORE EPOCH_SECONDS [STOREPASS, default changeit]</pre>
 *
 * The JKS layout: magic 0xFEEDFEED, version 2, the entry count, then per entry a tag (1 private key, 2 trusted
 * certificate), the alias (modified UTF-8), the creation time (milliseconds), the key and/or certificates; at the end
 * SHA-1 over the password (UTF-16BE), the phrase "Mighty Aphrodite" and every byte before the digest. The digest is
 * checked before anything is written, so a wrong password or a file in another format changes nothing.
 */
public final class JksTimestamps {
    private static final int DIGEST_LENGTH = 20;

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: java JksTimestamps.java KEYSTORE EPOCH_SECONDS [STOREPASS]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        long millis = Math.multiplyExact(Long.parseLong(args[1]), 1000L);
        char[] password = (args.length > 2 ? args[2] : "changeit").toCharArray();

        byte[] bytes = Files.readAllBytes(file);
        int body = bytes.length - DIGEST_LENGTH;
        if (body < 12 || !Arrays.equals(digest(password, bytes, body), Arrays.copyOfRange(bytes, body, bytes.length))) {
            throw new IOException(file + ": not a JKS keystore with this password (integrity digest differs)");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, body);
        if (in.getInt() != 0xFEEDFEED || in.getInt() != 2) {
            throw new IOException(file + ": not a version 2 JKS keystore");
        }
        int entries = in.getInt();
        for (int i = 0; i < entries; i++) {
            int tag = in.getInt();
            skipUtf(in);
            in.putLong(in.position(), millis);
            in.position(in.position() + Long.BYTES);
            if (tag == 1) {
                skip(in, in.getInt());
                int chain = in.getInt();
                for (int c = 0; c < chain; c++) {
                    skipCertificate(in);
                }
            } else if (tag == 2) {
                skipCertificate(in);
            } else {
                throw new IOException(file + ": unknown entry tag " + tag);
            }
        }
        if (in.position() != body) {
            throw new IOException(file + ": " + (body - in.position()) + " bytes left after the last entry");
        }
        System.arraycopy(digest(password, bytes, body), 0, bytes, body, DIGEST_LENGTH);
        Files.write(file, bytes);
        System.err.println(file + ": " + entries + " entries dated " + args[1]);
    }

    private static void skipCertificate(ByteBuffer in) {
        skipUtf(in);
        skip(in, in.getInt());
    }

    private static void skipUtf(ByteBuffer in) {
        skip(in, Short.toUnsignedInt(in.getShort()));
    }

    private static void skip(ByteBuffer in, int n) {
        in.position(in.position() + n);
    }

    private static byte[] digest(char[] password, byte[] bytes, int length) throws Exception {
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        for (char c : password) {
            sha1.update((byte) (c >> 8));
            sha1.update((byte) c);
        }
        sha1.update("Mighty Aphrodite".getBytes(StandardCharsets.UTF_8));
        sha1.update(bytes, 0, length);
        return sha1.digest();
    }
}

package io.cc4j.serve;

import io.cc4j.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The secret a client must present as {@code Authorization: Bearer <token>}. Only its SHA-256 digest is kept, and
 * a presented token is compared digest to digest with {@link MessageDigest#isEqual}, whose time does not depend on
 * where the bytes differ (nor, since digests have one length, on the token's length).
 */
public final class BearerToken {
    private static final Logger LOG = LoggerFactory.getLogger(BearerToken.class);
    private static final String PREFIX = "Bearer ";
    /** Fewer characters than this are refused: a short token can be guessed. */
    static final int MIN_LENGTH = 16;

    private final byte[] digest;

    private BearerToken(String token) {
        this.digest = sha256(token);
    }

    /**
     * @param token the secret
     * @return a token
     * @throws InvalidInputException when it is shorter than 16 characters or holds whitespace
     */
    public static BearerToken of(String token) {
        if (token.length() < MIN_LENGTH) {
            throw new InvalidInputException("the token must be at least " + MIN_LENGTH + " characters long");
        }
        if (token.chars().anyMatch(c -> c <= ' ' || c == 0x7F)) {
            throw new InvalidInputException("the token must not contain spaces or control characters");
        }
        return new BearerToken(token);
    }

    /**
     * Reads the token from the first line of a file (surrounding whitespace removed). Warns when others may read
     * the file.
     *
     * @param file the token file
     * @return the token
     * @throws InvalidInputException naming the file when it cannot be read or holds no usable token
     */
    public static BearerToken read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read the token file " + file + ": " + e.getMessage(), e);
        }
        String token = text.lines().findFirst().orElse("").strip();
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.contains(PosixFilePermission.OTHERS_READ) || perms.contains(PosixFilePermission.GROUP_READ)) {
                LOG.warn("the token file {} can be read by other users; chmod 600 it", file);
            }
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("cannot check the permissions of {}: {}", file, e.toString());
        }
        try {
            return of(token);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("token file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param authorization the request's {@code Authorization} header, or null
     * @return whether it is {@code Bearer <this token>}
     */
    public boolean accepts(String authorization) {
        String presented = authorization != null && authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
                ? authorization.substring(PREFIX.length()).strip() : "";
        // Always one digest and one comparison, whether or not a token was presented.
        boolean equal = MessageDigest.isEqual(digest, sha256(presented));
        return equal && !presented.isEmpty();
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "BearerToken[hidden]";
    }
}

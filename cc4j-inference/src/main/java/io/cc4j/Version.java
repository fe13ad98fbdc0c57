package io.cc4j;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of cc4j, as Maven built it. */
public final class Version {
    private static final String VERSION = read();

    private Version() {
    }

    /** @return e.g. {@code 0.1.0-SNAPSHOT}, or "unknown" outside a Maven build */
    public static String get() {
        return VERSION;
    }

    private static String read() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }
}

package io.cc4j.serve;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/**
 * The page at {@code /}: four files inside the jar ({@code io/cc4j/serve/page/}), read once at start and served
 * from memory by their fixed paths. No request path is ever turned into a file name.
 */
final class PageFiles {
    /** A file of the page. */
    record File(String contentType, byte[] bytes) {
    }

    private static final String ROOT = "/io/cc4j/serve/page/";
    private final Map<String, File> byPath;

    private PageFiles(Map<String, File> byPath) {
        this.byPath = byPath;
    }

    static PageFiles load() {
        return new PageFiles(Map.of(
                "/", new File("text/html; charset=utf-8", read("index.html")),
                "/app.js", new File("text/javascript; charset=utf-8", read("app.js")),
                "/app.css", new File("text/css; charset=utf-8", read("app.css")),
                "/favicon.svg", new File("image/svg+xml", read("favicon.svg"))));
    }

    /** @return the paths of the page's files */
    java.util.Set<String> paths() {
        return byPath.keySet();
    }

    /** @return the file served at {@code path}, if it is one of the page's */
    Optional<File> get(String path) {
        return Optional.ofNullable(byPath.get(path));
    }

    private static byte[] read(String name) {
        try (InputStream in = PageFiles.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("the page file " + ROOT + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.cc4j.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** Test client: {@link HttpClient} for ordinary requests, a raw socket for what it will not send. */
final class Http {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;
    private final String token;

    Http(URI base) {
        this(base, null);
    }

    Http(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    Http withToken(String t) {
        return new Http(base, t);
    }

    HttpResponse<byte[]> get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    HttpResponse<byte[]> post(String path, String contentType, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b);
    }

    HttpResponse<byte[]> method(String method, String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    HttpResponse<byte[]> send(HttpRequest.Builder b) {
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            return client.send(b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<byte[]> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + new String(r.body(), StandardCharsets.UTF_8), e);
        }
    }

    static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    /** A multipart/form-data body: one part per image, named {@code images}, with the given file names. */
    record Multipart(String contentType, byte[] body) {
        static Multipart of(List<String> names, List<byte[]> files) {
            String boundary = "cc4jtest" + Long.toHexString(System.nanoTime());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int i = 0; i < files.size(); i++) {
                String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"images\"; filename=\""
                        + names.get(i) + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
                out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
                out.writeBytes(files.get(i));
                out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return new Multipart("multipart/form-data; boundary=" + boundary, out.toByteArray());
        }
    }

    /** A raw HTTP/1.1 exchange over a socket: what the server answers before it closes or the timeout passes. */
    static final class Raw implements AutoCloseable {
        private final Socket socket;

        Raw(int port) throws IOException {
            socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(20_000);
        }

        Raw write(String s) throws IOException {
            return write(s.getBytes(StandardCharsets.ISO_8859_1));
        }

        Raw write(byte[] bytes) throws IOException {
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
            return this;
        }

        /** Reads until the server closes the connection or the response's declared length has arrived. */
        String readResponse() throws IOException {
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (true) {
                int n;
                try {
                    n = in.read(buffer);
                } catch (java.net.SocketException e) {
                    break;
                }
                if (n < 0) {
                    break;
                }
                got.write(buffer, 0, n);
                if (complete(got.toString(StandardCharsets.ISO_8859_1))) {
                    break;
                }
            }
            return got.toString(StandardCharsets.UTF_8);
        }

        private static boolean complete(String s) {
            int end = s.indexOf("\r\n\r\n");
            if (end < 0) {
                return false;
            }
            for (String line : s.substring(0, end).split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    int length = Integer.parseInt(line.substring(15).strip());
                    return s.length() - end - 4 >= length;
                }
            }
            return false;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}

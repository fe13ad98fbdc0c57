package io.cc4j.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket, so that a test sees exactly what a stopping server did to a request: a complete
 * answer, a refused connection, a connection closed before any byte of an answer, an answer cut short, or none
 * within the time-out. (A library client would retry, pool or hide some of these.)
 */
final class RawHttp {
    /** How a request ended. */
    enum Outcome {
        /** A complete answer (status line, headers, the whole body). */
        ANSWERED,
        /** The connection was refused. */
        REFUSED,
        /** Closed or reset before any byte of an answer arrived. */
        CLOSED,
        /** Closed or reset after part of an answer. */
        CUT,
        /** No complete answer within the time-out. */
        TIMEOUT
    }

    /**
     * @param outcome how it ended
     * @param status the status of a complete answer, else 0
     * @param close whether the server closes the connection after this answer
     * @param detail what went wrong, for messages
     */
    record Answer(Outcome outcome, int status, boolean close, String detail) {
        static Answer of(Outcome outcome, String detail) {
            return new Answer(outcome, 0, true, detail);
        }
    }

    private RawHttp() {
    }

    /** One GET on a new connection, 5 s at most. */
    static Answer get(int port, String path) {
        try (Connection c = Connection.open(port, 5000)) {
            return c.exchange(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1), new byte[0], 0);
        } catch (ConnectException e) {
            return Answer.of(Outcome.REFUSED, e.getMessage());
        } catch (IOException e) {
            return Answer.of(Outcome.CLOSED, e.toString());
        }
    }

    /** A kept-alive connection. */
    static final class Connection implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final int port;

        private Connection(Socket socket, int port) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
            this.port = port;
        }

        /**
         * @param timeoutMs the longest wait for the connection and then for each read
         * @throws ConnectException when refused
         */
        static Connection open(int port, int timeoutMs) throws IOException {
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress("127.0.0.1", port), timeoutMs);
                s.setSoTimeout(timeoutMs);
                s.setTcpNoDelay(true);
                return new Connection(s, port);
            } catch (IOException e) {
                s.close();
                throw e;
            }
        }

        /**
         * POSTs an image; with {@code pauseMs} > 0 the body is sent in two halves with that pause between them, so
         * that the request is under way on the server meanwhile.
         */
        Answer post(String path, String id, String contentType, byte[] body, int pauseMs) {
            String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: " + contentType
                    + "\r\nContent-Length: " + body.length + "\r\nX-Request-Id: " + id + "\r\n\r\n";
            return exchange(head.getBytes(StandardCharsets.ISO_8859_1), body, pauseMs);
        }

        Answer exchange(byte[] head, byte[] body, int pauseMs) {
            String sendFailure = null;
            try {
                if (pauseMs > 0) {
                    out.write(head);
                    out.write(body, 0, body.length / 2);
                    out.flush();
                    Thread.sleep(pauseMs);
                    out.write(body, body.length / 2, body.length - body.length / 2);
                } else {
                    byte[] all = new byte[head.length + body.length];
                    System.arraycopy(head, 0, all, 0, head.length);
                    System.arraycopy(body, 0, all, head.length, body.length);
                    out.write(all);
                }
                out.flush();
            } catch (IOException e) {
                // The server may have answered (a refusal) before reading the whole body: read what is there.
                sendFailure = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Answer.of(Outcome.CLOSED, "interrupted");
            }
            return read(sendFailure);
        }

        private Answer read(String sendFailure) {
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            try {
                String headers = readHeaders(got);
                if (headers == null) {
                    return Answer.of(got.size() == 0 ? Outcome.CLOSED : Outcome.CUT, "end of stream after " + got.size()
                            + " bytes" + (sendFailure == null ? "" : "; sending failed: " + sendFailure));
                }
                int status = Integer.parseInt(headers.substring(9, 12));
                String lower = headers.toLowerCase(Locale.ROOT);
                boolean close = lower.contains("\r\nconnection: close");
                long length = contentLength(lower);
                if (lower.contains("\r\ntransfer-encoding: chunked")) {
                    readChunked(got);
                } else if (length >= 0) {
                    readExactly(length, got);
                } else {
                    in.transferTo(got); // until the server closes
                    close = true;
                }
                return new Answer(Outcome.ANSWERED, status, close, null);
            } catch (SocketTimeoutException e) {
                return Answer.of(Outcome.TIMEOUT, "no complete answer within the time-out; " + got.size() + " bytes");
            } catch (IOException | RuntimeException e) {
                return Answer.of(got.size() == 0 ? Outcome.CLOSED : Outcome.CUT, e + " after " + got.size() + " bytes"
                        + (sendFailure == null ? "" : "; sending failed: " + sendFailure));
            }
        }

        private String readHeaders(ByteArrayOutputStream got) throws IOException {
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    return null;
                }
                got.write(b);
                matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            return got.toString(StandardCharsets.ISO_8859_1);
        }

        private static long contentLength(String lowerHeaders) {
            int i = lowerHeaders.indexOf("\r\ncontent-length:");
            if (i < 0) {
                return -1;
            }
            int end = lowerHeaders.indexOf("\r\n", i + 2);
            return Long.parseLong(lowerHeaders.substring(i + "\r\ncontent-length:".length(), end).strip());
        }

        private void readExactly(long n, ByteArrayOutputStream got) throws IOException {
            byte[] buf = new byte[8192];
            long left = n;
            while (left > 0) {
                int r = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (r < 0) {
                    throw new IOException("end of stream with " + left + " of " + n + " body bytes missing");
                }
                got.write(buf, 0, r);
                left -= r;
            }
        }

        private void readChunked(ByteArrayOutputStream got) throws IOException {
            while (true) {
                String line = readLine(got);
                int size = Integer.parseInt(line.split(";")[0].strip(), 16);
                if (size == 0) {
                    readLine(got); // the blank line after the last chunk (no trailers here)
                    return;
                }
                readExactly(size, got);
                readLine(got);
            }
        }

        private String readLine(ByteArrayOutputStream got) throws IOException {
            StringBuilder line = new StringBuilder();
            while (true) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("end of stream in a chunked body");
                }
                got.write(b);
                if (b == '\n') {
                    return line.toString().strip();
                }
                line.append((char) b);
            }
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // closing
            }
        }
    }
}

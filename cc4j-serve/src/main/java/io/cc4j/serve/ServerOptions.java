package io.cc4j.serve;

import java.util.function.UnaryOperator;
import java.util.List;
import io.cc4j.option.InvalidSettingException;
import io.cc4j.InvalidInputException;
import io.cc4j.data.ImageDecoder;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link ClusterServer} listens, batches and limits its input. Immutable; every value is checked when built.
 * The defaults are those of {@code cc4j serve}.
 */
public final class ServerOptions {
    private final String host;
    private final int port;
    private final int threads;
    private final Boolean channelsLast;
    private final int maxBatch;
    private final Duration maxDelay;
    private final long maxBodyBytes;
    private final long maxPixels;
    private final int maxImages;
    private final int queue;
    private final BearerToken token;
    private final Duration idleTimeout;
    private final long minRequestBytesPerSecond;
    private final Duration stopTimeout;

    private ServerOptions(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.threads = b.threads;
        this.channelsLast = b.channelsLast;
        this.maxBatch = b.maxBatch;
        this.maxDelay = b.maxDelay;
        this.maxBodyBytes = b.maxBodyBytes;
        this.maxPixels = b.maxPixels;
        this.maxImages = b.maxImages;
        this.queue = b.queue;
        this.token = b.token;
        this.idleTimeout = b.idleTimeout;
        this.minRequestBytesPerSecond = b.minRequestBytesPerSecond;
        this.stopTimeout = b.stopTimeout;
    }

    /** @return a builder holding the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the defaults */
    public static ServerOptions defaults() {
        return builder().build();
    }

    /** @return the address to bind (default 127.0.0.1: this machine only) */
    public String host() {
        return host;
    }

    /** @return the port (0: any free port) */
    public int port() {
        return port;
    }

    /** @return libtorch intra-op threads, 0 to leave the engine's setting */
    public int threads() {
        return threads;
    }

    /**
     * @return true or false when the backbone's memory layout was chosen (channels-last or channels-first), null for
     *     the model's default
     */
    public Boolean channelsLast() {
        return channelsLast;
    }

    /** @return most images in one forward pass */
    public int maxBatch() {
        return maxBatch;
    }

    /** @return longest a forward pass waits for images known to be coming */
    public Duration maxDelay() {
        return maxDelay;
    }

    /** @return largest request body */
    public long maxBodyBytes() {
        return maxBodyBytes;
    }

    /** @return largest width times height of one image, decided from its header */
    public long maxPixels() {
        return maxPixels;
    }

    /** @return most images in one request */
    public int maxImages() {
        return maxImages;
    }

    /** @return images waiting for a forward pass at most */
    public int queue() {
        return queue;
    }

    /** @return the bearer token every endpoint but {@code /healthz} and the page requires, or null for none */
    public BearerToken token() {
        return token;
    }

    /** @return how long a connection may stay silent, in the middle of a request too */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** @return the slowest a request body may arrive, in bytes per second (0: no minimum) */
    public long minRequestBytesPerSecond() {
        return minRequestBytesPerSecond;
    }

    /** @return how long stopping waits for requests in flight */
    public Duration stopTimeout() {
        return stopTimeout;
    }

    /** @return a builder holding these options */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.host = host;
        b.port = port;
        b.threads = threads;
        b.channelsLast = channelsLast;
        b.maxBatch = maxBatch;
        b.maxDelay = maxDelay;
        b.maxBodyBytes = maxBodyBytes;
        b.maxPixels = maxPixels;
        b.maxImages = maxImages;
        b.queue = queue;
        b.token = token;
        b.idleTimeout = idleTimeout;
        b.minRequestBytesPerSecond = minRequestBytesPerSecond;
        b.stopTimeout = stopTimeout;
        return b;
    }

    /** Options of a server; {@link #build()} checks them. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 8080;
        private int threads;
        private Boolean channelsLast;
        private int maxBatch = 64;
        private Duration maxDelay = Duration.ofMillis(5);
        private long maxBodyBytes = 20L << 20;
        private long maxPixels = ImageDecoder.DEFAULT_MAX_PIXELS;
        private int maxImages = 256;
        private int queue = 1024;
        private BearerToken token;
        private Duration idleTimeout = Duration.ofSeconds(30);
        private long minRequestBytesPerSecond = 1024;
        private Duration stopTimeout = Duration.ofSeconds(30);

        private Builder() {
        }

        /** @param host address to bind, e.g. 127.0.0.1 or 0.0.0.0 @return this builder */
        public Builder optHost(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** @param port TCP port, 0 for any free one @return this builder */
        public Builder optPort(int port) {
            this.port = port;
            return this;
        }

        /** @param threads libtorch intra-op threads, 0 to leave as is @return this builder */
        public Builder optThreads(int threads) {
            this.threads = threads;
            return this;
        }

        /**
         * @param on run the backbone on channels-last (true) or channels-first (false) data; null (the default) keeps
         *     the model's default, channels-last where it was measured faster
         * @return this builder
         */
        public Builder optChannelsLast(Boolean on) {
            this.channelsLast = on;
            return this;
        }

        /** @param maxBatch most images per forward pass @return this builder */
        public Builder optMaxBatch(int maxBatch) {
            this.maxBatch = maxBatch;
            return this;
        }

        /** @param maxDelay longest wait for a batch to fill @return this builder */
        public Builder optMaxDelay(Duration maxDelay) {
            this.maxDelay = Objects.requireNonNull(maxDelay, "maxDelay");
            return this;
        }

        /** @param bytes largest request body @return this builder */
        public Builder optMaxBodyBytes(long bytes) {
            this.maxBodyBytes = bytes;
            return this;
        }

        /** @param pixels largest width times height of one image @return this builder */
        public Builder optMaxPixels(long pixels) {
            this.maxPixels = pixels;
            return this;
        }

        /** @param images most images per request @return this builder */
        public Builder optMaxImages(int images) {
            this.maxImages = images;
            return this;
        }

        /** @param images queue capacity in images @return this builder */
        public Builder optQueue(int images) {
            this.queue = images;
            return this;
        }

        /** @param token required bearer token, or null for none @return this builder */
        public Builder optToken(BearerToken token) {
            this.token = token;
            return this;
        }

        /** @param timeout longest silence of a connection @return this builder */
        public Builder optIdleTimeout(Duration timeout) {
            this.idleTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** @param bytesPerSecond slowest accepted request body, 0 for no minimum @return this builder */
        public Builder optMinRequestBytesPerSecond(long bytesPerSecond) {
            this.minRequestBytesPerSecond = bytesPerSecond;
            return this;
        }

        /** @param timeout how long stopping waits for requests in flight @return this builder */
        public Builder optStopTimeout(Duration timeout) {
            this.stopTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * @return the options
         * @throws InvalidInputException naming the first value out of range
         */
        public ServerOptions build() {
            require(!host.isBlank(), "host", n -> n + " must not be empty");
            require(port >= 0 && port <= 65535, "port", n -> n + " must be 0..65535, got " + port);
            require(threads >= 0, "threads", n -> n + " must be 0 (all cores) or more, got " + threads);
            require(maxBatch >= 1 && maxBatch <= 4096, "maxBatch", n -> n + " must be 1..4096, got " + maxBatch);
            require(!maxDelay.isNegative() && maxDelay.compareTo(Duration.ofSeconds(10)) <= 0, "maxDelay",
                    n -> n + " must be 0 to 10 s, got " + maxDelay.toMillis() + " ms");
            require(maxBodyBytes >= 1024 && maxBodyBytes <= (Integer.MAX_VALUE - 8), "maxBodyBytes",
                    n -> n + " must be 1 KiB to 2 GiB, got " + maxBodyBytes + " bytes");
            require(maxPixels >= 1, "maxPixels", n -> n + " must be at least 1, got " + maxPixels);
            require(maxImages >= 1, "maxImages", n -> n + " must be at least 1, got " + maxImages);
            if (queue < maxImages) {
                throw InvalidSettingException.naming(List.of("queue", "maxImages"), n -> n.get(0) + " (" + queue
                        + ") must hold at least " + n.get(1) + " (" + maxImages + ") images, or a full request could"
                        + " never be accepted");
            }
            require(!idleTimeout.isNegative() && !idleTimeout.isZero(), "the idle timeout must be positive");
            require(minRequestBytesPerSecond >= 0, "the minimum request data rate cannot be negative");
            require(!stopTimeout.isNegative(), "the stop timeout cannot be negative");
            return new ServerOptions(this);
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new InvalidInputException(message);
            }
        }

        private static void require(boolean ok, String field, UnaryOperator<String> message) {
            if (!ok) {
                throw InvalidSettingException.naming(field, message);
            }
        }
    }
}

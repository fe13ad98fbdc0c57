package io.cc4j.serve;

import java.util.Map;

/**
 * An answer other than success, carried up to the one place that writes errors: its HTTP status, a stable
 * machine-readable code, a message for people, and headers such as {@code Retry-After}. Written as
 * {@code {"error": {"code": ..., "message": ...}}}.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final transient Map<String, String> headers;

    /**
     * @param status HTTP status
     * @param code stable error code, e.g. {@code image_too_large}
     * @param message what went wrong, naming the part or value
     */
    public ApiException(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    /**
     * @param status HTTP status
     * @param code stable error code
     * @param message what went wrong
     * @param headers extra response headers
     */
    public ApiException(int status, String code, String message, Map<String, String> headers) {
        super(message);
        this.status = status;
        this.code = code;
        this.headers = Map.copyOf(headers);
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @return the error code */
    public String code() {
        return code;
    }

    /** @return extra response headers */
    public Map<String, String> headers() {
        return headers;
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, "bad_request", message);
    }

    static ApiException tooLarge(String code, String message) {
        return new ApiException(413, code, message);
    }
}

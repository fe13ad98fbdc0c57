package io.cc4j.cli.common;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exit codes of cc4j's command lines, and the list every command's help shows: 0 success, 1 internal failure,
 * 2 bad input or usage, 3 an output cannot be written; 130 and 143 when a signal stopped a command that stops
 * cleanly. A command's help adds to the list only what is its own.
 */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** Internal failure: a bug, or the machine ran out of something. */
    public static final int FAILURE = 1;
    /** Bad input or usage: the message names the file or value. */
    public static final int BAD_INPUT = 2;
    /** An output cannot be written (disk full, read-only file system, no permission). */
    public static final int CANNOT_WRITE = 3;
    /** Stopped by SIGINT (Ctrl-C), 128 + 2. */
    public static final int SIGINT = 130;
    /** Stopped by SIGTERM, 128 + 15. */
    public static final int SIGTERM = 143;

    private ExitCodes() {
    }

    /** The codes every command can end with, as help lists them. */
    public static Map<String, String> standard() {
        Map<String, String> list = new LinkedHashMap<>();
        list.put(Integer.toString(OK), "success");
        list.put(Integer.toString(FAILURE), "internal failure");
        list.put(Integer.toString(BAD_INPUT), "bad input or usage (the message names the file or value)");
        list.put(Integer.toString(CANNOT_WRITE), "an output cannot be written: disk full, read-only file system, no"
                + " permission (the message names the path; nothing half-written is left)");
        return list;
    }

    /**
     * @param own a command's own entries (code to text), which replace the standard text of the same code
     * @return the standard list with a command's entries merged in, in the order of the codes
     */
    public static Map<String, String> withOwn(Map<String, String> own) {
        Map<String, String> merged = standard();
        merged.putAll(own);
        Map<String, String> sorted = new LinkedHashMap<>();
        merged.entrySet().stream().sorted((a, b) -> Integer.compare(firstCode(a.getKey()), firstCode(b.getKey())))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    private static int firstCode(String key) {
        String digits = key.trim().split("[^0-9]", 2)[0];
        return digits.isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(digits);
    }
}

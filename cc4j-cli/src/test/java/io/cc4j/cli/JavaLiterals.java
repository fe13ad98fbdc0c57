package io.cc4j.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The string literals of Java source, comments left out: enough of a lexer to tell a message from a comment.
 * Literals joined by {@code +} alone ({@code "run 'cc4j " + "cluster'"}) count as one, as the message they make.
 */
final class JavaLiterals {
    /** A literal (or a run of literals joined by {@code +}) and the line it starts on. */
    record Literal(String text, int line) {
    }

    private JavaLiterals() {
    }

    static List<Literal> of(String source) {
        List<Literal> out = new ArrayList<>();
        int line = 1;
        int i = 0;
        int n = source.length();
        int joinableUntil = -1; // where a literal ended, while only blanks and one '+' follow it
        boolean plusSeen = false;
        while (i < n) {
            char c = source.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (source.startsWith("//", i)) {
                while (i < n && source.charAt(i) != '\n') {
                    i++;
                }
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                line += count(source, i, end);
                i = end;
                joinableUntil = -1;
            } else if (c == '\'') {
                i = skipQuoted(source, i, '\'');
                joinableUntil = -1;
            } else if (c == '"') {
                int start = line;
                int end;
                String text;
                if (source.startsWith("\"\"\"", i)) {
                    end = source.indexOf("\"\"\"", i + 3);
                    end = end < 0 ? n : end + 3;
                    text = source.substring(i + 3, Math.max(i + 3, end - 3));
                } else {
                    end = skipQuoted(source, i, '"');
                    text = source.substring(i + 1, end - 1);
                }
                line += count(source, i, end);
                if (joinableUntil >= 0 && plusSeen && !out.isEmpty()) {
                    Literal last = out.remove(out.size() - 1);
                    out.add(new Literal(last.text() + text, last.line()));
                } else {
                    out.add(new Literal(text, start));
                }
                i = end;
                joinableUntil = i;
                plusSeen = false;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '+' && joinableUntil >= 0 && !plusSeen) {
                plusSeen = true;
                i++;
            } else {
                joinableUntil = -1;
                plusSeen = false;
                i++;
            }
        }
        return out;
    }

    /** The index after a quoted literal starting at {@code start}, escapes skipped. */
    private static int skipQuoted(String s, int start, char quote) {
        int i = start + 1;
        while (i < s.length() && s.charAt(i) != quote && s.charAt(i) != '\n') {
            i += s.charAt(i) == '\\' ? 2 : 1;
        }
        return Math.min(i + 1, s.length());
    }

    private static int count(String s, int from, int to) {
        int lines = 0;
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == '\n') {
                lines++;
            }
        }
        return lines;
    }
}

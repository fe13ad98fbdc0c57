package io.cc4j.io;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one line of CSV into fields: double quotes enclose a field that may hold commas, and a doubled quote
 * inside them is a literal quote (RFC 4180, without line breaks inside fields). Shared by the readers of
 * {@code assignments.csv} and of label files.
 */
public final class CsvLine {
    private CsvLine() {
    }

    /**
     * The fields of {@code line}, unquoted.
     *
     * @param line one line without its line break
     * @return the fields in order (one empty field for an empty line)
     * @throws IllegalArgumentException when a quoted field is not closed; callers name the file and line
     */
    public static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(ch);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated quoted field");
        }
        fields.add(field.toString());
        return fields;
    }
}

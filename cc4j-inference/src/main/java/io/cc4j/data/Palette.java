package io.cc4j.data;

import java.awt.image.IndexColorModel;

/**
 * A colour table as PIL applies it: index i within the table is its (r, g, b) entry; an index past the end reads
 * as grey (i, i, i), because PIL starts every palette as a grey ramp and overwrites only the entries the file
 * holds.
 *
 * @param rgb {@code 3 * size} bytes, r, g, b per entry, at most 256 entries
 */
record Palette(byte[] rgb) {
    Palette {
        if (rgb.length % 3 != 0 || rgb.length > 3 * 256) {
            throw new IllegalArgumentException("palette of " + rgb.length + " bytes");
        }
    }

    /** The table of a Java colour model, exactly as large as its map. */
    static Palette of(IndexColorModel cm) {
        int n = Math.min(cm.getMapSize(), 256);
        byte[] r = new byte[n];
        byte[] g = new byte[n];
        byte[] b = new byte[n];
        cm.getReds(r);
        cm.getGreens(g);
        cm.getBlues(b);
        byte[] rgb = new byte[3 * n];
        for (int i = 0; i < n; i++) {
            rgb[3 * i] = r[i];
            rgb[3 * i + 1] = g[i];
            rgb[3 * i + 2] = b[i];
        }
        return new Palette(rgb);
    }

    /** Entries in the table. */
    int size() {
        return rgb.length / 3;
    }

    /** A 256 x 3 lookup table (r of every index, then g, then b) with PIL's grey for missing entries. */
    byte[][] lookup() {
        byte[][] t = new byte[3][256];
        int n = size();
        for (int i = 0; i < 256; i++) {
            for (int c = 0; c < 3; c++) {
                t[c][i] = i < n ? rgb[3 * i + c] : (byte) i;
            }
        }
        return t;
    }
}

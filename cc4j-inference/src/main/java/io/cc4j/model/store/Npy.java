package io.cc4j.model.store;

import io.cc4j.InvalidInputException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy's {@code .npy} format for one {@link NpyArray}: magic {@code \x93NUMPY}, version, header length, a
 * Python dict literal {@code {'descr': '<f4', 'fortran_order': False, 'shape': (8, 3), }} padded with spaces
 * to a multiple of 64 bytes and ended by a newline, then the values little-endian.
 *
 * <p>Writes version 1.0 in C order, byte for byte what {@code numpy.save} writes for the same array. Reads
 * versions 1.0 to 3.0, C or Fortran order (Fortran is reordered to C), float32 and int64; other element
 * types come back as {@link NpyArray#unsupported} (type and shape only).
 */
final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGNMENT = 64;
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /**
     * @param array the array
     * @return its {@code .npy} bytes
     */
    static byte[] encode(NpyArray array) {
        if (array.type() == NpyArray.Type.OTHER) {
            throw new IllegalArgumentException("cannot write an array of type " + array.typeName());
        }
        String dict = "{'descr': '" + array.type().descr() + "', 'fortran_order': False, 'shape': "
                + pythonTuple(array.shape()) + ", }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        String header = dict + " ".repeat((ALIGNMENT - unpadded % ALIGNMENT) % ALIGNMENT) + "\n";
        int itemSize = array.type() == NpyArray.Type.FLOAT32 ? Float.BYTES : Long.BYTES;
        ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 4 + header.length() + array.size() * itemSize)
                .order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        out.put(header.getBytes(StandardCharsets.US_ASCII));
        if (array.type() == NpyArray.Type.FLOAT32) {
            out.asFloatBuffer().put(array.floatsView());
        } else {
            out.asLongBuffer().put(array.longsView());
        }
        return out.array();
    }

    private static String pythonTuple(long[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            s.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return s.append(')').toString();
    }

    /**
     * @param bytes a whole {@code .npy} file
     * @param what names the array in error messages (file and entry)
     * @return the array, values in C order
     * @throws InvalidInputException naming {@code what} if the bytes are not a readable .npy array
     */
    static NpyArray decode(byte[] bytes, String what) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (byte b : MAGIC) {
            if (in.remaining() == 0 || in.get() != b) {
                throw new InvalidInputException(what + " is not a NumPy .npy array (bad magic)");
            }
        }
        if (in.remaining() < 4) {
            throw new InvalidInputException(what + " is truncated (no header)");
        }
        int major = in.get();
        in.get(); // minor version: no difference for reading
        long headerLength = switch (major) {
            case 1 -> in.getShort() & 0xFFFF;
            case 2, 3 -> in.remaining() < 4 ? -1 : in.getInt() & 0xFFFFFFFFL;
            default -> throw new InvalidInputException(what + " has .npy format version " + major
                    + "; cc4j reads versions 1 to 3");
        };
        if (headerLength < 0 || headerLength > in.remaining()) {
            throw new InvalidInputException(what + " is truncated (header)");
        }
        byte[] raw = new byte[(int) headerLength];
        in.get(raw);
        String header = new String(raw, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = group(DESCR, header, what, "descr");
        boolean fortran = group(FORTRAN, header, what, "fortran_order").equals("True");
        long[] shape = parseShape(group(SHAPE, header, what, "shape"), what);
        NpyArray.Type type = switch (descr) {
            case "<f4" -> NpyArray.Type.FLOAT32;
            case "<i8" -> NpyArray.Type.INT64;
            default -> NpyArray.Type.OTHER;
        };
        if (type == NpyArray.Type.OTHER) {
            return NpyArray.unsupported(descr, shape);
        }
        long count = 1;
        for (long d : shape) {
            count = Math.multiplyExact(count, d);
        }
        int itemSize = type == NpyArray.Type.FLOAT32 ? Float.BYTES : Long.BYTES;
        if (count * itemSize != in.remaining()) {
            throw new InvalidInputException(what + " holds " + in.remaining() + " data bytes, its header "
                    + NpyArray.describe(shape) + " " + type + " needs " + count * itemSize);
        }
        int n = (int) count;
        if (type == NpyArray.Type.FLOAT32) {
            float[] values = new float[n];
            in.asFloatBuffer().get(values);
            return NpyArray.ofFloats(shape, fortran ? toCOrder(values, shape) : values);
        }
        long[] values = new long[n];
        in.asLongBuffer().get(values);
        return NpyArray.ofLongs(shape, fortran ? toCOrder(values, shape) : values);
    }

    private static String group(Pattern p, String header, String what, String key) {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new InvalidInputException(what + " has no readable '" + key + "' in its .npy header: "
                    + header.trim());
        }
        return m.group(1);
    }

    private static long[] parseShape(String tuple, String what) {
        String[] parts = tuple.split(",");
        int rank = 0;
        long[] dims = new long[parts.length];
        for (String part : parts) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue; // "(8,)" and "()"
            }
            try {
                dims[rank++] = Long.parseLong(p.endsWith("L") ? p.substring(0, p.length() - 1) : p);
            } catch (NumberFormatException e) {
                throw new InvalidInputException(what + " has an unreadable shape (" + tuple + ")", e);
            }
        }
        long[] shape = java.util.Arrays.copyOf(dims, rank);
        for (long d : shape) {
            if (d < 0) {
                throw new InvalidInputException(what + " has a negative dimension in its shape (" + tuple + ")");
            }
        }
        return shape;
    }

    /** Index of the C-order position {@code c} in a Fortran-order layout of {@code shape}. */
    private static int fortranIndex(int c, long[] shape) {
        int rest = c;
        int index = 0;
        int stride = 1;
        // Split c into a multi-index (last axis fastest), then weigh it by Fortran strides (first axis fastest).
        int[] idx = new int[shape.length];
        for (int k = shape.length - 1; k >= 0; k--) {
            idx[k] = (int) (rest % shape[k]);
            rest /= (int) shape[k];
        }
        for (int k = 0; k < shape.length; k++) {
            index += idx[k] * stride;
            stride *= (int) shape[k];
        }
        return index;
    }

    private static float[] toCOrder(float[] values, long[] shape) {
        float[] out = new float[values.length];
        for (int c = 0; c < out.length; c++) {
            out[c] = values[fortranIndex(c, shape)];
        }
        return out;
    }

    private static long[] toCOrder(long[] values, long[] shape) {
        long[] out = new long[values.length];
        for (int c = 0; c < out.length; c++) {
            out[c] = values[fortranIndex(c, shape)];
        }
        return out;
    }
}

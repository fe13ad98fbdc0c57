package io.cc4j.model.store;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.cc4j.InvalidInputException;
import io.cc4j.model.ContrastiveModel;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The binary layout of a model's parameters inside a checkpoint: magic {@code CC4P}, version, count, then per
 * parameter (BatchNorm running statistics included) its name, rank, dimensions and float32 values in
 * little-endian order.
 */
public final class ParameterFile {
    private static final int MAGIC = 0x43433450; // "CC4P"
    private static final int VERSION = 1;

    private ParameterFile() {
    }

    /**
     * Writes every parameter of the model.
     *
     * @param out destination; not closed
     * @param model the model
     * @throws IOException if writing fails
     */
    public static void write(DataOutputStream out, ContrastiveModel model) throws IOException {
        Map<String, Parameter> parameters = model.namedParameters();
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeInt(parameters.size());
        for (Map.Entry<String, Parameter> entry : parameters.entrySet()) {
            NDArray array = entry.getValue().getArray();
            Shape shape = array.getShape();
            out.writeUTF(entry.getKey());
            out.writeInt(shape.dimension());
            for (long d : shape.getShape()) {
                out.writeLong(d);
            }
            writeValues(out, array.toFloatArray());
        }
    }

    /** Floats per write: bounded, so no byte array ever holds a whole (possibly huge) parameter. */
    static final int CHUNK = 1 << 16;

    static void writeValues(DataOutputStream out, float[] values) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(CHUNK * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int from = 0; from < values.length; from += CHUNK) {
            int count = Math.min(CHUNK, values.length - from);
            bytes.clear();
            bytes.asFloatBuffer().put(values, from, count);
            out.write(bytes.array(), 0, count * Float.BYTES);
        }
    }

    static float[] readValues(DataInputStream in, int count) throws IOException {
        float[] floats = new float[count];
        byte[] chunk = new byte[Math.min(CHUNK, Math.max(count, 1)) * Float.BYTES];
        ByteBuffer bytes = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
        for (int from = 0; from < count; from += CHUNK) {
            int n = Math.min(CHUNK, count - from);
            in.readFully(chunk, 0, n * Float.BYTES);
            bytes.clear();
            bytes.asFloatBuffer().get(floats, from, n);
        }
        return floats;
    }

    /**
     * Reads parameters written by {@link #write} into the model, after checking that every name and shape
     * matches: nothing is changed when one does not.
     *
     * @param in source; not closed
     * @param model the model to fill
     * @throws IOException if reading fails
     * @throws InvalidInputException naming the parameter whose name or shape does not match
     */
    public static void read(DataInputStream in, ContrastiveModel model) throws IOException {
        model.setParameterValues(readValues(in, model.namedParameters()));
    }

    private static List<float[]> readValues(DataInputStream in, Map<String, Parameter> parameters)
            throws IOException {
        if (in.readInt() != MAGIC) {
            throw new InvalidInputException("not a cc4j parameter file (bad magic number)");
        }
        int fileVersion = in.readInt();
        if (fileVersion != VERSION) {
            throw new InvalidInputException("unsupported parameter file version " + fileVersion);
        }
        int count = in.readInt();
        if (count != parameters.size()) {
            throw new InvalidInputException("parameter file holds " + count + " parameters, the model has "
                    + parameters.size() + " (different backbone, stem or heads?)");
        }
        List<float[]> values = new ArrayList<>(count);
        for (Map.Entry<String, Parameter> entry : parameters.entrySet()) {
            String name = in.readUTF();
            if (!name.equals(entry.getKey())) {
                throw new InvalidInputException(
                        "parameter '" + name + "' in the file, expected '" + entry.getKey() + "'");
            }
            int rank = in.readInt();
            if (rank < 0 || rank > 8) {
                throw new InvalidInputException("parameter '" + name + "' has invalid rank " + rank);
            }
            long[] dims = new long[rank];
            for (int i = 0; i < rank; i++) {
                dims[i] = in.readLong();
            }
            Shape shape = new Shape(dims);
            Shape expected = entry.getValue().getArray().getShape();
            if (!shape.equals(expected)) {
                throw new InvalidInputException(
                        "parameter '" + name + "' has shape " + shape + " in the file, the model expects " + expected);
            }
            values.add(readValues(in, Math.toIntExact(shape.size())));
        }
        return values;
    }
}

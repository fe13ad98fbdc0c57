package io.cc4j.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.cc4j.InvalidInputException;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Adam state of one parameter: its name and shape (for checks), its step count and both moments. */
final class AdamSlot implements AutoCloseable {
    private static final int MAX_RANK = 16;
    /** Values per I/O chunk when writing or reading moments. */
    private static final int CHUNK = 1 << 16;

    private final String name;
    private final Shape shape;
    private final DataType dataType;
    private long step;
    private NDArray firstMoment;
    private NDArray secondMoment;

    private AdamSlot(String name, Shape shape, DataType dataType, long step, NDArray firstMoment,
            NDArray secondMoment) {
        this.name = name;
        this.shape = shape;
        this.dataType = dataType;
        this.step = step;
        this.firstMoment = firstMoment;
        this.secondMoment = secondMoment;
    }

    static AdamSlot create(NDManager manager, Parameter parameter) {
        NDArray array = parameter.getArray();
        Shape shape = array.getShape();
        DataType type = array.getDataType();
        checkType(parameter.getName(), type);
        return new AdamSlot(parameter.getName(), shape, type, 0,
                manager.zeros(shape, type, array.getDevice()), manager.zeros(shape, type, array.getDevice()));
    }

    long step() {
        return step;
    }

    /** One torch.optim.Adam update of {@code value} (a detached alias of the parameter), in place. */
    void update(NDArray value, NDArray gradient, double lr, double beta1, double beta2, double eps,
            double weightDecay) {
        step++;
        double biasCorrection1 = 1 - Math.pow(beta1, step);
        double biasCorrection2Sqrt = Math.sqrt(1 - Math.pow(beta2, step));
        double stepSize = lr / biasCorrection1;
        NDArray decayed = weightDecay != 0 ? value.mul(weightDecay).addi(gradient) : null;
        try {
            NDArray g = decayed != null ? decayed : gradient;
            try (NDArray delta = g.sub(firstMoment)) {
                firstMoment.addi(delta.muli(1 - beta1));
            }
            try (NDArray squared = g.mul(g)) {
                secondMoment.muli(beta2).addi(squared.muli(1 - beta2));
            }
        } finally {
            if (decayed != null) {
                decayed.close();
            }
        }
        try (NDArray denominator = secondMoment.sqrt()) {
            denominator.divi(biasCorrection2Sqrt).addi(eps);
            try (NDArray ratio = firstMoment.div(denominator)) {
                value.addi(ratio.muli(-stepSize));
            }
        }
    }

    void checkMatches(int index, Parameter parameter) {
        NDArray array = parameter.getArray();
        if (!name.equals(parameter.getName()) || !shape.equals(array.getShape())
                || dataType != array.getDataType()) {
            throw new InvalidInputException("optimizer state for parameter #" + index + " '" + name + "' "
                    + shape + " " + dataType + " does not match the model's '" + parameter.getName() + "' "
                    + array.getShape() + " " + array.getDataType());
        }
    }

    void moveTo(Device device) {
        if (!firstMoment.getDevice().equals(device)) {
            NDArray m = firstMoment.toDevice(device, true);
            NDArray v = secondMoment.toDevice(device, true);
            firstMoment.close();
            secondMoment.close();
            firstMoment = m;
            secondMoment = v;
        }
    }

    void write(DataOutputStream out) throws IOException {
        out.writeUTF(name);
        out.writeUTF(dataType.name());
        long[] dims = shape.getShape();
        out.writeInt(dims.length);
        for (long dim : dims) {
            out.writeLong(dim);
        }
        out.writeLong(step);
        writeValues(out, firstMoment);
        writeValues(out, secondMoment);
    }

    static AdamSlot read(DataInputStream in, NDManager manager, int index) throws IOException {
        String name = in.readUTF();
        String typeName = in.readUTF();
        DataType type;
        try {
            type = DataType.valueOf(typeName);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("corrupt Adam optimizer state: parameter #" + index
                    + " has unknown data type '" + typeName + "'", e);
        }
        checkType(name, type);
        int rank = in.readInt();
        if (rank < 0 || rank > MAX_RANK) {
            throw new InvalidInputException("corrupt Adam optimizer state: parameter #" + index + " '" + name
                    + "' has rank " + rank);
        }
        long[] dims = new long[rank];
        long size = 1;
        for (int i = 0; i < rank; i++) {
            dims[i] = in.readLong();
            if (dims[i] < 0 || dims[i] > Integer.MAX_VALUE) {
                throw new InvalidInputException("corrupt Adam optimizer state: parameter #" + index + " '"
                        + name + "' has dimension " + dims[i]);
            }
            size = dims[i] == 0 ? 0 : size > Integer.MAX_VALUE / dims[i] ? Long.MAX_VALUE : size * dims[i];
        }
        if (size > Integer.MAX_VALUE) {
            throw new InvalidInputException("corrupt Adam optimizer state: parameter #" + index + " '" + name
                    + "' has " + size + " values");
        }
        long step = in.readLong();
        if (step < 0) {
            throw new InvalidInputException("corrupt Adam optimizer state: parameter #" + index + " '" + name
                    + "' has step count " + step);
        }
        // A damaged size must not make us allocate more than the file holds.
        io.cc4j.model.store.Checkpoint.requireAvailable(in, 2 * size * (type == DataType.FLOAT64 ? 8 : 4),
                "Adam optimizer state of parameter '" + name + "'");
        Shape shape = new Shape(dims);
        NDArray m = readValues(in, manager, shape, type, (int) size);
        NDArray v = readValues(in, manager, shape, type, (int) size);
        return new AdamSlot(name, shape, type, step, m, v);
    }

    private static void checkType(String name, DataType type) {
        if (type != DataType.FLOAT32 && type != DataType.FLOAT64) {
            throw new InvalidInputException("Adam supports float32 and float64 parameters; '" + name + "' is "
                    + type);
        }
    }

    private void writeValues(DataOutputStream out, NDArray moment) throws IOException {
        // big-endian in bounded chunks: portable, and no per-value stream call
        int width = dataType == DataType.FLOAT64 ? Double.BYTES : Float.BYTES;
        ByteBuffer bytes = ByteBuffer.allocate(CHUNK * width).order(ByteOrder.BIG_ENDIAN);
        if (dataType == DataType.FLOAT64) {
            double[] values = moment.toDoubleArray();
            for (int from = 0; from < values.length; from += CHUNK) {
                int count = Math.min(CHUNK, values.length - from);
                bytes.clear();
                bytes.asDoubleBuffer().put(values, from, count);
                out.write(bytes.array(), 0, count * width);
            }
        } else {
            float[] values = moment.toFloatArray();
            for (int from = 0; from < values.length; from += CHUNK) {
                int count = Math.min(CHUNK, values.length - from);
                bytes.clear();
                bytes.asFloatBuffer().put(values, from, count);
                out.write(bytes.array(), 0, count * width);
            }
        }
    }

    private static NDArray readValues(DataInputStream in, NDManager manager, Shape shape, DataType type,
            int size) throws IOException {
        int width = type == DataType.FLOAT64 ? Double.BYTES : Float.BYTES;
        byte[] chunk = new byte[Math.min(CHUNK, Math.max(size, 1)) * width];
        ByteBuffer bytes = ByteBuffer.wrap(chunk).order(ByteOrder.BIG_ENDIAN);
        NDArray raw;
        if (type == DataType.FLOAT64) {
            double[] values = new double[size];
            for (int from = 0; from < size; from += CHUNK) {
                int count = Math.min(CHUNK, size - from);
                in.readFully(chunk, 0, count * width);
                bytes.clear();
                bytes.asDoubleBuffer().get(values, from, count);
            }
            raw = manager.create(values, shape);
        } else {
            float[] values = new float[size];
            for (int from = 0; from < size; from += CHUNK) {
                int count = Math.min(CHUNK, size - from);
                in.readFully(chunk, 0, count * width);
                bytes.clear();
                bytes.asFloatBuffer().get(values, from, count);
            }
            raw = manager.create(values, shape);
        }
        // a created array may wrap its Java buffer; the moments get engine-owned memory
        try (raw) {
            return raw.duplicate();
        }
    }

    @Override
    public void close() {
        firstMoment.close();
        secondMoment.close();
    }
}

package io.cc4j.data;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Releases memory maps at once instead of when the garbage collector gets round to them. Java 17 has no public way
 * to unmap a {@link java.nio.MappedByteBuffer}; {@code sun.misc.Unsafe.invokeCleaner} (module
 * {@code jdk.unsupported}, open to class-path code) does it. Where it is missing the mapping stays until the buffer
 * is collected, which is what Java does anyway. Callers must make sure nothing reads the buffer afterwards: that
 * would be a crash of the JVM, not an exception.
 */
final class MappedBuffers {
    private static final Logger LOG = LoggerFactory.getLogger(MappedBuffers.class);
    private static final Object UNSAFE;
    private static final Method INVOKE_CLEANER;

    static {
        Object unsafe = null;
        Method cleaner = null;
        try {
            Class<?> type = Class.forName("sun.misc.Unsafe");
            Field field = type.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            unsafe = field.get(null);
            cleaner = type.getMethod("invokeCleaner", ByteBuffer.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("memory maps are released by the garbage collector: {}", e.toString());
        }
        UNSAFE = unsafe;
        INVOKE_CLEANER = cleaner;
    }

    private MappedBuffers() {
    }

    /** @return whether {@link #unmap} releases a map at once on this JVM */
    static boolean canUnmap() {
        return INVOKE_CLEANER != null;
    }

    /**
     * Unmaps a direct buffer (a whole mapping, not a slice or duplicate of one); heap buffers are left alone.
     *
     * @return whether it was released now
     */
    static boolean unmap(ByteBuffer buffer) {
        if (INVOKE_CLEANER == null || !buffer.isDirect()) {
            return false;
        }
        try {
            INVOKE_CLEANER.invoke(UNSAFE, buffer);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("could not unmap a buffer: {}", e.toString());
            return false;
        }
    }
}

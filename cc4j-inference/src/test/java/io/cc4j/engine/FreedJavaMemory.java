package io.cc4j.engine;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes a garbage collection happen at the worst moment, on purpose: between a forward pass and its backward.
 *
 * <p>It collects until the direct-buffer pool stops shrinking, so the cleaners of unreachable Java direct buffers
 * have freed their native memory, then allocates small NaN-filled direct buffers that may land in the freed blocks.
 * With glibc malloc the free itself already overwrites a block's first bytes with the allocator's list pointers.
 * An array whose memory the engine borrowed from such a buffer then reads as garbage, deterministically, where
 * in a real run it would only on the rare run whose collection happened to fall inside the window.
 */
public final class FreedJavaMemory implements AutoCloseable {
    private static final int[] SIZES = {4, 8, 16, 64, 256, 1024, 4096, 16384};
    private final List<ByteBuffer> fill = new ArrayList<>();

    private FreedJavaMemory() {
    }

    /**
     * Frees what the collector can free and fills reused memory with NaN.
     *
     * @return the filling buffers; close (or drop) them after the backward pass
     */
    public static FreedJavaMemory collectAndPoison() {
        BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(b -> b.getName().equals("direct")).findFirst().orElseThrow();
        long previous = -1;
        int unchanged = 0;
        for (int i = 0; i < 200 && unchanged < 3; i++) {
            System.gc();
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            long count = direct.getCount();
            unchanged = count == previous ? unchanged + 1 : 0;
            previous = count;
        }
        FreedJavaMemory poison = new FreedJavaMemory();
        for (int size : SIZES) {
            for (int i = 0; i < 32; i++) {
                ByteBuffer b = ByteBuffer.allocateDirect(size).order(ByteOrder.nativeOrder());
                for (int at = 0; at + Float.BYTES <= size; at += Float.BYTES) {
                    b.putFloat(at, Float.NaN);
                }
                poison.fill.add(b);
            }
        }
        return poison;
    }

    /** Lets the filling buffers go. */
    @Override
    public void close() {
        fill.clear();
    }
}

package io.cc4j.data;

import java.util.Arrays;

/**
 * The global indices of a sequence made of consecutive parts (the record files of a binary dataset, the datasets
 * of a join): which part holds an index, and where in that part it is. Parts may be empty.
 */
final class PartIndex {
    /** What to throw when the parts together hold more than an int index. */
    @FunctionalInterface
    interface Overflow {
        /**
         * @param part the part at which the running total passed the largest int
         * @param total that running total
         * @return the exception to throw
         */
        RuntimeException at(int part, long total);
    }

    private final int[] starts;
    private final int size;

    /**
     * @param sizes the parts' sizes, in order
     * @param overflow the failure when the sizes add up to more than an int index
     */
    PartIndex(long[] sizes, Overflow overflow) {
        starts = new int[sizes.length];
        long total = 0;
        for (int p = 0; p < sizes.length; p++) {
            starts[p] = (int) total;
            total += sizes[p];
            if (total > Integer.MAX_VALUE) {
                throw overflow.at(p, total);
            }
        }
        size = (int) total;
    }

    /** @return the total size */
    int size() {
        return size;
    }

    /**
     * @param index a global index
     * @return the part that holds it
     * @throws IndexOutOfBoundsException when the index is outside the sequence
     */
    int part(int index) {
        DataFiles.checkIndex(index, size);
        int p = Arrays.binarySearch(starts, index);
        if (p < 0) {
            p = -p - 2;
        }
        // Empty parts share a start with their successor: move to the last part whose range holds the index.
        while (p + 1 < starts.length && starts[p + 1] == index) {
            p++;
        }
        return p;
    }

    /** @return the position of global {@code index} within {@code part} */
    int local(int index, int part) {
        return index - starts[part];
    }
}

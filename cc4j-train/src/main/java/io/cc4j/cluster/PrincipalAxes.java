package io.cc4j.cluster;

/**
 * The principal axes of a set of vectors: the eigenvectors of the scatter matrix {@code Xc^T Xc} of the centred
 * rows, by the cyclic Jacobi method in double precision. Used by the gap statistic's PCA-aligned reference box;
 * {@code d} is at most a few hundred there, and Jacobi is simple, exact to rounding and needs no library.
 */
final class PrincipalAxes {
    private static final int MAX_SWEEPS = 100;

    private final double[] mean;
    /** {@code d x d}, column {@code j} (entries {@code [i * d + j]}) is the {@code j}-th axis. */
    private final double[] axes;
    private final double[] variances;

    private PrincipalAxes(double[] mean, double[] axes, double[] variances) {
        this.mean = mean;
        this.axes = axes;
        this.variances = variances;
    }

    /**
     * Computes the axes of the rows of a matrix.
     *
     * @param x the vectors
     * @return their mean and principal axes, sorted by decreasing variance
     */
    static PrincipalAxes of(FeatureMatrix x) {
        int n = x.rows();
        int d = x.dimension();
        float[] v = x.values();
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += v[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double[] scatter = new double[d * d];
        double[] row = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                row[j] = v[i * d + j] - mean[j];
            }
            for (int a = 0; a < d; a++) {
                double ra = row[a];
                for (int b = a; b < d; b++) {
                    scatter[a * d + b] += ra * row[b];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < a; b++) {
                scatter[a * d + b] = scatter[b * d + a];
            }
        }
        double[] vectors = new double[d * d];
        double[] values = symmetricEigen(scatter, d, vectors);
        // Sort by decreasing eigenvalue (the order only matters for reading the axes, not for the box).
        Integer[] order = new Integer[d];
        for (int j = 0; j < d; j++) {
            order[j] = j;
        }
        java.util.Arrays.sort(order, (p, q) -> Double.compare(values[q], values[p]));
        double[] sortedAxes = new double[d * d];
        double[] variances = new double[d];
        for (int c = 0; c < d; c++) {
            variances[c] = values[order[c]] / n;
            for (int r = 0; r < d; r++) {
                sortedAxes[r * d + c] = vectors[r * d + order[c]];
            }
        }
        return new PrincipalAxes(mean, sortedAxes, variances);
    }

    /** @return dimension */
    int dimension() {
        return mean.length;
    }

    /** @return the mean vector (a copy) */
    double[] mean() {
        return mean.clone();
    }

    /** @return component {@code r} of axis {@code c} */
    double axis(int r, int c) {
        return axes[r * mean.length + c];
    }

    /** @return variance of the data along each axis, decreasing */
    double[] variances() {
        return variances.clone();
    }

    /** Coordinates of a vector on the axes: {@code (x - mean) V}. */
    double[] project(float[] x, int offset, double[] out) {
        int d = mean.length;
        for (int c = 0; c < d; c++) {
            double s = 0;
            for (int r = 0; r < d; r++) {
                s += (x[offset + r] - mean[r]) * axes[r * d + c];
            }
            out[c] = s;
        }
        return out;
    }

    /** The vector with the given coordinates: {@code z V^T + mean}. */
    void unproject(double[] z, float[] out, int offset) {
        int d = mean.length;
        for (int r = 0; r < d; r++) {
            double s = mean[r];
            for (int c = 0; c < d; c++) {
                s += z[c] * axes[r * d + c];
            }
            out[offset + r] = (float) s;
        }
    }

    /**
     * Eigen-decomposition of a symmetric matrix by cyclic Jacobi rotations.
     *
     * @param a {@code d x d} symmetric matrix, row-major (destroyed)
     * @param d size
     * @param vectors receives the eigenvectors as columns
     * @return the eigenvalues, in the order of the columns
     */
    static double[] symmetricEigen(double[] a, int d, double[] vectors) {
        java.util.Arrays.fill(vectors, 0);
        for (int i = 0; i < d; i++) {
            vectors[i * d + i] = 1;
        }
        double total = 0;
        for (double v : a) {
            total += v * v;
        }
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double off = 0;
            for (int p = 0; p < d; p++) {
                for (int q = p + 1; q < d; q++) {
                    off += a[p * d + q] * a[p * d + q];
                }
            }
            if (off <= 1e-30 * total || off == 0) {
                break;
            }
            for (int p = 0; p < d; p++) {
                for (int q = p + 1; q < d; q++) {
                    double apq = a[p * d + q];
                    if (apq == 0) {
                        continue;
                    }
                    // Rotation angle that zeroes a[p][q] (Golub and Van Loan, the symmetric Schur decomposition).
                    double theta = (a[q * d + q] - a[p * d + p]) / (2 * apq);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < d; k++) {
                        double akp = a[k * d + p];
                        double akq = a[k * d + q];
                        a[k * d + p] = c * akp - s * akq;
                        a[k * d + q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < d; k++) {
                        double apk = a[p * d + k];
                        double aqk = a[q * d + k];
                        a[p * d + k] = c * apk - s * aqk;
                        a[q * d + k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < d; k++) {
                        double vkp = vectors[k * d + p];
                        double vkq = vectors[k * d + q];
                        vectors[k * d + p] = c * vkp - s * vkq;
                        vectors[k * d + q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        double[] values = new double[d];
        for (int i = 0; i < d; i++) {
            values[i] = a[i * d + i];
        }
        return values;
    }
}

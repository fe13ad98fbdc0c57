package io.cc4j.cluster;

import io.cc4j.InvalidInputException;

/**
 * Bottom-up hierarchical clustering of a few vectors by cosine distance {@code 1 - cos}, stopped when a given
 * number of groups remains. Plain {@code O(m^3)} over a distance matrix, which is instant for the few hundred
 * clusters of a model.
 *
 * <p>Deterministic: each step merges the closest pair of groups, ties going to the pair with the smallest first
 * index and then the smallest second index, where a group is named by its smallest member; the merged group keeps
 * the smaller name.
 */
final class Agglomerative {
    private Agglomerative() {
    }

    /**
     * The groups after merging down to {@code into}.
     *
     * @param groupOf group of each vector, named by its smallest member
     * @param heights cosine-distance linkage value of each merge, in order ({@code m - into} values)
     */
    record Result(int[] groupOf, double[] heights) {
    }

    /**
     * Clusters {@code m} vectors.
     *
     * @param vectors {@code m x d} row-major, no row zero
     * @param m number of vectors
     * @param d dimension
     * @param into number of groups to keep, {@code 1..m}
     * @param linkage how group distances are formed
     * @return the group of each vector and the merge heights
     */
    static Result cluster(float[] vectors, int m, int d, int into, Linkage linkage) {
        if (into < 1 || into > m) {
            throw new InvalidInputException("merge: cannot merge " + m + " clusters into " + into);
        }
        double[][] dist = cosineDistances(vectors, m, d);
        int[] size = new int[m];
        int[] groupOf = new int[m];
        boolean[] active = new boolean[m];
        for (int i = 0; i < m; i++) {
            size[i] = 1;
            groupOf[i] = i;
            active[i] = true;
        }
        double[] heights = new double[m - into];
        for (int step = 0; step < m - into; step++) {
            int bestA = -1;
            int bestB = -1;
            double best = Double.POSITIVE_INFINITY;
            for (int a = 0; a < m; a++) {
                if (!active[a]) {
                    continue;
                }
                for (int b = a + 1; b < m; b++) {
                    if (active[b] && dist[a][b] < best) {
                        best = dist[a][b];
                        bestA = a;
                        bestB = b;
                    }
                }
            }
            heights[step] = best;
            for (int c = 0; c < m; c++) {
                if (!active[c] || c == bestA || c == bestB) {
                    continue;
                }
                double merged = switch (linkage) {
                    case AVERAGE -> (size[bestA] * dist[bestA][c] + size[bestB] * dist[bestB][c])
                            / (size[bestA] + size[bestB]);
                    case COMPLETE -> Math.max(dist[bestA][c], dist[bestB][c]);
                    case SINGLE -> Math.min(dist[bestA][c], dist[bestB][c]);
                };
                dist[bestA][c] = merged;
                dist[c][bestA] = merged;
            }
            size[bestA] += size[bestB];
            active[bestB] = false;
            for (int i = 0; i < m; i++) {
                if (groupOf[i] == bestB) {
                    groupOf[i] = bestA;
                }
            }
        }
        return new Result(groupOf, heights);
    }

    /** {@code 1 - cos} between all rows, in double, clipped to {@code [0, 2]}. */
    static double[][] cosineDistances(float[] vectors, int m, int d) {
        double[][] unit = new double[m][d];
        for (int i = 0; i < m; i++) {
            double norm = Math.sqrt(FeatureMatrix.squaredNorm(vectors, i * d, d));
            if (norm == 0) {
                throw new InvalidInputException("merge: vector of cluster " + i + " is all zeros; it has no direction");
            }
            for (int j = 0; j < d; j++) {
                unit[i][j] = vectors[i * d + j] / norm;
            }
        }
        double[][] dist = new double[m][m];
        for (int a = 0; a < m; a++) {
            for (int b = a + 1; b < m; b++) {
                double dot = 0;
                for (int j = 0; j < d; j++) {
                    dot += unit[a][j] * unit[b][j];
                }
                double v = Math.min(2, Math.max(0, 1 - dot));
                dist[a][b] = v;
                dist[b][a] = v;
            }
        }
        return dist;
    }
}

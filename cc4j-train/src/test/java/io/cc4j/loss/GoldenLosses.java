package io.cc4j.loss;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads ../shared/golden/losses.json at run time (the file may grow; every case is returned). */
final class GoldenLosses {
    private GoldenLosses() {
    }

    static Path sharedDir() {
        String property = System.getProperty("cc4j.shared.dir");
        Path dir = property != null && !property.isBlank() ? Path.of(property) : Path.of("../../shared");
        return dir.toAbsolutePath().normalize();
    }

    static List<JsonNode> cases(String kind) throws IOException {
        Path file = sharedDir().resolve("golden/losses.json");
        JsonNode root = new ObjectMapper().readTree(Files.readAllBytes(file));
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode c : root.get("cases")) {
            if (kind.equals(c.get("kind").asText())) {
                out.add(c);
            }
        }
        return out;
    }

    static float[] matrix(JsonNode node, int rows, int cols) {
        float[] data = new float[rows * cols];
        for (int i = 0; i < rows; i++) {
            JsonNode row = node.get(i);
            for (int j = 0; j < cols; j++) {
                data[i * cols + j] = (float) row.get(j).asDouble();
            }
        }
        return data;
    }

    static double[] matrixDouble(JsonNode node, int rows, int cols) {
        double[] data = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                data[i * cols + j] = node.get(i).get(j).asDouble();
            }
        }
        return data;
    }
}

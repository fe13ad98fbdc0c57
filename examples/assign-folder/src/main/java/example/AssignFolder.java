package example;

import io.cc4j.InvalidInputException;
import io.cc4j.data.ImageDecoder;
import io.cc4j.data.RawImage;
import io.cc4j.inference.ClusterPredictor;
import io.cc4j.inference.Prediction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Loads a trained cc4j run and assigns every image of a folder to a cluster: one line per image (file, cluster,
 * confidence), then the size of each cluster.
 *
 * <pre>java -jar target/assign-folder.jar RUN_DIR IMAGE_FOLDER</pre>
 *
 * Exits 0 when every image was assigned, 1 when some could not be read, 2 on bad arguments.
 */
public final class AssignFolder {
    private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".bmp", ".gif");

    private AssignFolder() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            fail("usage: java -jar assign-folder.jar RUN_DIR IMAGE_FOLDER");
        }
        Path run = Path.of(args[0]);
        Path folder = Path.of(args[1]);
        if (!Files.isDirectory(run)) {
            fail("no run directory at " + run + " (train one first, e.g. with the train-in-memory example)");
        }
        if (!Files.isDirectory(folder)) {
            fail("no image folder at " + folder);
        }
        List<Path> images = imagesIn(folder);
        if (images.isEmpty()) {
            fail("no images in " + folder + " (looked for " + String.join(", ", EXTENSIONS) + ")");
        }

        ClusterPredictor predictor;
        try {
            predictor = ClusterPredictor.load(run);
        } catch (InvalidInputException e) {
            fail("cannot load a trained model from " + run + ": " + e.getMessage());
            return;
        }
        int unreadable = 0;
        try (predictor) {
            int[] sizes = new int[predictor.clusters()];
            ImageDecoder decoder = predictor.decoder();
            for (Path file : images) {
                try {
                    RawImage image = decoder.decode(file);
                    Prediction p = predictor.predict(image);
                    sizes[p.cluster()]++;
                    System.out.printf(Locale.ROOT, "%s\t%d\t%.3f%n", file.getFileName(), p.cluster(), p.confidence());
                } catch (InvalidInputException e) {
                    unreadable++;
                    System.err.println("skipped " + file.getFileName() + ": " + e.getMessage());
                }
            }
            for (int c = 0; c < sizes.length; c++) {
                System.out.printf(Locale.ROOT, "cluster %d: %d image(s)%n", c, sizes[c]);
            }
        }
        if (unreadable > 0) {
            System.err.println(unreadable + " of " + images.size() + " image(s) could not be read");
            System.exit(1);
        }
    }

    private static List<Path> imagesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> EXTENSIONS.stream().anyMatch(
                            e -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(e)))
                    .sorted().collect(Collectors.toList());
        }
    }

    private static void fail(String message) {
        System.err.println("assign-folder: " + message);
        System.exit(2);
    }
}

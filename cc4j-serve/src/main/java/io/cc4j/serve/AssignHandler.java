package io.cc4j.serve;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cc4j.InvalidInputException;
import io.cc4j.data.ImageDecoder;
import io.cc4j.data.ImageTooLargeException;
import io.cc4j.data.RawImage;
import io.cc4j.data.UnsupportedImageFormatException;
import io.cc4j.inference.ClusterPredictor;
import io.cc4j.inference.DynamicBatcher;
import io.cc4j.inference.Prediction;
import io.cc4j.model.FeatureKind;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;

/**
 * {@code POST /v1/assign}: reads the images (raw body or multipart parts), checks every header against the pixel
 * limit before decoding any of them, reserves room in the batcher's queue (503 with {@code Retry-After} when it is
 * full), decodes, waits for the shared forward pass and answers per image its name, cluster and confidence, with
 * {@code ?probabilities=true} the K probabilities and with {@code ?features=instance|backbone} the features.
 */
final class AssignHandler {
    private final ClusterPredictor predictor;
    private final DynamicBatcher batcher;
    private final ServerMetrics metrics;
    private final ServerOptions options;
    private final ImageDecoder decoder;

    AssignHandler(ClusterPredictor predictor, DynamicBatcher batcher, ServerMetrics metrics, ServerOptions options) {
        this.predictor = predictor;
        this.batcher = batcher;
        this.metrics = metrics;
        this.options = options;
        this.decoder = predictor.decoder();
    }

    void handle(Context ctx) throws InterruptedException {
        boolean probabilities = flag(ctx.queryParam("probabilities"), "probabilities");
        String featureName = ctx.queryParam("features");
        FeatureKind features = featureName == null || featureName.isEmpty() ? null : FeatureKind.of(featureName);

        List<UploadedImages.Image> uploaded;
        try {
            uploaded = UploadedImages.read(ctx.contentType(), ctx.req().getContentLengthLong(),
                    ctx.req().getInputStream(), options.maxBodyBytes(), options.maxImages());
        } catch (IOException e) {
            if (Routes.isTimeout(e)) {
                throw new ApiException(408, "request_timeout", "the body did not arrive in time (idle for "
                        + options.idleTimeout().toSeconds() + " s, or slower than "
                        + options.minRequestBytesPerSecond() + " bytes/s)", Map.of("Connection", "close"));
            }
            throw ApiException.badRequest("the body could not be read: " + e.getMessage());
        }
        // Headers first: an image over the pixel limit is refused before any image is decoded.
        for (UploadedImages.Image image : uploaded) {
            decodeOrRefuse(() -> decoder.probe(image.bytes(), image.source()));
        }
        List<Prediction> answers;
        try (DynamicBatcher.Reservation reservation = reserve(uploaded.size())) {
            List<RawImage> images = new ArrayList<>(uploaded.size());
            for (UploadedImages.Image image : uploaded) {
                images.add(decodeOrRefuse(() -> decoder.decode(image.bytes(), image.source())));
            }
            answers = reservation.submit(images, features).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
        metrics.assigned(answers.size());
        ctx.contentType(Json.CONTENT_TYPE).result(Json.bytes(body(uploaded, answers, probabilities, features)));
    }

    private DynamicBatcher.Reservation reserve(int images) {
        try {
            return batcher.reserve(images);
        } catch (DynamicBatcher.QueueFullException e) {
            throw new ApiException(503, "queue_full", e.getMessage() + "; retry shortly", Map.of("Retry-After", "1"));
        } catch (RejectedExecutionException e) {
            throw new ApiException(503, "stopping", "the server is stopping", Map.of("Retry-After", "5"));
        }
    }

    private ObjectNode body(List<UploadedImages.Image> uploaded, List<Prediction> answers, boolean probabilities,
            FeatureKind features) {
        ObjectNode root = Json.object();
        root.put("clusters", predictor.clusters());
        ArrayNode images = root.putArray("images");
        for (int i = 0; i < answers.size(); i++) {
            Prediction p = answers.get(i);
            ObjectNode one = images.addObject();
            one.put("name", uploaded.get(i).name());
            one.put("cluster", p.cluster());
            one.put("confidence", p.confidence());
            if (probabilities) {
                ArrayNode array = one.putArray("probabilities");
                for (float v : p.probabilities()) {
                    array.add(v);
                }
            }
            if (features != null && p.features() != null) {
                ArrayNode array = one.putArray("features");
                for (float v : p.features()) {
                    array.add(v);
                }
            }
        }
        return root;
    }

    /** Runs a decoder call, turning its refusals into the answers of the bad-input table. */
    private static <T> T decodeOrRefuse(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (ImageTooLargeException e) {
            throw ApiException.tooLarge("image_too_large", e.getMessage() + " (the server's maxPixels)");
        } catch (UnsupportedImageFormatException e) {
            throw new ApiException(415, "unsupported_image", e.getMessage());
        } catch (InvalidInputException e) {
            throw new ApiException(400, "bad_image", e.getMessage());
        }
    }

    private static boolean flag(String value, String name) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw ApiException.badRequest("?" + name + " must be true or false, got '" + value + "'");
        };
    }
}

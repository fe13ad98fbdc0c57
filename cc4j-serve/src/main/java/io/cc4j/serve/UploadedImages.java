package io.cc4j.serve;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.http.MultiPartFormData;
import org.eclipse.jetty.io.Content;

/**
 * The encoded images of one request: the raw body as one image, or every part of a {@code multipart/form-data}
 * body. The body is read into memory up to the size limit and never further; multipart bodies are parsed there by
 * Jetty's parser, so no upload touches the disk. Nothing is decoded here.
 */
final class UploadedImages {
    /** Multipart parsing works on bytes already in memory: it cannot take long. */
    private static final long PARSE_SECONDS = 30;

    /**
     * One encoded image and how error messages name it.
     *
     * @param name the file name a client gave, or the part's name, or "body"
     * @param source the image's description in messages, e.g. {@code part 'images' (file 'a.png')}
     * @param bytes the encoded image
     */
    record Image(String name, String source, byte[] bytes) {
    }

    private UploadedImages() {
    }

    /**
     * @param contentType the request's Content-Type, or null
     * @param contentLength the declared length, or -1 when not declared (chunked)
     * @param body the request body
     * @param maxBody the largest body accepted
     * @param maxImages the most images accepted
     * @return the images, at least one
     * @throws ApiException 413 for a body or image count over the limits, 415 for a form encoding that cannot
     *     carry images, 400 for an empty or malformed body
     */
    static List<Image> read(String contentType, long contentLength, InputStream body, long maxBody, int maxImages)
            throws IOException {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT).strip();
        if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("text/")
                || type.startsWith("application/json")) {
            throw new ApiException(415, "unsupported_media_type", "a body of type '" + contentType
                    + "' cannot carry an image: send the image bytes as the body, or images as multipart/form-data");
        }
        if (type.startsWith("multipart/") && !type.startsWith("multipart/form-data")) {
            throw new ApiException(415, "unsupported_media_type", "'" + contentType
                    + "' is not supported: send images as multipart/form-data");
        }
        if (contentLength > maxBody) {
            throw bodyTooLarge(contentLength + " bytes", maxBody);
        }
        byte[] bytes = readAtMost(body, maxBody);
        if (bytes.length == 0) {
            throw ApiException.badRequest("the body is empty: send an image (PNG, JPEG, BMP, GIF) as the body,"
                    + " or images as multipart/form-data");
        }
        if (!type.startsWith("multipart/form-data")) {
            return List.of(new Image("body", "in the body", bytes));
        }
        return parts(contentType, bytes, maxBody, maxImages);
    }

    private static byte[] readAtMost(InputStream in, long max) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        if (bytes.length > max) {
            throw bodyTooLarge("more than " + max + " bytes", max);
        }
        return bytes;
    }

    private static ApiException bodyTooLarge(String size, long max) {
        return ApiException.tooLarge("body_too_large", "the body of " + size + " exceeds the limit of " + max
                + " bytes (the server's maxBodyBytes)");
    }

    private static List<Image> parts(String contentType, byte[] body, long maxBody, int maxImages) {
        String boundary = MultiPart.extractBoundary(contentType);
        if (boundary == null || boundary.isEmpty()) {
            throw ApiException.badRequest("the multipart/form-data Content-Type names no boundary");
        }
        MultiPartFormData.Parser parser = new MultiPartFormData.Parser(boundary);
        parser.setMaxMemoryFileSize(maxBody);
        parser.setMaxFileSize(maxBody);
        parser.setMaxLength(maxBody);
        // One part more than allowed is enough to tell the client it sent too many.
        parser.setMaxParts(maxImages + 1L);
        MultiPartFormData.Parts parts;
        try {
            parts = parser.parse(Content.Source.from(ByteBuffer.wrap(body))).get(PARSE_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT).contains("too many parts")) {
                throw tooManyImages("more than " + maxImages, maxImages);
            }
            throw ApiException.badRequest("malformed multipart/form-data body: " + cause.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while parsing a multipart body", e);
        } catch (TimeoutException e) {
            throw ApiException.badRequest("malformed multipart/form-data body: parsing did not finish");
        }
        try (parts) {
            if (parts.size() > maxImages) {
                throw tooManyImages(Integer.toString(parts.size()), maxImages);
            }
            if (parts.size() == 0) {
                throw ApiException.badRequest("the multipart/form-data body holds no part: add one image per part");
            }
            List<Image> images = new ArrayList<>(parts.size());
            for (MultiPart.Part part : parts) {
                String file = part.getFileName();
                String name = file != null && !file.isBlank() ? file : part.getName();
                String source = "in part '" + part.getName() + "'" + (file != null && !file.isBlank()
                        ? " (file '" + file + "')" : "");
                byte[] bytes;
                try {
                    ByteBuffer buffer = Content.Source.asByteBuffer(part.getContentSource());
                    bytes = new byte[buffer.remaining()];
                    buffer.get(bytes);
                } catch (IOException e) {
                    throw ApiException.badRequest("cannot read the image " + source + ": " + e.getMessage());
                }
                if (bytes.length == 0) {
                    throw ApiException.badRequest("the image " + source + " is empty");
                }
                images.add(new Image(name == null ? "part" : name, source, bytes));
            }
            return images;
        }
    }

    static ApiException tooManyImages(String count, int max) {
        return ApiException.tooLarge("too_many_images", count + " images in one request exceed the limit of " + max
                + " (the server's maxImages)");
    }
}

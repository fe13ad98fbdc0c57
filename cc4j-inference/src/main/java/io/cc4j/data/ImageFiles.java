package io.cc4j.data;

import java.util.Locale;
import java.util.Set;

/** Which files of a folder are images, by name; their content is decoded by {@link ImageDecoder}. */
final class ImageFiles {
    /** File name extensions the folder reader picks up (case-insensitive). */
    static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "gif");

    private ImageFiles() {
    }

    /** Whether the file name has one of the {@link #EXTENSIONS}. */
    static boolean isImageName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}

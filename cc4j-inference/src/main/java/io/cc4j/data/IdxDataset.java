package io.cc4j.data;

import io.cc4j.InvalidInputException;
import java.nio.file.Path;
import java.util.List;

/**
 * Grayscale images in IDX files, the MNIST / Fashion-MNIST format: an images file with magic
 * {@code 0x00000803} (count x rows x columns unsigned bytes) and an optional labels file with magic
 * {@code 0x00000801}. Either may be gzip-compressed. Several image/label file pairs can be joined in order
 * (Fashion-MNIST's train and t10k files).
 */
public final class IdxDataset extends RecordDataset {
    private IdxDataset(RecordSequence records, ImageShape shape, byte[] labels, List<String> names,
            String description) {
        super(records, shape, labels, names, description);
    }

    /**
     * Opens an images file and, when {@code labels} is not null, its labels file; class names are unknown.
     *
     * @throws InvalidInputException naming the file on a missing file, a wrong magic number, a size that does
     *     not match the header, or a count mismatch between images and labels
     */
    public static IdxDataset open(Path images, Path labels) {
        return open(List.of(new FilePair(images, labels)), List.of(), "IDX " + images
                + (labels == null ? "" : ", labels " + labels));
    }

    /**
     * Opens image/label file pairs joined in order, with known class names.
     *
     * @param pairs one or more pairs; either all or none have a labels file
     * @param classNames names indexed by label; when not empty every label must be below its size
     * @param title start of {@link #description()}, for example {@code "Fashion-MNIST, train"}
     * @throws InvalidInputException naming the file on any format problem or a label out of range
     */
    public static IdxDataset open(List<FilePair> pairs, List<String> classNames, String title) {
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("no IDX files given");
        }
        boolean labelled = pairs.get(0).labels() != null;
        RecordFile[] imageFiles = new RecordFile[pairs.size()];
        RecordFile[] labelFiles = new RecordFile[pairs.size()];
        try {
            return open(pairs, classNames, title, labelled, imageFiles, labelFiles);
        } catch (RuntimeException e) {
            throw RecordSequence.closing(java.util.Arrays.asList(imageFiles), e);
        } finally {
            // The labels are on the heap once read: their maps are never needed again.
            RecordSequence.closing(java.util.Arrays.asList(labelFiles), null);
        }
    }

    private static IdxDataset open(List<FilePair> pairs, List<String> classNames, String title, boolean labelled,
            RecordFile[] imageFiles, RecordFile[] labelFiles) {
        ImageShape shape = null;
        for (int p = 0; p < pairs.size(); p++) {
            FilePair pair = pairs.get(p);
            if ((pair.labels() != null) != labelled) {
                throw new IllegalArgumentException("either all or no IDX image files need a labels file");
            }
            IdxFile img = IdxFile.open(pair.images(), 3);
            ImageShape s = new ImageShape(1, img.dims()[1], img.dims()[2]);
            if (shape != null && !shape.equals(s)) {
                throw new InvalidInputException("IDX file " + pair.images() + " holds " + s + " images, but "
                        + pairs.get(0).images() + " holds " + shape);
            }
            shape = s;
            imageFiles[p] = img.records();
            if (labelled) {
                IdxFile lab = IdxFile.open(pair.labels(), 1);
                if (lab.dims()[0] != img.dims()[0]) {
                    throw new InvalidInputException("image/label count mismatch: " + pair.images() + " holds "
                            + img.dims()[0] + " images but " + pair.labels() + " holds " + lab.dims()[0] + " labels");
                }
                labelFiles[p] = lab.records();
            }
        }
        byte[] labels = null;
        if (labelled) {
            RecordSequence labelSeq = new RecordSequence(List.of(labelFiles));
            labels = classNames.isEmpty() ? labelSeq.readLabels(0, 256, "IDX")
                    : labelSeq.readLabels(0, classNames.size(), title);
        }
        RecordSequence seq = new RecordSequence(List.of(imageFiles));
        if (seq.size() == 0) {
            throw new InvalidInputException("IDX file " + pairs.get(0).images() + " holds no images");
        }
        return new IdxDataset(seq, shape, labels, classNames, title + " (" + seq.size() + " images)");
    }

    /**
     * An IDX images file and its labels file.
     *
     * @param images the idx3 images file (plain or gzip)
     * @param labels the idx1 labels file (plain or gzip), or {@code null}
     */
    public record FilePair(Path images, Path labels) {
    }

    @Override
    public RawImage image(int index) {
        byte[] px = new byte[shape.pixelCount()];
        records.read(index, 0, px, 0, px.length);
        return new RawImage(1, shape.height(), shape.width(), px);
    }
}

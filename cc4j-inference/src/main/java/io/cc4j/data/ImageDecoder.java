package io.cc4j.data;

import io.cc4j.InvalidInputException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * The one way cc4j turns images into pixels: files, encoded bytes (PNG, JPEG, BMP, GIF) and {@link BufferedImage}s
 * all become 3-channel planar {@link RawImage}s holding what PIL 9.4's {@code Image.open(f).convert("RGB")} gives,
 * which is what the official Contrastive Clustering code trains on. The folder reader, the predictor and the
 * server all decode through it, so that a model sees the same pixels wherever an image comes from.
 *
 * <ul>
 *   <li>Grey becomes three equal channels holding the stored value (no gamma; Java's {@code getRGB} would turn
 *       grey 128 into 188). Grey below 8 bits is scaled to 0..255.</li>
 *   <li>16-bit PNGs as PIL reads them: colour and grey-with-alpha keep the high byte; plain 16-bit grey is
 *       clipped to 255 (PIL opens it as a 32-bit integer image, whose conversion to RGB clips).</li>
 *   <li>Palettes are expanded; entries a short palette lacks read as grey (i, i, i), as in PIL.</li>
 *   <li>Alpha (RGBA, LA, transparent palette or tRNS colours) is dropped and the stored colour kept, not
 *       composited on a background.</li>
 *   <li>JPEG: ImageIO decodes the components, the colour conversion is libjpeg's, done here, so embedded ICC
 *       profiles are ignored as PIL ignores them. CMYK and YCCK JPEGs are converted as PIL converts them: read as
 *       Adobe-inverted (with or without the Adobe marker) and turned to RGB by PIL's {@code cmyk2rgb}. Truncated
 *       JPEGs are refused, as PIL refuses them (ImageIO alone would pad them with grey).</li>
 *   <li>GIF: the first frame, composed on the logical screen as PIL composes it.</li>
 *   <li>EXIF orientation (Orientation 2..8 of a JPEG's Exif APP1 segment or a PNG's eXIf chunk) is applied by
 *       default, as PIL's {@code ImageOps.exif_transpose} would. <b>The official code does not do this</b>: its
 *       loader is the plain {@code Image.open(...).convert("RGB")}, which leaves camera images as stored. Turn it
 *       off with {@link Builder#optExifOrientation(boolean)} to match it exactly. Orientation kept only in XMP or
 *       in a PNG text chunk is not read (PIL reads those too).</li>
 * </ul>
 *
 * <p><b>Size limit.</b> Before any pixel is decoded, the header's width times height is compared with
 * {@link #maxPixels()} (default {@value #DEFAULT_MAX_PIXELS}); a larger image is refused with an
 * {@link ImageTooLargeException}. A decompression bomb (a small file declaring a huge image) therefore costs a few
 * header bytes. Data that is no image is refused with an {@link UnsupportedImageFormatException}, damaged or
 * truncated data with an {@link InvalidInputException}; every message names the source.
 *
 * <p><b>Threads.</b> An {@code ImageDecoder} is immutable and safe for any number of concurrent callers: each
 * call uses its own ImageIO reader. It changes no global state (no ImageIO cache settings).
 */
public final class ImageDecoder {
    /** The default pixel limit, as the server's {@code --max-pixels}. */
    public static final long DEFAULT_MAX_PIXELS = 40_000_000L;

    /** Pixels a {@link RawImage} can hold at most (3 bytes per pixel in one Java array). */
    private static final long ARRAY_PIXELS = (Integer.MAX_VALUE - 8) / 3;

    private static final ImageDecoder STANDARD = builder().build();

    /** Reader providers by format, looked up once (the registry search takes a lock and creates every reader). */
    private static final Map<ImageFormat, ImageReaderSpi> READERS = new ConcurrentHashMap<>();

    private final long maxPixels;
    private final boolean exifOrientation;

    private ImageDecoder(Builder b) {
        this.maxPixels = b.maxPixels;
        this.exifOrientation = b.exifOrientation;
    }

    /** The decoder with the default options, shared. */
    public static ImageDecoder standard() {
        return STANDARD;
    }

    /** A builder for a decoder with other options. */
    public static Builder builder() {
        return new Builder();
    }

    /** The largest width times height decoded. */
    public long maxPixels() {
        return maxPixels;
    }

    /** Whether EXIF orientation is applied. */
    public boolean appliesExifOrientation() {
        return exifOrientation;
    }

    /**
     * Decodes an image file.
     *
     * @throws ImageTooLargeException when its header declares more than {@link #maxPixels()} pixels
     * @throws UnsupportedImageFormatException when it is not PNG, JPEG, BMP or GIF
     * @throws InvalidInputException naming the file when it is missing, damaged or truncated
     */
    public RawImage decode(Path file) {
        String source = file.toString();
        try (ImageInputStream in = open(file)) {
            return decode(in, source);
        } catch (IOException e) {
            throw cannotRead(source, e);
        }
    }

    /**
     * Decodes encoded bytes.
     *
     * @param source names the image in error messages (a file or part name)
     * @throws ImageTooLargeException when the header declares more than {@link #maxPixels()} pixels
     * @throws UnsupportedImageFormatException when they are not PNG, JPEG, BMP or GIF
     * @throws InvalidInputException naming {@code source} when they are damaged or truncated
     */
    public RawImage decode(byte[] encoded, String source) {
        Objects.requireNonNull(encoded, "encoded");
        return decode(new ByteArrayInputStream(encoded), source);
    }

    /** {@link #decode(byte[], String)} with the source called "image bytes". */
    public RawImage decode(byte[] encoded) {
        return decode(encoded, "image bytes");
    }

    /**
     * Decodes an encoded stream, reading only as far as needed (the header alone when it is refused). The stream
     * is not closed.
     *
     * @param source names the image in error messages
     * @throws ImageTooLargeException when the header declares more than {@link #maxPixels()} pixels
     * @throws UnsupportedImageFormatException when it is not PNG, JPEG, BMP or GIF
     * @throws InvalidInputException naming {@code source} when it is damaged or truncated
     */
    public RawImage decode(InputStream encoded, String source) {
        Objects.requireNonNull(encoded, "encoded");
        try (ImageInputStream in = new MemoryCacheImageInputStream(encoded)) {
            return decode(in, source);
        } catch (IOException e) {
            throw cannotRead(source, e);
        }
    }

    /**
     * Reads only the header of an image file: its format and the size {@link #decode(Path)} would return, after
     * checking the pixel limit and that ImageIO accepts the header. No pixel is decoded.
     *
     * @throws ImageTooLargeException when the header declares more than {@link #maxPixels()} pixels
     * @throws UnsupportedImageFormatException when it is not PNG, JPEG, BMP or GIF
     * @throws InvalidInputException naming the file when it is missing or its header is damaged
     */
    public ImageInfo probe(Path file) {
        String source = file.toString();
        try (ImageInputStream in = open(file)) {
            return probe(in, source);
        } catch (IOException e) {
            throw cannotRead(source, e);
        }
    }

    /** {@link #probe(Path)} for encoded bytes. */
    public ImageInfo probe(byte[] encoded, String source) {
        Objects.requireNonNull(encoded, "encoded");
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(encoded))) {
            return probe(in, source);
        } catch (IOException e) {
            throw cannotRead(source, e);
        }
    }

    /**
     * Converts an image already in memory by the same rules, from its stored samples. The pixel limit does not
     * apply (nothing is decoded), and there is no EXIF to apply.
     *
     * <p>The result equals {@link #decode} of the file the image came from when the image holds that file's samples.
     * It differs where {@code ImageIO.read} already changed them or lost what PIL uses: an embedded ICC profile
     * (ImageIO applies it to JPEGs), a short PNG palette (ImageIO pads it), a GIF frame smaller than its screen, a
     * 16-bit grey PNG with a transparent colour (ImageIO adds alpha, so the image looks like grey with alpha), and
     * EXIF orientation. Pass the encoded bytes to {@link #decode(byte[], String)} to match PIL in every case.
     *
     * @throws InvalidInputException for samples PIL has no counterpart for (float, signed, over 16 bits, colour
     *     spaces other than grey, RGB and CMYK) or more than 2^31 bytes of pixels
     */
    public RawImage convert(BufferedImage image) {
        Objects.requireNonNull(image, "image");
        if ((long) image.getWidth() * image.getHeight() > ARRAY_PIXELS) {
            throw new InvalidInputException("image of " + image.getWidth() + "x" + image.getHeight()
                    + " is too large for one pixel array");
        }
        return RgbConversion.convert(image, RgbConversion.Grey16.guess(image.getColorModel()), "BufferedImage");
    }

    private ImageInfo probe(ImageInputStream in, String source) throws IOException {
        ImageHeader header = header(in, source);
        ImageReader reader = reader(header.format());
        try {
            in.seek(0);
            in.setByteOrder(ByteOrder.BIG_ENDIAN);
            reader.setInput(in, true, true);
            reader.getWidth(0); // ImageIO's own header parse (JPEG tables, GIF blocks) without pixels
        } catch (IOException | RuntimeException e) {
            throw damaged(source, header.format(), e);
        } finally {
            reader.dispose();
        }
        int o = exifOrientation ? header.orientation() : ExifOrientation.NORMAL;
        boolean swap = ExifOrientation.swapsAxes(o);
        return new ImageInfo(header.format(), (int) (swap ? header.height() : header.width()),
                (int) (swap ? header.width() : header.height()));
    }

    private RawImage decode(ImageInputStream in, String source) throws IOException {
        ImageHeader header = header(in, source);
        ImageReader reader = reader(header.format());
        RawImage rgb;
        try {
            in.seek(0);
            in.setByteOrder(ByteOrder.BIG_ENDIAN);
            reader.setInput(in, true, true);
            rgb = header.decode(reader, source);
        } catch (InvalidInputException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw damaged(source, header.format(), e);
        } finally {
            reader.dispose();
        }
        return exifOrientation ? ExifOrientation.apply(rgb, header.orientation()) : rgb;
    }

    /** Recognises the format, parses its header and enforces the pixel limit. */
    private ImageHeader header(ImageInputStream in, String source) throws IOException {
        byte[] head = new byte[ImageFormat.SNIFF_BYTES];
        int n = 0;
        for (int r; n < head.length && (r = in.read(head, n, head.length - n)) > 0; ) {
            n += r;
        }
        Optional<ImageFormat> format = ImageFormat.sniff(head, n);
        if (format.isEmpty()) {
            throw notAnImage(source, head, n);
        }
        in.seek(0);
        long limit = Math.min(maxPixels, ARRAY_PIXELS);
        ImageHeader.SizeCheck check = (w, h) -> {
            if (w * h > limit) {
                throw new ImageTooLargeException(source, w, h, limit);
            }
        };
        try {
            return switch (format.get()) {
                case PNG -> PngHeader.read(in, check, exifOrientation);
                case JPEG -> JpegHeader.read(in, check);
                case GIF -> GifHeader.read(in, check);
                case BMP -> BmpHeader.read(in, check);
            };
        } catch (InvalidInputException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw damaged(source, format.get(), e);
        }
    }

    /** The JDK's own reader for the format (its behaviour is what the conversions here were checked against). */
    private static ImageReader reader(ImageFormat format) throws IOException {
        return READERS.computeIfAbsent(format, ImageDecoder::provider).createReaderInstance();
    }

    /** The provider of the JDK's reader, or of the first one registered when the JDK has none. */
    private static ImageReaderSpi provider(ImageFormat format) {
        ImageReaderSpi chosen = null;
        for (Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName(format.imageIoName()); it.hasNext(); ) {
            ImageReader r = it.next();
            ImageReaderSpi spi = r.getOriginatingProvider();
            if (spi != null && (chosen == null || spi.getPluginClassName().startsWith("com.sun.imageio.")
                    && !chosen.getPluginClassName().startsWith("com.sun.imageio."))) {
                chosen = spi;
            }
            r.dispose();
        }
        if (chosen == null) {
            throw new IllegalStateException("no ImageIO reader for " + format + " in this JVM");
        }
        return chosen;
    }

    private static ImageInputStream open(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString());
        }
        return new FileImageInputStream(file.toFile());
    }

    private static UnsupportedImageFormatException notAnImage(String source, byte[] head, int n) {
        String what = n == 0 ? "the data is empty"
                : ImageFormat.otherFormat(head, n).map(f -> f + " is not supported").orElse("not a supported image");
        return new UnsupportedImageFormatException("cannot decode image " + source + ": " + what + " (supported: "
                + ImageFormat.supportedList() + ")");
    }

    private static InvalidInputException damaged(String source, ImageFormat format, Exception e) {
        String why = e instanceof EOFException || e.getCause() instanceof EOFException
                ? "truncated (" + reason(e) + ")" : "damaged " + format + " data (" + reason(e) + ")";
        return new InvalidInputException("cannot decode image " + source + ": " + why, e);
    }

    private static InvalidInputException cannotRead(String source, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new InvalidInputException("cannot read image " + source + ": the file does not exist", e);
        }
        if (e instanceof java.nio.file.FileSystemException) {
            return new InvalidInputException("cannot read image " + source + ": " + io.cc4j.io.AtomicFiles.describe(e),
                    e);
        }
        return new InvalidInputException("cannot read image " + source + ": " + reason(e), e);
    }

    /** A one-line reason for a failed read: the message and that of its cause, never empty. */
    static String reason(Throwable e) {
        String m = e.getMessage();
        String own = m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
        Throwable cause = e.getCause();
        if (cause != null && cause != e && cause.getMessage() != null && !own.contains(cause.getMessage())) {
            return own + ": " + cause.getMessage();
        }
        return own;
    }

    /** Options of an {@link ImageDecoder}. */
    public static final class Builder {
        private long maxPixels = DEFAULT_MAX_PIXELS;
        private boolean exifOrientation = true;

        private Builder() {
        }

        /**
         * @param maxPixels the largest width times height to decode (default
         *     {@value ImageDecoder#DEFAULT_MAX_PIXELS}); larger images are refused from their header
         * @return this builder
         */
        public Builder optMaxPixels(long maxPixels) {
            if (maxPixels < 1) {
                throw new InvalidInputException("the pixel limit must be positive, got " + maxPixels);
            }
            this.maxPixels = maxPixels;
            return this;
        }

        /**
         * @param apply whether to turn images upright by their EXIF orientation, as PIL's
         *     {@code ImageOps.exif_transpose} (default true; the official code does not)
         * @return this builder
         */
        public Builder optExifOrientation(boolean apply) {
            this.exifOrientation = apply;
            return this;
        }

        /** The decoder. */
        public ImageDecoder build() {
            return new ImageDecoder(this);
        }
    }
}

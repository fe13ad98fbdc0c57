package io.cc4j.spark;

import io.cc4j.InvalidInputException;
import io.cc4j.data.ImageDecoder;
import io.cc4j.data.RawImage;
import io.cc4j.spark.data.SparkImages;
import java.util.Arrays;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** What an input column holds, and how one of its values becomes a decoded image. */
enum InputKind {
    /** Spark's image schema ({@code spark.read.format("image")}): already decoded, BGR. */
    IMAGE_STRUCT,
    /** The bytes of an encoded file ({@code binaryFile}'s {@code content}), decoded by cc4j's decoder. */
    ENCODED_BYTES;

    /**
     * @param type the input column's type
     * @param column its name, for the message
     * @return the kind of input
     * @throws IllegalArgumentException when the type is neither an image struct nor binary
     */
    static InputKind of(DataType type, String column) {
        if (type instanceof BinaryType) {
            return ENCODED_BYTES;
        }
        if (type instanceof StructType s && sameFields(s, SparkImages.schema())) {
            return IMAGE_STRUCT;
        }
        throw new IllegalArgumentException("input column '" + column + "' has type " + type.simpleString()
                + "; expected Spark's image struct (spark.read.format(\"image\")) or binary (binaryFile's content)");
    }

    /** Field names and types equal, nullability aside (Spark's reader and hand-made frames differ there). */
    private static boolean sameFields(StructType a, StructType b) {
        StructField[] x = a.fields();
        StructField[] y = b.fields();
        return x.length == y.length && Arrays.stream(x).allMatch(f -> {
            int i = b.getFieldIndex(f.name()).getOrElse(() -> -1);
            return i >= 0 && y[i].dataType().equals(f.dataType()) && i == a.fieldIndex(f.name());
        });
    }

    /**
     * Decodes one value.
     *
     * @param row the row
     * @param column the input column's index
     * @param source a name for messages (a path), or null
     * @param decoder cc4j's decoder, for encoded bytes
     * @return the image
     * @throws RuntimeException (usually {@link InvalidInputException}) when the value is not a usable image
     */
    RawImage decode(Row row, int column, String source, ImageDecoder decoder) {
        if (row.isNullAt(column)) {
            throw new InvalidInputException("no image (null)");
        }
        if (this == IMAGE_STRUCT) {
            return SparkImages.toRawImage(row.getStruct(column));
        }
        return decoder.decode((byte[]) row.get(column), source == null ? "image bytes" : source);
    }
}

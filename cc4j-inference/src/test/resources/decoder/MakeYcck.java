
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.w3c.dom.NodeList;

/**
 * Writes ycck.jpg, the decoder's only test image that PIL cannot write: a 4-component JPEG whose Adobe marker says
 * YCCK (transform 2), with Y and K sampled 2x2 as Adobe's own files are. make_images.py records PIL's pixels for it.
 *
 * <p>Run from this directory: {@code java MakeYcck.java}
 */
public class MakeYcck {
    public static void main(String[] args) throws Exception {
        int w = 17;
        int h = 13;
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, w, h, 4, null);
        Random rnd = new Random(5);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int b = 0; b < 4; b++) {
                    int v = (int) (128 + 100 * Math.sin(x / 3.0 + b) * Math.cos(y / 4.0 - b)) + rnd.nextInt(20) - 10;
                    raster.setSample(x, y, b, Math.max(0, Math.min(255, v)));
                }
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.92f);
        // The writer's default metadata for a 4-band raster, read back, then given an Adobe YCCK marker.
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(plain)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(raster, null, null), param);
        }
        ImageReader reader = ImageIO.getImageReadersByFormatName("jpeg").next();
        reader.setInput(ImageIO.createImageInputStream(new ByteArrayInputStream(plain.toByteArray())));
        IIOMetadata metadata = reader.getImageMetadata(0);
        String format = "javax_imageio_jpeg_image_1.0";
        IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(format);
        IIOMetadataNode markers = (IIOMetadataNode) root.getElementsByTagName("markerSequence").item(0);
        IIOMetadataNode adobe = new IIOMetadataNode("app14Adobe");
        adobe.setAttribute("version", "101");
        adobe.setAttribute("flags0", "0");
        adobe.setAttribute("flags1", "0");
        adobe.setAttribute("transform", "2");
        markers.insertBefore(adobe, markers.getFirstChild());
        NodeList components = root.getElementsByTagName("componentSpec");
        for (int c : new int[] {0, 3}) {
            IIOMetadataNode spec = (IIOMetadataNode) components.item(c);
            spec.setAttribute("HsamplingFactor", "2");
            spec.setAttribute("VsamplingFactor", "2");
        }
        metadata.setFromTree(format, root);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(new File("ycck.jpg"))) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(raster, null, metadata), param);
        }
    }
}

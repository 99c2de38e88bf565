import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Writes the committed fuzzing seeds for ImageDecoderFuzzTest: one small synthetic picture (a face-like drawing,
 * 48×40) in every format and variant the decoder accepts, each a few hundred bytes to a few KB. Synthetic on purpose:
 * faces-dev photos are not copied into the repository (fuzz/run-long adds them as extra seeds at run time).
 *
 * <p>Run: {@code fuzz/make-seeds} (it finds OpenCV's jar and runs this file with {@code java}).
 */
public final class SeedImages {
  public static void main(String[] args) throws IOException {
    nu.pattern.OpenCV.loadLocally();
    Path out = Path.of(args[0]);
    Files.createDirectories(out);
    Mat bgr = drawing();
    write(out, "seed-baseline.jpg", encode(bgr, ".jpg", Imgcodecs.IMWRITE_JPEG_QUALITY, 60));
    write(out, "seed-progressive.jpg",
        encode(bgr, ".jpg", Imgcodecs.IMWRITE_JPEG_QUALITY, 60, Imgcodecs.IMWRITE_JPEG_PROGRESSIVE, 1));
    write(out, "seed-exif-rotated.jpg", withExifOrientation(encode(bgr, ".jpg", Imgcodecs.IMWRITE_JPEG_QUALITY, 60), 6));
    write(out, "seed-rgb.png", encode(bgr, ".png"));
    Mat gray = new Mat();
    Imgproc.cvtColor(bgr, gray, Imgproc.COLOR_BGR2GRAY);
    write(out, "seed-gray.png", encode(gray, ".png"));
    Mat bgra = new Mat();
    Imgproc.cvtColor(bgr, bgra, Imgproc.COLOR_BGR2BGRA);
    Imgproc.rectangle(bgra, new Point(0, 0), new Point(10, 10), new Scalar(0, 0, 0, 0), -1);
    write(out, "seed-alpha.png", encode(bgra, ".png"));
    Mat deep = new Mat();
    bgr.convertTo(deep, CvType.CV_16UC3, 257);
    write(out, "seed-16bit.png", encode(deep, ".png"));
    write(out, "seed-text-exif.png", pngWithChunks(encode(bgr, ".png")));
    write(out, "seed.bmp", encode(bgr, ".bmp"));
    write(out, "seed-lossy.webp", encode(bgr, ".webp", Imgcodecs.IMWRITE_WEBP_QUALITY, 50));
    write(out, "seed-lossless.webp", encode(bgr, ".webp", Imgcodecs.IMWRITE_WEBP_QUALITY, 101));
    write(out, "seed-lzw.tiff", encode(bgr, ".tiff", Imgcodecs.IMWRITE_TIFF_COMPRESSION, 5));
    write(out, "seed-gray.tiff", encode(gray, ".tiff", Imgcodecs.IMWRITE_TIFF_COMPRESSION, 1));
  }

  /** A grey oval "face" with two eyes and a mouth on a gradient. */
  private static Mat drawing() {
    Mat image = new Mat(40, 48, CvType.CV_8UC3);
    for (int y = 0; y < image.rows(); y++) {
      Imgproc.line(image, new Point(0, y), new Point(47, y), new Scalar(40 + 4 * y, 90, 200 - 3 * y));
    }
    Imgproc.ellipse(image, new Point(24, 20), new Size(13, 17), 0, 0, 360, new Scalar(150, 170, 200), -1);
    Imgproc.circle(image, new Point(19, 16), 2, new Scalar(20, 20, 20), -1);
    Imgproc.circle(image, new Point(29, 16), 2, new Scalar(20, 20, 20), -1);
    Imgproc.line(image, new Point(19, 28), new Point(29, 28), new Scalar(40, 40, 120), 2);
    Core.flip(image, image, 1);
    return image;
  }

  private static byte[] encode(Mat image, String extension, int... parameters) {
    MatOfByte buffer = new MatOfByte();
    if (!Imgcodecs.imencode(extension, image, buffer, new MatOfInt(parameters))) {
      throw new IllegalStateException("cannot encode " + extension);
    }
    return buffer.toArray();
  }

  /** Inserts an APP1 EXIF segment (big-endian TIFF, IFD0 with one Orientation entry) after SOI. */
  private static byte[] withExifOrientation(byte[] jpeg, int orientation) {
    ByteBuffer exif = ByteBuffer.allocate(6 + 8 + 2 + 12 + 4);
    exif.put("Exif\0\0".getBytes()).put("MM".getBytes()).putShort((short) 42).putInt(8);
    exif.putShort((short) 1).putShort((short) 274).putShort((short) 3).putInt(1).putShort((short) orientation)
        .putShort((short) 0).putInt(0);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(jpeg, 0, 2);
    out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xE1});
    out.writeBytes(ByteBuffer.allocate(2).putShort((short) (exif.capacity() + 2)).array());
    out.writeBytes(exif.array());
    out.write(jpeg, 2, jpeg.length - 2);
    return out.toByteArray();
  }

  /** Inserts a small zTXt chunk and an eXIf chunk (orientation 3) after IHDR. */
  private static byte[] pngWithChunks(byte[] png) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(png, 0, 33);
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    text.writeBytes("Comment\0\0".getBytes());
    java.util.zip.Deflater deflater = new java.util.zip.Deflater();
    deflater.setInput("a synthetic seed".repeat(8).getBytes());
    deflater.finish();
    byte[] compressed = new byte[256];
    text.write(compressed, 0, deflater.deflate(compressed));
    chunk(out, "zTXt", text.toByteArray());
    ByteBuffer exif = ByteBuffer.allocate(8 + 2 + 12 + 4);
    exif.put("II".getBytes()).put((byte) 42).put((byte) 0).put((byte) 8).put(new byte[3]);
    exif.put((byte) 1).put((byte) 0).put((byte) 0x12).put((byte) 0x01).put((byte) 3).put((byte) 0)
        .put((byte) 1).put(new byte[3]).put((byte) 3).put(new byte[3]).put(new byte[4]);
    chunk(out, "eXIf", exif.array());
    out.write(png, 33, png.length - 33);
    return out.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(type.getBytes());
    out.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(type.getBytes());
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  private static void write(Path folder, String name, byte[] bytes) throws IOException {
    Files.write(folder.resolve(name), bytes);
  }
}

package org.faceauth.core.image;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.bmp.BmpHeaderDirectory;
import com.drew.metadata.exif.ExifDirectoryBase;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.jpeg.JpegDirectory;
import com.drew.metadata.png.PngDirectory;
import com.drew.metadata.webp.WebpDirectory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.faceauth.core.ErrorCode;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Turns encoded image bytes into an upright 8-bit BGR image.
 *
 * <p>Order of checks: byte size, format by magic bytes, header dimensions against {@link ImageLimits} (before any
 * pixel is decoded), truncation, then decoding. Grayscale, 16-bit and alpha images are normalised to BGR (alpha is
 * composited on white) and the EXIF orientation is applied. Every failure is an {@link InvalidImageException} with a
 * code and a plain message. Thread-safe and stateless apart from its limits.
 */
public final class ImageDecoder {
  private static final List<DimensionTags> DIMENSION_TAGS =
      List.of(
          new DimensionTags(JpegDirectory.class, JpegDirectory.TAG_IMAGE_WIDTH, JpegDirectory.TAG_IMAGE_HEIGHT),
          new DimensionTags(PngDirectory.class, PngDirectory.TAG_IMAGE_WIDTH, PngDirectory.TAG_IMAGE_HEIGHT),
          new DimensionTags(
              BmpHeaderDirectory.class, BmpHeaderDirectory.TAG_IMAGE_WIDTH, BmpHeaderDirectory.TAG_IMAGE_HEIGHT),
          new DimensionTags(WebpDirectory.class, WebpDirectory.TAG_IMAGE_WIDTH, WebpDirectory.TAG_IMAGE_HEIGHT),
          new DimensionTags(
              ExifIFD0Directory.class, ExifDirectoryBase.TAG_IMAGE_WIDTH, ExifDirectoryBase.TAG_IMAGE_HEIGHT));

  /** Long side that reduced-scale JPEG decoding never goes below: above every detector's working size. */
  public static final int DEFAULT_REDUCED_DECODE_SIDE = 1280;

  private final ImageLimits limits;
  private final int reducedDecodeSide;

  public ImageDecoder(ImageLimits limits) {
    this(limits, DEFAULT_REDUCED_DECODE_SIDE);
  }

  /**
   * @param reducedDecodeSide large JPEGs are decoded at 1/2, 1/4 or 1/8 scale (in the JPEG decoder itself, much
   *     faster than decoding in full and resizing) as long as their longer side stays at least this long
   */
  public ImageDecoder(ImageLimits limits, int reducedDecodeSide) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.reducedDecodeSide = reducedDecodeSide;
    OpenCv.load();
  }

  public ImageLimits limits() {
    return limits;
  }

  /**
   * Decodes {@code bytes}.
   *
   * @throws InvalidImageException when the bytes are empty, too large, not a supported image, truncated, corrupt,
   *     declare too many pixels or are too small
   */
  public BgrImage decode(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      throw new InvalidImageException(ErrorCode.IMAGE_EMPTY, "The image is empty (0 bytes).");
    }
    if (bytes.length > limits.maxBytes()) {
      throw new InvalidImageException(
          ErrorCode.IMAGE_TOO_LARGE,
          "The image is " + bytes.length + " bytes; the limit is " + limits.maxBytes() + " bytes.");
    }
    ImageFormat format =
        ImageFormat.sniff(bytes)
            .orElseThrow(
                () ->
                    new InvalidImageException(
                        ErrorCode.IMAGE_UNSUPPORTED_FORMAT,
                        "This is not an image FaceAuth can read: expected JPEG, PNG, BMP, WebP or TIFF."));
    Metadata metadata = readMetadata(bytes, format);
    long longSide = checkDimensions(metadata, format);
    checkComplete(bytes, format);
    Mat upright = applyOrientation(toBgr(decodePixels(bytes, format, longSide)), orientation(metadata));
    if (Math.min(upright.cols(), upright.rows()) < limits.minSide()) {
      upright.release();
      throw tooSmall(upright.cols(), upright.rows());
    }
    return BgrImage.own(upright);
  }

  private static Metadata readMetadata(byte[] bytes, ImageFormat format) {
    try {
      return ImageMetadataReader.readMetadata(new ByteArrayInputStream(bytes), bytes.length);
    } catch (ImageProcessingException | IOException | RuntimeException e) {
      throw new InvalidImageException(
          ErrorCode.IMAGE_CORRUPT, "The " + format + " header cannot be read: " + e.getMessage());
    }
  }

  /** Checks the declared size against the limits and returns the longer side. */
  private long checkDimensions(Metadata metadata, ImageFormat format) {
    for (DimensionTags tags : DIMENSION_TAGS) {
      for (Directory directory : metadata.getDirectoriesOfType(tags.directory())) {
        Integer width = directory.getInteger(tags.widthTag());
        Integer height = directory.getInteger(tags.heightTag());
        if (width != null && height != null) {
          long w = Math.abs((long) width);
          long h = Math.abs((long) height);
          if (w * h > limits.maxPixels()) {
            throw new InvalidImageException(
                ErrorCode.IMAGE_TOO_MANY_PIXELS,
                "The image declares " + w + "×" + h + " pixels; the limit is " + limits.maxPixels() + " pixels.");
          }
          if (Math.min(w, h) < limits.minSide()) {
            throw tooSmall(w, h);
          }
          return Math.max(w, h);
        }
      }
    }
    throw new InvalidImageException(
        ErrorCode.IMAGE_CORRUPT, "The " + format + " header does not state the image size.");
  }

  private InvalidImageException tooSmall(long width, long height) {
    return new InvalidImageException(
        ErrorCode.IMAGE_TOO_SMALL,
        "The image is "
            + width
            + "×"
            + height
            + " pixels; at least "
            + limits.minSide()
            + " pixels on each side are needed to find a face.");
  }

  private static void checkComplete(byte[] bytes, ImageFormat format) {
    boolean complete =
        switch (format) {
          case JPEG -> jpegEndsAfterLastScan(bytes);
          case PNG -> lastIndexOf(bytes, new byte[] {'I', 'E', 'N', 'D'}, Math.max(0, bytes.length - 64)) >= 0;
          default -> true;
        };
    if (!complete) {
      throw new InvalidImageException(
          ErrorCode.IMAGE_TRUNCATED, "The " + format + " file is cut short: its image data does not end properly.");
    }
  }

  /**
   * A complete JPEG has an end-of-image marker after its last start-of-scan marker. Entropy-coded data cannot contain
   * either marker (0xFF is byte-stuffed), so a file cut inside its last scan has none.
   */
  private static boolean jpegEndsAfterLastScan(byte[] bytes) {
    int lastScan = lastIndexOf(bytes, new byte[] {(byte) 0xFF, (byte) 0xDA}, 2);
    return lastScan >= 0 && lastIndexOf(bytes, new byte[] {(byte) 0xFF, (byte) 0xD9}, lastScan + 2) >= 0;
  }

  private static int lastIndexOf(byte[] bytes, byte[] needle, int from) {
    for (int i = bytes.length - needle.length; i >= from; i--) {
      boolean match = true;
      for (int j = 0; j < needle.length && match; j++) {
        match = bytes[i + j] == needle[j];
      }
      if (match) {
        return i;
      }
    }
    return -1;
  }

  private Mat decodePixels(byte[] bytes, ImageFormat format, long longSide) {
    MatOfByte encoded = new MatOfByte(bytes);
    try {
      Mat decoded = Imgcodecs.imdecode(encoded, decodeFlags(format, longSide));
      if (decoded.empty()) {
        throw new InvalidImageException(
            ErrorCode.IMAGE_CORRUPT, "The " + format + " image data is damaged and cannot be decoded.");
      }
      return decoded;
    } finally {
      encoded.release();
    }
  }

  /**
   * Full decoding, unchanged (alpha and 16-bit kept for normalisation), except for JPEGs at least twice
   * {@code reducedDecodeSide}: those are decoded reduced to colour at the largest power-of-two scale that keeps their
   * longer side at or above it. EXIF orientation is ignored here and applied afterwards either way.
   */
  private int decodeFlags(ImageFormat format, long longSide) {
    if (format != ImageFormat.JPEG) {
      return Imgcodecs.IMREAD_UNCHANGED;
    }
    int scale = 1;
    while (scale < 8 && longSide / (scale * 2L) >= reducedDecodeSide) {
      scale *= 2;
    }
    int reduced = switch (scale) {
      case 2 -> Imgcodecs.IMREAD_REDUCED_COLOR_2;
      case 4 -> Imgcodecs.IMREAD_REDUCED_COLOR_4;
      case 8 -> Imgcodecs.IMREAD_REDUCED_COLOR_8;
      default -> Imgcodecs.IMREAD_UNCHANGED;
    };
    return scale == 1 ? reduced : reduced | Imgcodecs.IMREAD_IGNORE_ORIENTATION;
  }

  /** Normalises any depth and channel count OpenCV decodes to 8-bit BGR; releases {@code src} when replaced. */
  private static Mat toBgr(Mat src) {
    Mat eightBit = src;
    if (src.depth() != CvType.CV_8U) {
      eightBit = new Mat();
      double scale = src.depth() == CvType.CV_16U ? 1.0 / 257.0 : 1.0;
      src.convertTo(eightBit, CvType.CV_8U, scale);
      src.release();
    }
    Mat bgr = new Mat();
    switch (eightBit.channels()) {
      case 1 -> Imgproc.cvtColor(eightBit, bgr, Imgproc.COLOR_GRAY2BGR);
      case 3 -> eightBit.copyTo(bgr);
      case 4 -> compositeOnWhite(eightBit, bgr);
      default -> {
        eightBit.release();
        throw new InvalidImageException(
            ErrorCode.IMAGE_CORRUPT, "Images with " + eightBit.channels() + " channels are not supported.");
      }
    }
    eightBit.release();
    return bgr;
  }

  private static void compositeOnWhite(Mat bgra, Mat bgrOut) {
    Mat color = new Mat();
    Mat alpha = new Mat();
    Mat alpha3 = new Mat();
    Mat white = new Mat(bgra.size(), CvType.CV_32FC3, new Scalar(255, 255, 255));
    try {
      Imgproc.cvtColor(bgra, color, Imgproc.COLOR_BGRA2BGR);
      color.convertTo(color, CvType.CV_32FC3);
      Core.extractChannel(bgra, alpha, 3);
      alpha.convertTo(alpha, CvType.CV_32F, 1.0 / 255.0);
      Core.merge(List.of(alpha, alpha, alpha), alpha3);
      Core.multiply(color, alpha3, color);
      Core.subtract(new Mat(alpha3.size(), CvType.CV_32FC3, new Scalar(1, 1, 1)), alpha3, alpha3);
      Core.multiply(white, alpha3, white);
      Core.add(color, white, color);
      color.convertTo(bgrOut, CvType.CV_8UC3);
    } finally {
      color.release();
      alpha.release();
      alpha3.release();
      white.release();
    }
  }

  private static int orientation(Metadata metadata) {
    for (ExifIFD0Directory exif : metadata.getDirectoriesOfType(ExifIFD0Directory.class)) {
      Integer value = exif.getInteger(ExifDirectoryBase.TAG_ORIENTATION);
      if (value != null) {
        return value;
      }
    }
    return 1;
  }

  /** Applies EXIF orientation 1–8 so that the result is upright; releases {@code src} when replaced. */
  private static Mat applyOrientation(Mat src, int orientation) {
    if (orientation <= 1 || orientation > 8) {
      return src;
    }
    Mat dst = new Mat();
    switch (orientation) {
      case 2 -> Core.flip(src, dst, 1);
      case 3 -> Core.rotate(src, dst, Core.ROTATE_180);
      case 4 -> Core.flip(src, dst, 0);
      case 5 -> Core.transpose(src, dst);
      case 6 -> Core.rotate(src, dst, Core.ROTATE_90_CLOCKWISE);
      case 7 -> {
        Core.transpose(src, dst);
        Core.flip(dst, dst, -1);
      }
      default -> Core.rotate(src, dst, Core.ROTATE_90_COUNTERCLOCKWISE);
    }
    src.release();
    return dst;
  }

  private record DimensionTags(Class<? extends Directory> directory, int widthTag, int heightTag) {}
}

package org.faceauth.core.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.faceauth.core.ErrorCode;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Turns encoded image bytes into an upright 8-bit BGR image.
 *
 * <p>Order of checks: byte size, format by magic bytes, then the header, read by walking the format's segments or
 * chunks without decoding or inflating anything ({@link HeaderReader}): metadata size, pixel count, smallest side,
 * aspect ratio and JPEG scan count against {@link ImageLimits} (a JPEG or PNG cut short is found by that walk);
 * then decoding. So whatever an upload
 * holds, what it costs before decoding is linear in its byte length, and decoding is bounded by the pixel and scan
 * limits. Grayscale, 16-bit and alpha images are normalised to BGR (alpha is composited on white) and the EXIF
 * orientation is applied. Every failure is an {@link InvalidImageException} with a code and a plain message.
 * Thread-safe and stateless apart from its limits.
 */
public final class ImageDecoder {
  /**
   * Decoding a progressive JPEG costs one pass over its coefficients per scan, so the time budget of a decode is
   * counted in scans × pixels: at most this many scans of an image at the pixel limit (encoders write about ten), and
   * proportionally more, up to the scan limit, for smaller images.
   */
  static final long FULL_SIZE_SCANS = 24;

  /**
   * Long side that reduced-scale JPEG decoding never goes below: the largest detector working size (MTCNN's 1024; YuNet
   * works at 640), so no detector sees fewer pixels than it uses. Decoding a 2048-px photo at half scale saves about a
   * fifth of its decoding time (the entropy decoding stays); on faces-dev, {@code evaluate} and {@code calibrate} give
   * the same decisions and threshold as with 1280 (README, speed).
   */
  public static final int DEFAULT_REDUCED_DECODE_SIDE = 1024;

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
    ImageHeader header = HeaderReader.of(format).read(new ByteReader(bytes, format));
    checkHeader(header, format);
    Mat decoded = decodePixels(bytes, format, reductionScale(format, header));
    Mat upright = applyOrientation(toBgr(decoded), header.orientation());
    int width = upright.cols();
    int height = upright.rows();
    if (Math.min(width, height) < limits.minSide()) {
      upright.release();
      throw tooSmall(width, height);
    }
    return BgrImage.own(upright);
  }

  private void checkHeader(ImageHeader header, ImageFormat format) {
    long width = header.width();
    long height = header.height();
    if (header.metadataBytes() > limits.maxMetadataBytes()) {
      throw new InvalidImageException(
          ErrorCode.IMAGE_TOO_LARGE,
          "The " + format + " carries " + header.metadataBytes() + " bytes of metadata (EXIF, ICC profile, text, "
              + "comments); the limit is " + limits.maxMetadataBytes() + " bytes.");
    }
    if (header.pixels() > limits.maxPixels()) {
      throw new InvalidImageException(
          ErrorCode.IMAGE_TOO_MANY_PIXELS,
          "The image declares " + width + "×" + height + " pixels; the limit is " + limits.maxPixels() + " pixels.");
    }
    if (Math.min(width, height) < limits.minSide()) {
      throw tooSmall(width, height);
    }
    long shortSide = Math.min(width, height);
    long longSide = Math.max(width, height);
    if (longSide > shortSide * limits.maxAspectRatio()) {
      throw new InvalidImageException(
          ErrorCode.IMAGE_TOO_SMALL,
          "The image is " + width + "×" + height + " pixels, " + longSide / shortSide + " times longer than wide; "
              + "at most " + limits.maxAspectRatio() + " times is accepted: crop it around the face.");
    }
    long scanBudget = Math.min(limits.maxScans(), limits.maxPixels() * FULL_SIZE_SCANS / header.pixels());
    if (header.scans() > scanBudget) {
      throw new InvalidImageException(
          ErrorCode.IMAGE_UNSUPPORTED_FORMAT,
          "The JPEG has " + header.scans() + " scans of " + width + "×" + height + " pixels; FaceAuth decodes at most "
              + scanBudget + " scans at this size.");
    }
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

  private static Mat decodePixels(byte[] bytes, ImageFormat format, int scale) {
    MatOfByte encoded = new MatOfByte(bytes);
    try {
      Mat decoded = Imgcodecs.imdecode(encoded, decodeFlags(scale));
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
   * 1 (full decoding), or for JPEGs at least twice {@code reducedDecodeSide} long, the largest power-of-two reduction
   * (in the JPEG decoder itself) that keeps the longer side at or above {@code reducedDecodeSide} and the shorter side
   * at or above the minimum side.
   */
  private int reductionScale(ImageFormat format, ImageHeader header) {
    if (format != ImageFormat.JPEG) {
      return 1;
    }
    long longSide = Math.max(header.width(), header.height());
    long shortSide = Math.min(header.width(), header.height());
    int scale = 1;
    while (scale < 8
        && longSide / (scale * 2L) >= reducedDecodeSide
        && shortSide / (scale * 2L) >= limits.minSide()) {
      scale *= 2;
    }
    return scale;
  }

  /**
   * Unchanged (alpha and 16-bit kept for normalisation) at full scale; reduced to colour otherwise. EXIF orientation
   * is ignored here and applied afterwards either way.
   */
  private static int decodeFlags(int scale) {
    return switch (scale) {
      case 2 -> Imgcodecs.IMREAD_REDUCED_COLOR_2 | Imgcodecs.IMREAD_IGNORE_ORIENTATION;
      case 4 -> Imgcodecs.IMREAD_REDUCED_COLOR_4 | Imgcodecs.IMREAD_IGNORE_ORIENTATION;
      case 8 -> Imgcodecs.IMREAD_REDUCED_COLOR_8 | Imgcodecs.IMREAD_IGNORE_ORIENTATION;
      default -> Imgcodecs.IMREAD_UNCHANGED;
    };
  }

  /**
   * Normalises any depth and channel count OpenCV decodes to 8-bit BGR; releases {@code src} when replaced. 8-bit BGR,
   * what a colour JPEG decodes to, is returned as it is, not copied.
   */
  private static Mat toBgr(Mat src) {
    Mat eightBit = src;
    if (src.depth() != CvType.CV_8U) {
      eightBit = new Mat();
      double scale = src.depth() == CvType.CV_16U ? 1.0 / 257.0 : 1.0;
      src.convertTo(eightBit, CvType.CV_8U, scale);
      src.release();
    }
    if (eightBit.channels() == 3) {
      return eightBit;
    }
    Mat bgr = new Mat();
    switch (eightBit.channels()) {
      case 1 -> Imgproc.cvtColor(eightBit, bgr, Imgproc.COLOR_GRAY2BGR);
      case 4 -> compositeOnWhite(eightBit, bgr);
      default -> {
        eightBit.release();
        throw new InvalidImageException(
            ErrorCode.IMAGE_UNSUPPORTED_FORMAT,
            "Images with " + eightBit.channels() + " channels are not supported: send grey, RGB or RGBA.");
      }
    }
    eightBit.release();
    return bgr;
  }

  /**
   * Each colour channel becomes c·a/255 + (255 − a), white behind: in 8-bit arithmetic, so that it needs a few
   * single-channel planes of memory, not float copies of the whole image.
   */
  private static void compositeOnWhite(Mat bgra, Mat bgrOut) {
    List<Mat> channels = new ArrayList<>(4);
    Mat transparency = new Mat();
    try {
      Core.split(bgra, channels);
      Mat alpha = channels.get(3);
      Core.bitwise_not(alpha, transparency);
      for (Mat channel : channels.subList(0, 3)) {
        Core.multiply(channel, alpha, channel, 1.0 / 255.0);
        Core.add(channel, transparency, channel);
      }
      Core.merge(channels.subList(0, 3), bgrOut);
    } finally {
      channels.forEach(Mat::release);
      transparency.release();
    }
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

}

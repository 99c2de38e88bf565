package org.faceauth.core.image;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The encoded formats FaceAuth accepts, recognised by their magic bytes (never by a file name or content type). */
public enum ImageFormat {
  JPEG("image/jpeg"),
  PNG("image/png"),
  BMP("image/bmp"),
  WEBP("image/webp"),
  TIFF("image/tiff");

  private static final List<String> FILE_EXTENSIONS =
      List.of(".jpg", ".jpeg", ".png", ".bmp", ".webp", ".tif", ".tiff");

  private final String mediaType;

  ImageFormat(String mediaType) {
    this.mediaType = mediaType;
  }

  public String mediaType() {
    return mediaType;
  }

  /**
   * Whether the file name ends in an extension of one of these formats, for picking image files out of a folder (what
   * a file holds is still decided by its bytes when it is decoded).
   */
  public static boolean hasImageExtension(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return FILE_EXTENSIONS.stream().anyMatch(name::endsWith);
  }

  /** The format whose signature starts {@code bytes}, if any. */
  public static Optional<ImageFormat> sniff(byte[] bytes) {
    if (startsWith(bytes, 0, 0xFF, 0xD8, 0xFF)) {
      return Optional.of(JPEG);
    }
    if (startsWith(bytes, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return Optional.of(PNG);
    }
    if (startsWith(bytes, 0, 'B', 'M') && bytes.length >= 26) {
      return Optional.of(BMP);
    }
    if (startsWith(bytes, 0, 'R', 'I', 'F', 'F') && startsWith(bytes, 8, 'W', 'E', 'B', 'P')) {
      return Optional.of(WEBP);
    }
    if (startsWith(bytes, 0, 'I', 'I', 42, 0) || startsWith(bytes, 0, 'M', 'M', 0, 42)) {
      return Optional.of(TIFF);
    }
    return Optional.empty();
  }

  private static boolean startsWith(byte[] bytes, int offset, int... signature) {
    if (bytes.length < offset + signature.length) {
      return false;
    }
    for (int i = 0; i < signature.length; i++) {
      if ((bytes[offset + i] & 0xFF) != signature[i]) {
        return false;
      }
    }
    return true;
  }
}

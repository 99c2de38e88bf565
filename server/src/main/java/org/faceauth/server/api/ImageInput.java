package org.faceauth.server.api;

import java.io.IOException;
import java.util.Base64;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.faceauth.core.image.ImageFormat;
import org.faceauth.server.problem.ApiErrorCode;
import org.faceauth.server.problem.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.multipart.MultipartFile;

/**
 * Image bytes from a multipart part or a base64 JSON field. What they are is decided by their magic bytes (JPEG, PNG,
 * BMP, WebP, TIFF), never by the content type or file name the client declares.
 */
public final class ImageInput {
  private static final Logger LOG = LoggerFactory.getLogger(ImageInput.class);

  private ImageInput() {}

  public static byte[] of(MultipartFile part, String field) {
    if (part == null || part.isEmpty()) {
      throw new ApiException(ApiErrorCode.BAD_REQUEST, "The '" + field + "' part is missing or empty.");
    }
    try {
      return checked(part.getBytes(), field);
    } catch (IOException e) {
      LOG.warn("reading the '{}' part failed", field, e);
      throw new ApiException(ApiErrorCode.BAD_REQUEST, "Cannot read the '" + field + "' part.");
    }
  }

  static byte[] ofBase64(String base64, String field) {
    if (base64 == null || base64.isBlank()) {
      throw new ApiException(ApiErrorCode.BAD_REQUEST, "The '" + field + "' field is missing or empty.");
    }
    String data = base64.strip();
    int comma = data.indexOf(',');
    if (data.startsWith("data:") && comma > 0) {
      data = data.substring(comma + 1);
    }
    try {
      return checked(Base64.getMimeDecoder().decode(data), field);
    } catch (IllegalArgumentException e) {
      throw new ApiException(ApiErrorCode.BAD_REQUEST, "The '" + field + "' field is not valid base64.");
    }
  }

  private static byte[] checked(byte[] bytes, String field) {
    if (ImageFormat.sniff(bytes).isEmpty()) {
      throw new FaceAuthException(ErrorCode.IMAGE_UNSUPPORTED_FORMAT,
          "The '" + field + "' content is not a JPEG, PNG, BMP, WebP or TIFF image (checked by its bytes).");
    }
    return bytes;
  }
}

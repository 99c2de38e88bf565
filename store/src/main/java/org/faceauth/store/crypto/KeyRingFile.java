package org.faceauth.store.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;

/**
 * A key ring kept in a file readable by its owner only: one base64 key per line, the current key first; lines
 * starting with {@code #} are comments. Writes go to a temporary file that is then renamed over the old one, so a
 * crash never leaves a half-written ring.
 */
public final class KeyRingFile {
  private final Path path;

  public KeyRingFile(Path path) {
    this.path = path;
  }

  public Path path() {
    return path;
  }

  /** Reads the ring, creating the file with one fresh key (owner-only permissions) when it does not exist yet. */
  public KeyRing loadOrCreate() {
    if (!Files.exists(path)) {
      save(KeyRing.of(List.of(KeyRing.newRawKey())));
    }
    return load();
  }

  /**
   * Reads the ring.
   *
   * @throws FaceAuthException {@link ErrorCode#TEMPLATE_KEY_MISSING} if the file is missing, unreadable or malformed
   */
  public KeyRing load() {
    List<byte[]> keys = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(path, StandardCharsets.US_ASCII)) {
        String text = line.strip();
        if (!text.isEmpty() && !text.startsWith("#")) {
          keys.add(Base64.getDecoder().decode(text));
        }
      }
    } catch (IOException e) {
      throw new FaceAuthException(
          ErrorCode.TEMPLATE_KEY_MISSING, "Cannot read the template key file " + path + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new FaceAuthException(
          ErrorCode.TEMPLATE_KEY_MISSING, "The template key file " + path + " holds a line that is not base64.", e);
    }
    if (keys.isEmpty()) {
      throw new FaceAuthException(ErrorCode.TEMPLATE_KEY_MISSING, "The template key file " + path + " holds no key.");
    }
    return KeyRing.of(keys);
  }

  /** Replaces the file's content with {@code ring} (current key first), atomically. */
  public void save(KeyRing ring) {
    StringBuilder text = new StringBuilder(
        "# FaceAuth template encryption keys (AES-256, base64). The first is current. Keep this file secret.\n");
    for (String id : ring.ids()) {
      text.append(Base64.getEncoder().encodeToString(ring.key(id).orElseThrow().getEncoded())).append('\n');
    }
    try {
      Path dir = path.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, ".keys", ".tmp");
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
      }
      Files.writeString(temp, text, StandardCharsets.US_ASCII);
      try {
        Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new FaceAuthException(
          ErrorCode.TEMPLATE_KEY_MISSING, "Cannot write the template key file " + path + ": " + e.getMessage(), e);
    }
  }
}

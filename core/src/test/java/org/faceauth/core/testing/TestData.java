package org.faceauth.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.faceauth.core.image.ImageFormat;
import org.faceauth.core.model.ModelDirectory;
import org.faceauth.core.pipeline.EngineConfig;
import org.faceauth.core.pipeline.FaceEngine;

/**
 * Real models and real images for tests: the models bundled in {@code faceauth-models}, images from the shared folder
 * beside the repository ({@code FACEAUTH_TEST_DATA}, default {@code ../shared/data/faces-dev}). A missing model or
 * image fails the test; nothing is skipped.
 */
public final class TestData {
  private static FaceEngine engine;

  private TestData() {}

  /** The repository root (set by the build as {@code faceauth.repoRoot}). */
  public static Path repoRoot() {
    String configured = System.getProperty("faceauth.repoRoot");
    return Path.of(configured == null ? ".." : configured).toAbsolutePath().normalize();
  }

  public static Path dataDir() {
    return resolve(System.getenv("FACEAUTH_TEST_DATA"), "../shared/data/faces-dev");
  }

  private static Path resolve(String configured, String fallback) {
    String value = configured == null || configured.isBlank() ? fallback : configured;
    return repoRoot().resolve(value).normalize();
  }

  /** The bundled models (the environment's override folder is ignored: tests use what ships). */
  public static ModelDirectory models() {
    return ModelDirectory.bundled();
  }

  /** A file under {@code faces-dev/raw/}. */
  public static Path raw(String relative) {
    Path path = dataDir().resolve("raw").resolve(relative);
    if (!Files.exists(path)) {
      throw new IllegalStateException("test image missing: " + path);
    }
    return path;
  }

  public static byte[] bytes(String relative) {
    try {
      return Files.readAllBytes(raw(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Image files directly in {@code raw/<folder>} or below it, sorted. */
  public static List<Path> images(String folder) {
    try (Stream<Path> walk = Files.walk(raw(folder))) {
      return walk.filter(Files::isRegularFile)
          .filter(ImageFormat::hasImageExtension)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The frames of a dev video ({@code raw/test/video/<video>}) at {@code fps} frames a second (an ffmpeg rate such as
   * {@code 2} or {@code 10/3}), extracted with ffmpeg (Debian's package) as PNG files under {@code folder}, in order.
   */
  public static List<Path> videoFrames(String video, String fps, Path folder) {
    try {
      Path frames = Files.createDirectories(folder.resolve(video));
      Process ffmpeg = new ProcessBuilder("ffmpeg", "-loglevel", "error", "-i", raw("test/video/" + video).toString(),
          "-vf", "fps=" + fps, frames.resolve("%03d.png").toString())
          .redirectErrorStream(true).start();
      String output = new String(ffmpeg.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!ffmpeg.waitFor(120, TimeUnit.SECONDS) || ffmpeg.exitValue() != 0) {
        ffmpeg.destroyForcibly();
        throw new IllegalStateException("ffmpeg could not extract the frames of " + video + ": " + output);
      }
      try (Stream<Path> list = Files.list(frames)) {
        return list.sorted().toList();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while extracting the frames of " + video, e);
    }
  }

  /** One engine with the default configuration, shared by the tests of a JVM (models load once). */
  public static synchronized FaceEngine engine() {
    if (engine == null) {
      engine = FaceEngine.open(EngineConfig.defaults(models()));
    }
    return engine;
  }

  /** A valid PNG signature, header and end chunk declaring {@code width × height}, with no pixel data. */
  public static byte[] pngHeaderOnly(int width, int height) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
    ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
        .put((byte) 0).put((byte) 0).put((byte) 0);
    writePngChunk(out, "IHDR", ihdr.array());
    writePngChunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  /** Writes one PNG chunk: length, type, data and its CRC. */
  public static void writePngChunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(typeBytes);
    out.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }
}

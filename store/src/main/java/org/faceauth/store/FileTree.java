package org.faceauth.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Deleting a folder with everything under it, the one way every module does it. */
public final class FileTree {
  private FileTree() {}

  /**
   * Deletes {@code root} and everything under it, deepest first; nothing happens when it does not exist.
   *
   * @throws IOException if an entry cannot be listed or deleted
   */
  public static void delete(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    List<Path> entries;
    try (Stream<Path> walk = Files.walk(root)) {
      entries = walk.sorted(Comparator.reverseOrder()).toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    for (Path entry : entries) {
      Files.deleteIfExists(entry);
    }
  }
}

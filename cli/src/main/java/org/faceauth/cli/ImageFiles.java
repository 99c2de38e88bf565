package org.faceauth.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads image files named on the command line, turning I/O problems into bad-input errors. */
final class ImageFiles {
  private ImageFiles() {}

  static byte[] read(Path path) {
    try {
      if (Files.isDirectory(path)) {
        throw new BadInputException(path + " is a directory, not an image file.");
      }
      return Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new BadInputException("No such file: " + path, e);
    } catch (IOException e) {
      throw new BadInputException("Cannot read " + path + ": " + e.getMessage(), e);
    }
  }
}

package org.faceauth.store.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.faceauth.core.testing.TestData;
import org.faceauth.core.user.UserId;

/** Real photos from faces-dev for the storage tests: enrollment sets, probes of the same people, and strangers. */
public final class Faces {
  /** People with at least three enrollment photos and at least two other photos in known_faces. */
  public static final List<String> PEOPLE = List.of("Angelina_Jolie", "Ann_Veneman", "Bill_Frist", "Edmund_Stoiber");

  private Faces() {}

  public static UserId user(int i) {
    return UserId.of(PEOPLE.get(i));
  }

  /** The enrollment photos of person {@code i}. */
  public static List<byte[]> enrollment(int i) {
    return TestData.images("users/" + PEOPLE.get(i)).stream().map(Faces::read).toList();
  }

  /** Another photo of person {@code i} (from known_faces). */
  public static byte[] probe(int i) {
    return TestData.bytes("test/known_faces/" + PEOPLE.get(i) + "_1.jpg");
  }

  /** A photo of someone never enrolled. */
  public static byte[] stranger() {
    return read(TestData.images("test/unknown_faces").get(0));
  }

  /** A photo without any face. */
  public static byte[] noFace() {
    return read(TestData.images("test/no_face").get(0));
  }

  public static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package org.faceauth.core.evaluation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.faceauth.core.image.ImageFormat;

/**
 * A folder in FaceAuth's {@code dataset/} layout, read only: {@code raw/users/<user_id>/*} (enrollment images),
 * {@code raw/test/known_faces/<user_id>_<n>.*} (other photos of enrolled users) and
 * {@code raw/test/unknown_faces/*} (people who are not enrolled).
 *
 * @param root the dataset folder (the one holding {@code raw/})
 * @param enrollment image paths per user id, sorted
 * @param known known-face probes with their true user id
 * @param unknown unknown-face probes (identity = file stem)
 */
public record FaceDataset(
    Path root, Map<String, List<Path>> enrollment, List<LabelledImage> known, List<LabelledImage> unknown) {
  private static final String UNKNOWN = "unknown:";

  /** An image with the identity it shows. */
  public record LabelledImage(Path path, String identity) {}

  /**
   * Reads the layout under {@code root}.
   *
   * @throws IllegalArgumentException if {@code root/raw/users} does not exist
   */
  public static FaceDataset read(Path root) {
    Path users = root.resolve("raw/users");
    if (!Files.isDirectory(users)) {
      throw new IllegalArgumentException(root + " is not a dataset folder: " + users + " is missing");
    }
    Map<String, List<Path>> enrollment = new TreeMap<>();
    for (Path userDir : list(users)) {
      if (Files.isDirectory(userDir)) {
        List<Path> images = list(userDir).stream().filter(FaceDataset::isImage).toList();
        if (!images.isEmpty()) {
          enrollment.put(userDir.getFileName().toString(), images);
        }
      }
    }
    List<LabelledImage> known = new ArrayList<>();
    for (Path p : listIfPresent(root.resolve("raw/test/known_faces"))) {
      String stem = stem(p);
      int cut = stem.lastIndexOf('_');
      known.add(new LabelledImage(p, cut > 0 ? stem.substring(0, cut) : stem));
    }
    List<LabelledImage> unknown = new ArrayList<>();
    for (Path p : listIfPresent(root.resolve("raw/test/unknown_faces"))) {
      unknown.add(new LabelledImage(p, UNKNOWN + stem(p)));
    }
    return new FaceDataset(root, enrollment, known, unknown);
  }

  /**
   * The people of one half only (see {@link DatasetHalf} for the rule): their enrollment folders, their known faces
   * and the unknown faces of people in that half.
   */
  public FaceDataset half(DatasetHalf half) {
    Map<String, List<Path>> users = new TreeMap<>();
    enrollment.forEach((user, images) -> {
      if (half.holds(user)) {
        users.put(user, images);
      }
    });
    return new FaceDataset(root, users, known.stream().filter(i -> half.holds(i.identity())).toList(),
        unknown.stream().filter(i -> half.holds(unknownPerson(i.identity()))).toList());
  }

  private static String unknownPerson(String identity) {
    String stem = identity.substring(UNKNOWN.length());
    int cut = stem.lastIndexOf('_');
    return cut > 0 ? stem.substring(0, cut) : stem;
  }

  private static List<Path> listIfPresent(Path dir) {
    return Files.isDirectory(dir) ? list(dir).stream().filter(FaceDataset::isImage).toList() : List.of();
  }

  private static List<Path> list(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isImage(Path p) {
    return Files.isRegularFile(p) && ImageFormat.hasImageExtension(p);
  }

  private static String stem(Path p) {
    String name = p.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}

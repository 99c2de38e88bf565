package org.faceauth.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.faceauth.core.image.BgrImage;
import org.faceauth.core.testing.TestData;
import org.junit.jupiter.api.Test;

/**
 * What every {@link FaceDetector} must do on real photos: find the single face in identity photos, find nothing in
 * photos without people, and give landmarks in anatomical order inside the face box. Each subclass runs it against
 * one detector with that detector's measured floors.
 */
abstract class FaceDetectorContractTest {
  abstract DetectorKind kind();

  /** The lowest acceptable share of single-face photos where a face is found. */
  abstract double minDetectionRate();

  /** The most no-face photos allowed to produce a detection. */
  abstract int maxFalseDetections();

  FaceDetector detector() {
    return TestData.engine().detector(kind());
  }

  @Test
  void findsTheFaceInSingleFacePhotos() throws IOException {
    List<Path> photos = new ArrayList<>(TestData.images("users"));
    photos.addAll(TestData.images("test/known_faces"));
    int found = 0;
    List<String> missed = new ArrayList<>();
    for (Path photo : photos) {
      try (BgrImage image = TestData.engine().decoder().decode(Files.readAllBytes(photo))) {
        if (!detector().detect(image).isEmpty()) {
          found++;
        } else {
          missed.add(photo.getFileName().toString());
        }
      }
    }
    double rate = (double) found / photos.size();
    System.out.printf("[%s] face found in %d of %d single-face photos (%.2f%%); missed %s%n",
        kind().id(), found, photos.size(), 100 * rate, missed);
    assertThat(rate).isGreaterThanOrEqualTo(minDetectionRate());
  }

  @Test
  void findsNoFaceInPhotosWithoutPeople() throws IOException {
    List<String> falseDetections = new ArrayList<>();
    List<Path> photos = TestData.images("test/no_face");
    for (Path photo : photos) {
      try (BgrImage image = TestData.engine().decoder().decode(Files.readAllBytes(photo))) {
        if (!detector().detect(image).isEmpty()) {
          falseDetections.add(photo.getFileName().toString());
        }
      }
    }
    System.out.printf("[%s] false detections on %d no-face photos: %s%n", kind().id(), photos.size(),
        falseDetections);
    assertThat(photos).hasSize(20);
    assertThat(falseDetections.size()).isLessThanOrEqualTo(maxFalseDetections());
  }

  @Test
  void placesLandmarksInAnatomicalOrderInsideTheBox() {
    for (String photo : List.of("users/Barack_Obama/1.jpg", "users/Angelina_Jolie/1.jpg", "users/John_Snow/1.jpg")) {
      try (BgrImage image = TestData.engine().decoder().decode(TestData.bytes(photo))) {
        DetectedFace face = detector().detect(image).get(0);
        Landmarks lm = face.landmarks();
        BoundingBox grown = new BoundingBox(face.box().x() - 0.1 * face.box().width(),
            face.box().y() - 0.1 * face.box().height(), 1.2 * face.box().width(), 1.2 * face.box().height());
        assertThat(lm.points()).allMatch(grown::contains, "inside the face box");
        assertThat(lm.leftEye().x()).isLessThan(lm.rightEye().x());
        assertThat(lm.mouthLeft().x()).isLessThan(lm.mouthRight().x());
        double eyeLine = (lm.leftEye().y() + lm.rightEye().y()) / 2;
        double mouthLine = (lm.mouthLeft().y() + lm.mouthRight().y()) / 2;
        assertThat(lm.nose().y()).isBetween(eyeLine, mouthLine);
        assertThat(face.score()).isBetween(0.0, 1.0);
      }
    }
  }
}

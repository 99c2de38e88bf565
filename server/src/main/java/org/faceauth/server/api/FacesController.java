package org.faceauth.server.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import org.faceauth.core.align.AlignedFace;
import org.faceauth.core.detect.BoundingBox;
import org.faceauth.core.detect.DetectedFace;
import org.faceauth.core.detect.DetectorKind;
import org.faceauth.core.detect.Point2;
import org.faceauth.core.image.BgrImage;
import org.faceauth.core.pipeline.FaceEngine;
import org.faceauth.core.pipeline.FacePipeline;
import org.faceauth.core.quality.QualityMetrics;
import org.faceauth.core.quality.QualityReport;
import org.faceauth.server.problem.ApiErrorCode;
import org.faceauth.server.problem.ApiException;
import org.faceauth.server.protection.InferenceLimiter;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Detection (every face with box, landmarks, score and quality) and the aligned crop of the main face (app keys). */
@Tag(name = "Faces", description = "Detect faces and crop the aligned face (app keys)")
@RestController
@RequestMapping("/api/v1/faces")
class FacesController {
  private final FaceEngine engine;
  private final InferenceLimiter limiter;

  FacesController(FaceEngine engine, InferenceLimiter limiter) {
    this.engine = engine;
    this.limiter = limiter;
  }

  /** The JSON body of detect and crop: the image (base64) and optionally which detector to use. */
  record ImageJson(String image, String detector) {}

  /** Every face found in an image by the named detector, with the image's size in pixels. */
  record Detection(String detector, int width, int height, List<Face> faces) {}

  /**
   * One face: its box {@code [x, y, width, height]}, detector score, five landmarks {@code [x, y]} (eyes, nose, mouth
   * corners) and quality.
   */
  record Face(List<Double> box, double score, List<List<Double>> landmarks, Quality quality) {}

  /** Whether a face is good enough to enroll, the issues if not, and the measures behind that. */
  record Quality(
      boolean acceptable, List<String> issues, double interEyeDistance, double sharpness, double yaw, double pitch) {}

  @Operation(summary = "Detect every face in a photo: box, score, landmarks and quality")
  @PostMapping(value = "/detect", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  Detection detect(
      @RequestPart(value = "image", required = false) MultipartFile image,
      @RequestParam(required = false) String detector) {
    return detect(ImageInput.of(image, "image"), detector);
  }

  @Operation(summary = "Detect every face, the image as base64 in JSON")
  @PostMapping(value = "/detect", consumes = MediaType.APPLICATION_JSON_VALUE)
  Detection detectJson(@RequestBody ImageJson body) {
    return detect(ImageInput.ofBase64(body.image(), "image"), body.detector());
  }

  @Operation(summary = "The aligned 112x112 JPEG crop of the main face")
  @PostMapping(value = "/crop", consumes = MediaType.MULTIPART_FORM_DATA_VALUE, produces = MediaType.IMAGE_JPEG_VALUE)
  ResponseEntity<byte[]> crop(
      @RequestPart(value = "image", required = false) MultipartFile image,
      @RequestParam(required = false) String detector) {
    return crop(ImageInput.of(image, "image"), detector);
  }

  @Operation(summary = "The aligned crop of the main face, the image as base64 in JSON")
  @PostMapping(value = "/crop", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.IMAGE_JPEG_VALUE)
  ResponseEntity<byte[]> cropJson(@RequestBody ImageJson body) {
    return crop(ImageInput.ofBase64(body.image(), "image"), body.detector());
  }

  private Detection detect(byte[] bytes, String detectorName) {
    DetectorKind kind = kind(detectorName);
    return limiter.run(() -> {
      try (BgrImage image = engine.decoder().decode(bytes)) {
        List<DetectedFace> faces = engine.detector(kind).detect(image);
        List<Face> out = new ArrayList<>();
        for (DetectedFace face : faces) {
          try (AlignedFace aligned = engine.aligner().align(image, face.landmarks())) {
            out.add(face(face, engine.qualityGate().assess(face, faces, aligned)));
          }
        }
        return new Detection(kind.id(), image.width(), image.height(), out);
      }
    });
  }

  private ResponseEntity<byte[]> crop(byte[] bytes, String detectorName) {
    DetectorKind kind = kind(detectorName);
    byte[] jpeg = limiter.run(() -> {
      try (BgrImage image = engine.decoder().decode(bytes)) {
        List<DetectedFace> faces = engine.detector(kind).detect(image);
        DetectedFace subject = FacePipeline.subject(faces, image.width(), image.height())
            .orElseThrow(() -> new ApiException(ApiErrorCode.NO_FACE, "No face was found to crop."));
        try (AlignedFace aligned = engine.aligner().align(image, subject.landmarks())) {
          return aligned.jpeg();
        }
      }
    });
    return ResponseEntity.ok().contentType(MediaType.IMAGE_JPEG).body(jpeg);
  }

  private DetectorKind kind(String name) {
    if (name == null || name.isBlank()) {
      return engine.config().strategy().verify();
    }
    try {
      return DetectorKind.parse(name);
    } catch (IllegalArgumentException e) {
      throw new ApiException(ApiErrorCode.BAD_REQUEST, e.getMessage());
    }
  }

  private static Face face(DetectedFace face, QualityReport quality) {
    BoundingBox b = face.box();
    List<List<Double>> landmarks = new ArrayList<>();
    for (Point2 p : face.landmarks().points()) {
      landmarks.add(List.of(round(p.x()), round(p.y())));
    }
    QualityMetrics m = quality.metrics();
    return new Face(List.of(round(b.x()), round(b.y()), round(b.width()), round(b.height())), round(face.score()),
        landmarks, new Quality(quality.acceptable(), quality.issues().stream().map(Enum::name).toList(),
            round(m.interEyeDistance()), round(m.sharpness()), round(m.yaw()), round(m.pitch())));
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}

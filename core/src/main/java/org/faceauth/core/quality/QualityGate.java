package org.faceauth.core.quality;

import java.util.ArrayList;
import java.util.List;
import org.faceauth.core.align.AlignedFace;
import org.faceauth.core.detect.DetectedFace;
import org.faceauth.core.detect.Landmarks;
import org.faceauth.core.detect.Point2;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfDouble;
import org.opencv.imgproc.Imgproc;

/**
 * Refuses enrollment shots that would make poor templates: a second comparably large face, a face too small, blurred,
 * turned too far or detected with low confidence. Each refusal names an {@link QualityIssue} with advice. Pure
 * measurements on the given pixels and landmarks; thread-safe.
 */
public final class QualityGate {
  private final QualitySettings settings;

  public QualityGate(QualitySettings settings) {
    this.settings = settings;
  }

  public QualitySettings settings() {
    return settings;
  }

  /**
   * Assesses the {@code subject} among {@code allFaces} of an image.
   *
   * @param aligned the subject's aligned crop (for sharpness)
   */
  public QualityReport assess(DetectedFace subject, List<DetectedFace> allFaces, AlignedFace aligned) {
    QualityMetrics metrics = measure(subject, allFaces, aligned);
    List<QualityIssue> issues = new ArrayList<>();
    if (metrics.secondFaceAreaRatio() > settings.maxSecondFaceAreaRatio()) {
      issues.add(QualityIssue.MULTIPLE_FACES);
    }
    if (metrics.interEyeDistance() < settings.minInterEyeDistance()) {
      issues.add(QualityIssue.FACE_TOO_SMALL);
    }
    if (Math.abs(metrics.yaw()) > settings.maxYaw()
        || metrics.pitch() < settings.minPitch()
        || metrics.pitch() > settings.maxPitch()) {
      issues.add(QualityIssue.POSE_TOO_EXTREME);
    }
    if (metrics.sharpness() < settings.minSharpness()) {
      issues.add(QualityIssue.BLURRY);
    }
    if (metrics.detectionScore() < settings.minDetectionScore()) {
      issues.add(QualityIssue.LOW_CONFIDENCE);
    }
    return new QualityReport(issues, metrics);
  }

  /** The measurements alone, without a verdict. */
  public static QualityMetrics measure(DetectedFace subject, List<DetectedFace> allFaces, AlignedFace aligned) {
    Landmarks lm = subject.landmarks();
    double secondRatio = 0;
    for (DetectedFace other : allFaces) {
      if (!other.equals(subject)) {
        secondRatio = Math.max(secondRatio, other.box().area() / subject.box().area());
      }
    }
    double[] pose = pose(lm);
    return new QualityMetrics(
        lm.interEyeDistance(), sharpness(aligned.image().mat()), pose[0], pose[1], subject.score(), secondRatio);
  }

  /** Yaw and pitch ratios from the landmarks, in the frame where the eyes are level. */
  /**
   * Horizontal head turn from the five landmarks: the nose's offset from the face's midline in inter-eye distances,
   * in image coordinates (positive: the nose points towards the image's right).
   */
  public static double yaw(Landmarks lm) {
    return pose(lm)[0];
  }

  private static double[] pose(Landmarks lm) {
    Point2 eyeMid = lm.leftEye().midpoint(lm.rightEye());
    Point2 mouthMid = lm.mouthLeft().midpoint(lm.mouthRight());
    double angle = Math.atan2(lm.rightEye().y() - lm.leftEye().y(), lm.rightEye().x() - lm.leftEye().x());
    double cos = Math.cos(-angle);
    double sin = Math.sin(-angle);
    Point2 nose = rotate(lm.nose(), eyeMid, cos, sin);
    Point2 mouth = rotate(mouthMid, eyeMid, cos, sin);
    double interEye = Math.max(1e-6, lm.interEyeDistance());
    double midlineX = (eyeMid.x() + mouth.x()) / 2;
    double yaw = (nose.x() - midlineX) / interEye;
    double faceHeight = mouth.y() - eyeMid.y();
    double pitch = faceHeight <= 1e-6 ? 0 : (nose.y() - eyeMid.y()) / faceHeight;
    return new double[] {yaw, pitch};
  }

  private static Point2 rotate(Point2 p, Point2 origin, double cos, double sin) {
    double dx = p.x() - origin.x();
    double dy = p.y() - origin.y();
    return new Point2(origin.x() + dx * cos - dy * sin, origin.y() + dx * sin + dy * cos);
  }

  private static double sharpness(Mat bgr) {
    Mat gray = new Mat();
    Mat laplacian = new Mat();
    MatOfDouble mean = new MatOfDouble();
    MatOfDouble std = new MatOfDouble();
    try {
      Imgproc.cvtColor(bgr, gray, Imgproc.COLOR_BGR2GRAY);
      Imgproc.Laplacian(gray, laplacian, CvType.CV_64F);
      Core.meanStdDev(laplacian, mean, std);
      double s = std.toArray()[0];
      return s * s;
    } finally {
      gray.release();
      laplacian.release();
      mean.release();
      std.release();
    }
  }
}

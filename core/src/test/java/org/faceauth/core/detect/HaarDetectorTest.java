package org.faceauth.core.detect;

/** Haar + O-Net: measured 94.6% on faces-dev single-face photos (misses tight crops and turned heads). */
class HaarDetectorTest extends FaceDetectorContractTest {
  @Override
  DetectorKind kind() {
    return DetectorKind.HAAR;
  }

  @Override
  double minDetectionRate() {
    return 0.93;
  }

  @Override
  int maxFalseDetections() {
    return 0;
  }
}

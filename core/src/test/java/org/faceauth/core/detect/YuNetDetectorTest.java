package org.faceauth.core.detect;

class YuNetDetectorTest extends FaceDetectorContractTest {
  @Override
  DetectorKind kind() {
    return DetectorKind.YUNET;
  }

  @Override
  double minDetectionRate() {
    return 0.98;
  }

  @Override
  int maxFalseDetections() {
    return 0;
  }
}

package org.faceauth.core.detect;

class MtcnnDetectorTest extends FaceDetectorContractTest {
  @Override
  DetectorKind kind() {
    return DetectorKind.MTCNN;
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

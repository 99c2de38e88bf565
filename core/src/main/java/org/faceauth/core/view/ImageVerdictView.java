package org.faceauth.core.view;

import java.util.List;
import org.faceauth.core.flow.ImageVerdict;

/**
 * One enrollment image's verdict: its position in the request, whether it was accepted, the reasons it was refused
 * and advice for a better photo, and the detector's confidence in the face (null without a face).
 */
public record ImageVerdictView(int index, boolean accepted, List<String> reasons, List<String> advice, Double quality) {
  public static ImageVerdictView of(ImageVerdict verdict) {
    return new ImageVerdictView(verdict.index(), verdict.accepted(), verdict.reasons(), verdict.advice(),
        verdict.quality().map(Rounding::score).orElse(null));
  }
}

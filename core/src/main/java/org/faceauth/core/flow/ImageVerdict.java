package org.faceauth.core.flow;

import java.util.List;
import java.util.Optional;

/**
 * What enrollment made of one image.
 *
 * @param index position of the image in the request, from 0
 * @param accepted whether it became a template
 * @param reasons why it was refused: stable codes ({@code NO_FACE}, {@code BLURRY}, {@code IMAGE_TRUNCATED}, …)
 * @param advice what the person can do about each reason, in the same order
 * @param quality the detector's confidence in the face, when one was found
 */
public record ImageVerdict(
    int index, boolean accepted, List<String> reasons, List<String> advice, Optional<Double> quality) {
  public ImageVerdict {
    reasons = List.copyOf(reasons);
    advice = List.copyOf(advice);
  }
}

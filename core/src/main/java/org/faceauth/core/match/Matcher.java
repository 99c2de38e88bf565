package org.faceauth.core.match;

import java.util.List;
import org.faceauth.core.embed.Embedding;

/** Decides whether a probe embedding belongs to the owner of some templates. Pure: no I/O, thread-safe. */
public interface Matcher {
  /**
   * Compares {@code probe} with every template and decides at {@code threshold}.
   *
   * @throws IllegalArgumentException if {@code templates} is empty
   * @throws org.faceauth.core.embed.EmbeddingMismatchException if a template comes from another model
   */
  MatchResult match(Embedding probe, List<Embedding> templates, double threshold);
}

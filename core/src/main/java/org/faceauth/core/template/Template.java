package org.faceauth.core.template;

import java.time.Instant;
import java.util.Objects;
import org.faceauth.core.embed.Embedding;
import org.faceauth.core.user.UserId;

/**
 * One enrolled face of a user: the embedding, the model and detector that made it, and its quality.
 *
 * @param id unique id of this template
 * @param user whose face it is
 * @param embedding the unit-length embedding (its model id travels with it)
 * @param detector id of the detector that found the face ({@code mtcnn}, {@code yunet}, …)
 * @param quality the detector's confidence in the face, 0–1
 * @param createdAt when it was enrolled
 */
public record Template(String id, UserId user, Embedding embedding, String detector, double quality, Instant createdAt) {
  public Template {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(embedding, "embedding");
    Objects.requireNonNull(detector, "detector");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}

package org.faceauth.core.flow;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.faceauth.core.audit.AuditAction;
import org.faceauth.core.embed.Embedding;
import org.faceauth.core.match.Matcher;
import org.faceauth.core.template.IndexHit;
import org.faceauth.core.template.TemplateIndex;
import org.faceauth.core.user.UserId;

/**
 * One person, one account: an enrollment is refused when more than half of its new faces each match the same other
 * user. Chosen on faces-dev's calibration half as the rule that catches the most re-enrollments without refusing an
 * honest person (any face: 3 of 51 honest users refused; a majority: none, 49 of 50 re-enrollments caught; all faces:
 * none, 48 of 50); checked on the check half by {@code DuplicateFaceRuleTest}.
 */
final class DuplicateFacePolicy {
  private static final int CANDIDATES = 5;

  private final TemplateIndex index;
  private final Matcher matcher;
  private final FlowAudit audit;

  DuplicateFacePolicy(TemplateIndex index, Matcher matcher, FlowAudit audit) {
    this.index = index;
    this.matcher = matcher;
    this.audit = audit;
  }

  /**
   * Refuses, audited, when a majority of {@code faces} belong to one user other than {@code user}.
   *
   * @throws FaceAuthException {@link ErrorCode#DUPLICATE_FACE}
   */
  void check(UserId user, List<Embedding> faces, RequestContext context) {
    Map<UserId, Integer> matches = new HashMap<>();
    Map<UserId, Double> best = new HashMap<>();
    for (Embedding face : faces) {
      for (IndexHit hit : index.search(face, CANDIDATES)) {
        if (!hit.user().equals(user) && matcher.accepts(hit.score())) {
          matches.merge(hit.user(), 1, Integer::sum);
          best.merge(hit.user(), hit.score(), Math::max);
        }
      }
    }
    for (Map.Entry<UserId, Integer> other : matches.entrySet()) {
      if (other.getValue() * 2 > faces.size()) {
        audit.record(context, AuditAction.ENROLL, Optional.of(user.value()), Optional.of(other.getKey().value()),
            "duplicate_face", Optional.of(best.get(other.getKey())));
        throw new FaceAuthException(
            ErrorCode.DUPLICATE_FACE,
            "This face is already enrolled under another account; one person may hold one account. "
                + "An operator can override this by enrolling again with allowDuplicate=true "
                + "(the CLI's --allow-duplicate); the override is audited.");
      }
    }
  }
}

package org.faceauth.core.flow;

import java.util.List;
import java.util.Optional;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.faceauth.core.audit.AuditAction;
import org.faceauth.core.pipeline.FaceEngine;
import org.faceauth.core.pipeline.FaceResult;
import org.faceauth.core.template.IndexHit;
import org.faceauth.core.template.TemplateStore;
import org.faceauth.core.user.UserStatus;

/**
 * Identification (1:N): the index's best users for a face (once the index has caught up with what other processes
 * committed), kept when the {@link org.faceauth.core.match.Matcher} accepts their score and the user's row says they
 * are active, best first.
 */
final class Identification {
  /** Most candidates one identification may ask for: a bound on the search's memory and on what one call reveals. */
  static final int MAX_CANDIDATES = 100;

  private final FaceEngine engine;
  private final TemplateStore store;
  private final IndexSynchroniser synchroniser;
  private final FlowAudit audit;

  Identification(FaceEngine engine, TemplateStore store, IndexSynchroniser synchroniser, FlowAudit audit) {
    this.engine = engine;
    this.store = store;
    this.synchroniser = synchroniser;
    this.audit = audit;
  }

  IdentificationResult identify(byte[] image, int topK, RequestContext context) {
    if (topK < 1 || topK > MAX_CANDIDATES) {
      throw new FaceAuthException(ErrorCode.INVALID_REQUEST,
          "Ask for 1 to " + MAX_CANDIDATES + " candidates (got " + topK + ").");
    }
    long start = System.nanoTime();
    FaceResult result = engine.verificationPipeline().process(image);
    if (!result.accepted()) {
      audit.record(context, AuditAction.IDENTIFY, Optional.empty(), "no_face", Optional.empty());
      return new IdentificationResult(
          false, List.of(), engine.threshold(), FlowAudit.millisSince(start), result.timings());
    }
    synchroniser.catchUp();
    List<IndexHit> candidates = synchroniser.index().search(result.embedding().orElseThrow(), topK).stream()
        .filter(hit -> engine.matcher().accepts(hit.score()))
        .filter(hit -> store.user(hit.user()).map(u -> u.status() == UserStatus.ACTIVE).orElse(false))
        .toList();
    Optional<IndexHit> best = candidates.stream().findFirst();
    Optional<String> subject = best.map(h -> h.user().value());
    audit.record(context, AuditAction.IDENTIFY, subject, subject.isPresent() ? "match" : "unknown",
        best.map(IndexHit::score));
    return new IdentificationResult(
        true, candidates, engine.threshold(), FlowAudit.millisSince(start), result.timings());
  }
}

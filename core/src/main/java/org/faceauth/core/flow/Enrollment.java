package org.faceauth.core.flow;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.faceauth.core.align.AlignedFace;
import org.faceauth.core.audit.AuditAction;
import org.faceauth.core.detect.DetectedFace;
import org.faceauth.core.image.BgrImage;
import org.faceauth.core.image.InvalidImageException;
import org.faceauth.core.pipeline.FaceEngine;
import org.faceauth.core.pipeline.FacePipeline;
import org.faceauth.core.pipeline.FaceResult;
import org.faceauth.core.quality.QualityIssue;
import org.faceauth.core.template.Template;
import org.faceauth.core.template.TemplateStore;
import org.faceauth.core.user.User;
import org.faceauth.core.user.UserId;
import org.faceauth.core.user.UserProfile;

/**
 * Registering people and enrolling their faces: every image through the enrollment detector and quality gate, the
 * {@link DuplicateFacePolicy} unless the request overrides it, then the accepted faces stored as templates together
 * with the files the {@link FaceArchive} keeps, all or nothing.
 */
final class Enrollment {
  static final int MAX_IMAGES = 10;

  private final FaceEngine engine;
  private final TemplateStore store;
  private final FaceArchive archive;
  private final Clock clock;
  private final UserLocks locks;
  private final IndexSynchroniser index;
  private final DuplicateFacePolicy duplicates;
  private final FlowAudit audit;
  private final EnrollmentPolicy policy;

  Enrollment(
      FaceEngine engine, TemplateStore store, FaceArchive archive, Clock clock, UserLocks locks,
      IndexSynchroniser index, FlowAudit audit, EnrollmentPolicy policy) {
    this.engine = engine;
    this.policy = policy;
    this.store = store;
    this.archive = archive;
    this.clock = clock;
    this.locks = locks;
    this.index = index;
    this.duplicates = new DuplicateFacePolicy(index.index(), engine.matcher(), audit);
    this.audit = audit;
  }

  EnrollmentResult enroll(EnrollmentRequest request, RequestContext context) {
    int count = request.images().size();
    if (count == 0 || count > MAX_IMAGES) {
      throw new FaceAuthException(
          ErrorCode.INVALID_REQUEST, "Send 1 to " + MAX_IMAGES + " images to enroll (got " + count + ").");
    }
    UserProfile profile = admitted(request, context);
    FacePipeline pipeline = engine.enrollmentPipeline();
    List<ImageVerdict> verdicts = new ArrayList<>();
    List<Template> templates = new ArrayList<>();
    Optional<byte[]> crop = Optional.empty();
    for (int i = 0; i < count; i++) {
      byte[] image = request.images().get(i);
      FaceResult result;
      try {
        result = pipeline.process(image);
      } catch (InvalidImageException e) {
        verdicts.add(new ImageVerdict(i, false, List.of(e.code().name()), List.of(e.getMessage()), Optional.empty()));
        continue;
      }
      verdicts.add(verdict(i, result));
      if (result.accepted()) {
        DetectedFace face = result.subject().orElseThrow();
        templates.add(new Template(
            UUID.randomUUID().toString(), request.user(), result.embedding().orElseThrow(),
            pipeline.detector().kind().id(), face.score(), clock.instant()));
        if (crop.isEmpty() && archive.wantsCrops()) {
          crop = Optional.of(alignedJpeg(pipeline, image, face));
        }
      }
    }
    Optional<String> subject = Optional.of(request.user().value());
    if (templates.isEmpty()) {
      audit.record(context, AuditAction.ENROLL, subject, "rejected", Optional.empty());
      throw new EnrollmentRejectedException(verdicts);
    }
    if (request.onePerson() && !engine.matcher().oneIdentity(templates.stream().map(Template::embedding).toList())) {
      audit.record(context, AuditAction.ENROLL, subject, "faces_differ", Optional.empty());
      throw new FaceAuthException(ErrorCode.FACES_DIFFER,
          "The pictures show more than one person. Only the invited person may be in front of the camera.");
    }
    Optional<byte[]> alignedCrop = crop;
    index.catchUp();
    return locks.under(request.user(), () -> {
      if (!request.allowDuplicate()) {
        duplicates.check(request.user(), templates.stream().map(Template::embedding).toList(), context);
      }
      User user = storeTogether(request, profile, templates, alignedCrop, context);
      index.refresh(request.user());
      audit.record(context, AuditAction.ENROLL, subject, "accepted", Optional.empty());
      return new EnrollmentResult(user, verdicts, templates.size());
    });
  }

  User createUser(UserId userId, UserProfile profile, RequestContext context) {
    return locks.under(userId, () -> {
      User user = store.create(userId, profile);
      audit.record(context, AuditAction.CREATE_USER, Optional.of(userId.value()), "created", Optional.empty());
      return user;
    });
  }

  /** The profile to store under the enrollment policy; a refusal is audited. */
  private UserProfile admitted(EnrollmentRequest request, RequestContext context) {
    try {
      return policy.admit(store.user(request.user()), request, clock.instant());
    } catch (FaceAuthException e) {
      audit.record(context, AuditAction.ENROLL, Optional.of(request.user().value()),
          e.code().name().toLowerCase(Locale.ROOT), Optional.empty());
      throw e;
    }
  }

  /**
   * Stores the templates and the archive's files of one enrollment, all or nothing: files staged, rows written, files
   * published, then the commit; on any failure the files are discarded, the rows rolled back, and the failure audited.
   */
  private User storeTogether(
      EnrollmentRequest request, UserProfile profile, List<Template> templates, Optional<byte[]> crop,
      RequestContext context) {
    FaceArchive.Staged staged = FaceArchive.Staged.NOTHING;
    try {
      staged = archive.stage(request.user(), request.images(), crop);
      return store.enroll(request.user(), profile, templates, request.replace(), staged::publish);
    } catch (RuntimeException e) {
      try {
        staged.discard();
      } catch (RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      String code = e instanceof FaceAuthException failure ? failure.code().name() : "internal_error";
      audit.record(context, AuditAction.ENROLL, Optional.of(request.user().value()),
          "failed:" + code.toLowerCase(Locale.ROOT), Optional.empty());
      throw e;
    }
  }

  private static ImageVerdict verdict(int index, FaceResult result) {
    Optional<Double> quality = result.subject().map(DetectedFace::score);
    return switch (result.outcome()) {
      case ACCEPTED -> new ImageVerdict(index, true, List.of(), List.of(), quality);
      case NO_FACE -> new ImageVerdict(
          index, false, List.of(QualityIssue.NO_FACE.name()), List.of(QualityIssue.NO_FACE.advice()), quality);
      case LOW_QUALITY -> {
        List<QualityIssue> issues = result.quality().orElseThrow().issues();
        yield new ImageVerdict(
            index, false, issues.stream().map(Enum::name).toList(),
            issues.stream().map(QualityIssue::advice).toList(), quality);
      }
    };
  }

  private byte[] alignedJpeg(FacePipeline pipeline, byte[] image, DetectedFace face) {
    try (BgrImage decoded = pipeline.decoder().decode(image);
        AlignedFace aligned = engine.aligner().align(decoded, face.landmarks())) {
      return aligned.jpeg();
    }
  }
}

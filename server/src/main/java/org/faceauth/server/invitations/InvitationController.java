package org.faceauth.server.invitations;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.faceauth.core.detect.DetectedFace;
import org.faceauth.core.detect.Landmarks;
import org.faceauth.core.flow.EnrollmentResult;
import org.faceauth.core.pipeline.FaceEngine;
import org.faceauth.core.pipeline.FaceResult;
import org.faceauth.core.quality.QualityIssue;
import org.faceauth.core.view.EnrollmentView;
import org.faceauth.server.api.ImageInput;
import org.faceauth.server.api.Requests;
import org.faceauth.server.invitations.InvitationViews.Consent;
import org.faceauth.server.invitations.InvitationViews.EnrollFrames;
import org.faceauth.server.invitations.InvitationViews.Enrolled;
import org.faceauth.server.invitations.InvitationViews.Frame;
import org.faceauth.server.invitations.InvitationViews.FrameCheck;
import org.faceauth.server.invitations.InvitationViews.InvitationDetails;
import org.faceauth.server.openapi.OpenApiConfig;
import org.faceauth.server.problem.ApiErrorCode;
import org.faceauth.server.problem.ApiException;
import org.faceauth.server.protection.InferenceLimiter;
import org.faceauth.server.security.InvitationAuthentication;
import org.faceauth.store.invitations.Invitation;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The enrollment page's calls, authenticated by the invitation's secret ({@code Authorization: Invitation <secret>}),
 * never by an API key: read the invitation, accept the consent text, then (no face is processed before consent) check
 * camera frames one at a time against the quality gate for live advice, and enroll the accepted frames once.
 */
@RestController
@RequestMapping("/api/v1/invitation")
@Tag(name = "Invitation", description = "The enrollment page's calls, with an invitation's secret")
@SecurityRequirement(name = OpenApiConfig.INVITATION)
public class InvitationController {
  /** Largest frame the page sends: a webcam JPEG is a few tens of kilobytes. */
  static final int MAX_FRAME_BYTES = 2 * 1024 * 1024;

  /** What the invited person reads and accepts; the time they accept it is recorded with their enrollment. */
  static final String CONSENT_TEXT = "I agree that this service processes pictures of my face to create a face "
      + "template (a set of numbers describing my face) and stores that template to recognise me when I log in. "
      + "The pictures themselves are not kept unless the operator's retention policy says so. I can ask the "
      + "operator to erase my templates and my account at any time.";

  private final InvitationEnrollment enrollment;
  private final FaceEngine engine;
  private final InferenceLimiter limiter;

  InvitationController(InvitationEnrollment enrollment, FaceEngine engine, InferenceLimiter limiter) {
    this.enrollment = enrollment;
    this.engine = engine;
    this.limiter = limiter;
  }

  @GetMapping
  @Operation(summary = "Who is invited, until when, and the consent text (opening is audited)")
  InvitationDetails open(HttpServletRequest request) {
    return details(enrollment.open(held(request), Requests.context(request)));
  }

  @PostMapping(value = "/consent", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Accept the consent text (recorded and audited)")
  InvitationDetails consent(@RequestBody Consent body, HttpServletRequest request) {
    if (body == null || !Boolean.TRUE.equals(body.consent())) {
      throw new FaceAuthException(ErrorCode.CONSENT_REQUIRED, "Send {\"consent\": true} to accept the consent text.");
    }
    return details(enrollment.consent(held(request), Requests.context(request)));
  }

  @PostMapping(value = "/check", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Check one camera frame against the enrollment quality gate, after consent (nothing stored)")
  FrameCheck check(@RequestBody Frame body, HttpServletRequest request) {
    if (enrollment.pending(held(request)).consentedAt().isEmpty()) {
      throw new FaceAuthException(ErrorCode.CONSENT_REQUIRED,
          "Read and accept the consent text before the camera's pictures are checked.");
    }
    if (body == null) {
      throw new ApiException(ApiErrorCode.BAD_REQUEST, "Send {\"image\": base64}.");
    }
    byte[] image = frame(body.image());
    FaceResult result = limiter.run(() -> engine.enrollmentPipeline().process(image));
    List<QualityIssue> issues = switch (result.outcome()) {
      case ACCEPTED -> List.of();
      case NO_FACE -> List.of(QualityIssue.NO_FACE);
      case LOW_QUALITY -> result.quality().orElseThrow().issues();
    };
    Double turn = null;
    Double tilt = null;
    if (result.subject().isPresent()) {
      DetectedFace face = result.subject().get();
      Landmarks points = face.landmarks();
      double eyes = Math.max(1e-6, points.interEyeDistance());
      double midX = (points.leftEye().x() + points.rightEye().x()) / 2;
      double midY = (points.leftEye().y() + points.rightEye().y()) / 2;
      turn = (points.nose().x() - midX) / eyes;
      tilt = (points.nose().y() - midY) / eyes;
    }
    return new FrameCheck(result.accepted(), issues.stream().map(Enum::name).toList(),
        issues.stream().map(QualityIssue::advice).toList(), turn, tilt);
  }

  @PostMapping(value = "/enroll", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Enroll 3 to 10 frames as the invited user; uses the invitation up (one wins)")
  ResponseEntity<Enrolled> enroll(@RequestBody EnrollFrames body, HttpServletRequest request) {
    if (body == null || body.frames() == null) {
      throw new ApiException(ApiErrorCode.BAD_REQUEST, "Send {\"consent\": true, \"frames\": [base64, ...]}.");
    }
    if (body.frames().size() > InvitationEnrollment.MAX_FRAMES) {
      throw new FaceAuthException(ErrorCode.INVALID_REQUEST,
          "Send at most " + InvitationEnrollment.MAX_FRAMES + " frames.");
    }
    List<byte[]> frames = body.frames().stream().map(InvitationController::frame).toList();
    EnrollmentResult result = enrollment.enroll(held(request), Boolean.TRUE.equals(body.consent()), frames,
        Requests.context(request));
    return ResponseEntity.status(HttpStatus.CREATED).body(new Enrolled(result.user().id().value(),
        result.templatesAdded(), EnrollmentView.verdicts(result.verdicts())));
  }

  private static byte[] frame(String base64) {
    if (base64 != null && base64.length() > MAX_FRAME_BYTES / 3 * 4 + 100) {
      throw new FaceAuthException(ErrorCode.IMAGE_TOO_LARGE,
          "A frame is at most " + MAX_FRAME_BYTES / 1024 + " KiB; send a webcam-sized JPEG.");
    }
    return ImageInput.ofBase64(base64, "frame");
  }

  private static Invitation held(HttpServletRequest request) {
    return InvitationAuthentication.of(request).orElseThrow(() -> new ApiException(ApiErrorCode.UNAUTHORIZED,
        "This invitation link is not valid; ask for a new one."));
  }

  private static InvitationDetails details(Invitation invitation) {
    return new InvitationDetails(invitation.userId(), invitation.displayName().orElse(null), invitation.expiresAt(),
        CONSENT_TEXT, invitation.consentedAt().isPresent(), InvitationEnrollment.MIN_FRAMES,
        InvitationEnrollment.MAX_FRAMES, invitation.replaceExisting());
  }
}

package org.faceauth.store.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.faceauth.core.flow.EnrollmentRequest;
import org.faceauth.core.flow.FaceAuthService;
import org.faceauth.core.flow.RequestContext;
import org.faceauth.core.flow.VerificationOutcome;
import org.faceauth.core.flow.VerificationResult;
import org.faceauth.core.liveness.Challenge;
import org.faceauth.core.liveness.ChallengeInstruction;
import org.faceauth.core.testing.TestData;
import org.faceauth.core.user.UserId;
import org.faceauth.store.testing.BackendKind;
import org.faceauth.store.testing.TestSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The active challenge on real photos of one person: a frontal photo then one with the head turned to his right
 * (yaw −0.52) answers "turn right", and fails "turn left", a still burst, a burst of two people and a replayed nonce.
 */
class ActiveChallengeTest {
  private static final UserId BILL = UserId.of("Bill_Frist");
  private static final byte[] FRONTAL = TestData.bytes("test/known_faces/Bill_Frist_1.jpg");
  private static final byte[] TURNED_RIGHT = TestData.bytes("users/Bill_Frist/2.jpg");
  private static final byte[] SOMEONE_ELSE_TURNED = TestData.bytes("users/Vaclav_Havel/1.jpg");

  @TempDir Path folder;

  private static Challenge challenge(FaceAuthService service, ChallengeInstruction wanted) {
    for (int i = 0; i < 100; i++) {
      Challenge c = service.issueChallenge(BILL, RequestContext.cli());
      if (c.instruction() == wanted) {
        return c;
      }
    }
    throw new AssertionError("never asked " + wanted);
  }

  @Test
  void theInstructedTurnPassesAndEverythingElseFails() {
    try (TestSystem test = new TestSystem(BackendKind.SQLITE, folder)) {
      FaceAuthService service = test.service();
      service.enroll(EnrollmentRequest.of(BILL, List.of(
          TestData.bytes("users/Bill_Frist/1.jpg"), TestData.bytes("users/Bill_Frist/3.jpg"),
          TestData.bytes("users/Bill_Frist/4.jpg"))), RequestContext.cli());

      Challenge right = challenge(service, ChallengeInstruction.TURN_RIGHT);
      VerificationResult passed =
          service.verifyChallenge(BILL, right.nonce(), List.of(FRONTAL, TURNED_RIGHT), RequestContext.cli());
      assertThat(passed.outcome()).isEqualTo(VerificationOutcome.MATCH);
      assertThat(passed.liveness().orElseThrow().live()).isTrue();
      assertThat(passed.liveness().orElseThrow().checks()).contains("passive:minifasnet", "challenge:turn_right");

      assertThatThrownBy(() -> service.verifyChallenge(BILL, right.nonce(), List.of(FRONTAL, TURNED_RIGHT),
              RequestContext.cli()))
          .isInstanceOfSatisfying(FaceAuthException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.CHALLENGE_UNKNOWN));

      Challenge left = challenge(service, ChallengeInstruction.TURN_LEFT);
      VerificationResult wrongWay =
          service.verifyChallenge(BILL, left.nonce(), List.of(FRONTAL, TURNED_RIGHT), RequestContext.cli());
      assertThat(wrongWay.outcome()).isEqualTo(VerificationOutcome.CHALLENGE_FAILED);
      assertThat(wrongWay.match()).isFalse();
      assertThat(wrongWay.liveness().orElseThrow().live()).isFalse();

      Challenge still = challenge(service, ChallengeInstruction.TURN_RIGHT);
      assertThat(service.verifyChallenge(BILL, still.nonce(), List.of(FRONTAL, FRONTAL, FRONTAL),
          RequestContext.cli()).outcome()).isEqualTo(VerificationOutcome.CHALLENGE_FAILED);

      Challenge swapped = challenge(service, ChallengeInstruction.TURN_RIGHT);
      assertThat(service.verifyChallenge(BILL, swapped.nonce(), List.of(FRONTAL, SOMEONE_ELSE_TURNED),
          RequestContext.cli()).outcome()).isEqualTo(VerificationOutcome.CHALLENGE_FAILED);
    }
  }
}

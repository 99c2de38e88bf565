package org.faceauth.store.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.faceauth.core.flow.EnrollmentRequest;
import org.faceauth.core.flow.LoginPolicy;
import org.faceauth.core.flow.RequestContext;
import org.faceauth.core.flow.VerificationOutcome;
import org.faceauth.core.flow.VerificationResult;
import org.faceauth.core.liveness.LivenessPolicy;
import org.faceauth.core.testing.TestData;
import org.faceauth.core.user.UserId;
import org.faceauth.store.FaceAuthSystem;
import org.faceauth.store.testing.BackendKind;
import org.faceauth.store.testing.Faces;
import org.faceauth.store.testing.TestSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verification requires a live face by default: the enrolled person's live webcam frame matches, the same person
 * replayed on a phone is a spoof, a normal negative result with its liveness verdict.
 */
class VerificationLivenessTest {
  private static final UserId PERSON = UserId.of("apfol");

  @TempDir Path folder;

  @Test
  void aReplayOfTheEnrolledPersonIsRefusedAsASpoofWhileTheLiveFramePasses() {
    try (TestSystem test = new TestSystem(BackendKind.SQLITE, folder);
        FaceAuthSystem enforcing =
            FaceAuthSystem.open(test.settings(), TestData.engine(), Clock.systemUTC(), LivenessPolicy.DEFAULT,
                LoginPolicy.DEFAULT)) {
      List<byte[]> liveFrames = TestData.images("test/spoof/live").stream()
          .filter(p -> p.getFileName().toString().startsWith("apfol_real2_0"))
          .map(Faces::read)
          .toList();
      enforcing.service().enroll(EnrollmentRequest.of(PERSON, liveFrames.subList(0, 4)), RequestContext.cli());

      VerificationResult live = enforcing.service().verify(PERSON, liveFrames.get(6), RequestContext.cli());
      assertThat(live.outcome()).isEqualTo(VerificationOutcome.MATCH);
      assertThat(live.liveness().orElseThrow().live()).isTrue();
      assertThat(live.liveness().orElseThrow().checks()).containsExactly("passive:minifasnet");

      byte[] replay = TestData.bytes("test/spoof/replay/apfol_fake2_03.jpg");
      VerificationResult spoof = enforcing.service().verify(PERSON, replay, RequestContext.cli());
      assertThat(spoof.outcome()).isEqualTo(VerificationOutcome.SPOOF);
      assertThat(spoof.match()).isFalse();
      assertThat(spoof.liveness().orElseThrow().live()).isFalse();
      assertThat(spoof.liveness().orElseThrow().score()).isLessThan(0.5);
      assertThat(enforcing.auditLog().recent(1).get(0).outcome()).isEqualTo("spoof");

      test.service().reloadIndex();
      VerificationResult reported = test.service().verify(PERSON, replay, RequestContext.cli());
      assertThat(reported.outcome()).isNotEqualTo(VerificationOutcome.SPOOF);
      assertThat(reported.liveness().orElseThrow().live()).isFalse();
    }
  }
}

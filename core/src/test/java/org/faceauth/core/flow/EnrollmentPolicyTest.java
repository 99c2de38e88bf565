package org.faceauth.core.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.faceauth.core.user.User;
import org.faceauth.core.user.UserId;
import org.faceauth.core.user.UserProfile;
import org.faceauth.core.user.UserStatus;
import org.junit.jupiter.api.Test;

/**
 * Who may be enrolled: an unknown id only when the request asks to create the user; with consent required, only a
 * person whose consent is recorded or given in the request, the time of consent given now being recorded.
 */
class EnrollmentPolicyTest {
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private static final UserId ALICE = UserId.of("alice");

  private static EnrollmentRequest request(boolean createUser, boolean consent) {
    return new EnrollmentRequest(ALICE, UserProfile.EMPTY, List.of(new byte[] {1}), false, false, createUser, consent);
  }

  private static User stored(Optional<Instant> consentAt) {
    return new User(ALICE, new UserProfile(Optional.empty(), Optional.empty(), consentAt), UserStatus.ACTIVE, 0,
        NOW.minusSeconds(60), NOW.minusSeconds(60));
  }

  private static ErrorCode refusal(EnrollmentPolicy policy, Optional<User> existing, EnrollmentRequest request) {
    try {
      policy.admit(existing, request, NOW);
      return null;
    } catch (FaceAuthException e) {
      return e.code();
    }
  }

  @Test
  void anUnknownIdIsRefusedUnlessTheRequestAsksToCreateTheUser() {
    assertThat(refusal(EnrollmentPolicy.CONSENT_REQUIRED, Optional.empty(), request(false, true)))
        .isEqualTo(ErrorCode.USER_NOT_FOUND);
    assertThat(refusal(EnrollmentPolicy.CONSENT_OPTIONAL, Optional.empty(), request(false, false)))
        .isEqualTo(ErrorCode.USER_NOT_FOUND);
    assertThat(refusal(EnrollmentPolicy.CONSENT_REQUIRED, Optional.empty(), request(true, true))).isNull();
  }

  @Test
  void withConsentRequiredOnlyRecordedOrGivenConsentIsAdmitted() {
    assertThat(refusal(EnrollmentPolicy.CONSENT_REQUIRED, Optional.empty(), request(true, false)))
        .isEqualTo(ErrorCode.CONSENT_REQUIRED);
    assertThat(refusal(EnrollmentPolicy.CONSENT_REQUIRED, Optional.of(stored(Optional.empty())), request(false, false)))
        .isEqualTo(ErrorCode.CONSENT_REQUIRED);
    assertThat(refusal(EnrollmentPolicy.CONSENT_REQUIRED, Optional.of(stored(Optional.of(NOW))), request(false, false)))
        .isNull();
    assertThat(refusal(EnrollmentPolicy.CONSENT_OPTIONAL, Optional.empty(), request(true, false))).isNull();
  }

  @Test
  void consentGivenNowIsRecordedWithItsTimeAndNeverInvented() {
    assertThat(EnrollmentPolicy.CONSENT_REQUIRED.admit(Optional.empty(), request(true, true), NOW).consentAt())
        .contains(NOW);
    assertThat(EnrollmentPolicy.CONSENT_OPTIONAL.admit(Optional.empty(), request(true, false), NOW).consentAt())
        .isEmpty();
  }
}

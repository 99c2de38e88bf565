package org.faceauth.store.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.faceauth.core.audit.AuditAction;
import org.faceauth.core.audit.AuditEvent;
import org.faceauth.core.flow.EnrollmentRequest;
import org.faceauth.core.flow.FaceAuthService;
import org.faceauth.core.flow.LoginPolicy;
import org.faceauth.core.flow.RequestContext;
import org.faceauth.core.flow.VerificationOutcome;
import org.faceauth.core.flow.VerificationResult;
import org.faceauth.core.liveness.LivenessPolicy;
import org.faceauth.core.testing.TestData;
import org.faceauth.core.user.UserId;
import org.faceauth.core.user.UserStatus;
import org.faceauth.store.FaceAuthSystem;
import org.faceauth.store.testing.BackendKind;
import org.faceauth.store.testing.Faces;
import org.faceauth.store.testing.TestSystem;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Anonymous callers (the hosted login page) cannot lock other people out: their failures lock the user id only for
 * their own network, and the id for every anonymous caller only after {@code maxFailuresAcrossNetworks} failures from
 * all networks together, which a success does not forgive. Trusted callers (API keys, the command line) keep their own
 * count per user id, which anonymous failures do not touch. On SQLite and PostgreSQL.
 */
class AnonymousLockoutTest {
  /** Two failures lock one network, four from all networks lock the id. */
  private static final LoginPolicy POLICY =
      new LoginPolicy(2, Duration.ofMinutes(15), Duration.ofMinutes(15), true, 4);

  @TempDir Path folder;

  private static RequestContext visitorFrom(String address) {
    return new RequestContext("oidc:test-app", Optional.empty(), Optional.of(address), true);
  }

  private static VerificationOutcome stranger(FaceAuthService service, UserId id, String address) {
    return service.verify(id, Faces.stranger(), visitorFrom(address)).outcome();
  }

  private static VerificationOutcome owner(FaceAuthService service, UserId id, RequestContext context) {
    return service.verify(id, Faces.probe(0), context).outcome();
  }

  /** The system on {@code test}'s store under this test's lockout {@link #POLICY}, liveness only reported. */
  private static FaceAuthSystem openWithPolicy(TestSystem test) {
    return FaceAuthSystem.open(
        test.settings(), TestData.engine(), Clock.systemUTC(), LivenessPolicy.REPORT_ONLY, POLICY);
  }

  private static List<String> lockouts(FaceAuthSystem system, UserId id) {
    return system.auditLog().recent(200).stream()
        .filter(e -> e.action() == AuditAction.LOCKOUT && e.subject().equals(Optional.of(id.value())))
        .map(AuditEvent::outcome).toList();
  }

  @ParameterizedTest
  @EnumSource(BackendKind.class)
  void aStrangerLocksOnlyTheirOwnNetwork_theOwnerStillLogsInFromAnotherAndOverTheApi(BackendKind kind) {
    try (TestSystem test = new TestSystem(kind, folder);
        FaceAuthSystem system = openWithPolicy(test)) {
      FaceAuthService service = system.service();
      UserId victim = Faces.user(0);
      service.enroll(EnrollmentRequest.of(victim, Faces.enrollment(0)), RequestContext.cli());

      assertThat(stranger(service, victim, "198.51.100.7")).isEqualTo(VerificationOutcome.NO_MATCH);
      assertThat(stranger(service, victim, "198.51.100.7")).isEqualTo(VerificationOutcome.NO_MATCH);

      assertThat(owner(service, victim, visitorFrom("198.51.100.7")))
          .as("the stranger's network is locked, even for the right face").isEqualTo(VerificationOutcome.LOCKED);
      assertThat(owner(service, victim, visitorFrom("203.0.113.9")))
          .as("the owner, from another network").isEqualTo(VerificationOutcome.MATCH);
      assertThat(owner(service, victim, RequestContext.cli()))
          .as("a trusted caller's count is its own").isEqualTo(VerificationOutcome.MATCH);
      assertThat(lockouts(system, victim)).containsExactly("locked_for_900s_from_this_network");
      assertThat(system.users().summary(victim, Instant.now()).orElseThrow().locked())
          .as("the console does not show a user locked by a stranger's own lock").isFalse();
    }
  }

  @ParameterizedTest
  @EnumSource(BackendKind.class)
  void failuresFromManyNetworksLockTheIdForEveryAnonymousCaller_untilAnOperatorUnlocksIt(BackendKind kind) {
    try (TestSystem test = new TestSystem(kind, folder);
        FaceAuthSystem system = openWithPolicy(test)) {
      FaceAuthService service = system.service();
      UserId victim = Faces.user(0);
      service.enroll(EnrollmentRequest.of(victim, Faces.enrollment(0)), RequestContext.cli());

      assertThat(stranger(service, victim, "198.51.100.7")).isEqualTo(VerificationOutcome.NO_MATCH);
      assertThat(stranger(service, victim, "198.51.100.7")).isEqualTo(VerificationOutcome.NO_MATCH);
      assertThat(stranger(service, victim, "2001:db8:1:2::10")).isEqualTo(VerificationOutcome.NO_MATCH);
      assertThat(owner(service, victim, visitorFrom("2001:db8:1:2::20")))
          .as("a match forgives its network's failures").isEqualTo(VerificationOutcome.MATCH);
      assertThat(stranger(service, victim, "2001:db8:1:2::30"))
          .as("but not the id's across networks: this is the fourth").isEqualTo(VerificationOutcome.NO_MATCH);

      assertThat(owner(service, victim, visitorFrom("203.0.113.9")))
          .as("a fresh network, the right face: the id is locked for every anonymous caller")
          .isEqualTo(VerificationOutcome.LOCKED);
      assertThat(lockouts(system, victim)).contains("locked_for_900s_from_every_network");
      assertThat(system.users().summary(victim, Instant.now()).orElseThrow().locked())
          .as("shown locked in the console").isTrue();
      assertThat(owner(service, victim, RequestContext.cli()))
          .as("trusted callers are not locked by anonymous failures").isEqualTo(VerificationOutcome.MATCH);

      assertThat(service.unlock(victim, RequestContext.cli())).isTrue();
      assertThat(owner(service, victim, visitorFrom("198.51.100.7")))
          .as("the unlock forgets every network's lock").isEqualTo(VerificationOutcome.MATCH);
      assertThat(owner(service, victim, visitorFrom("203.0.113.9"))).isEqualTo(VerificationOutcome.MATCH);
    }
  }

  @ParameterizedTest
  @EnumSource(BackendKind.class)
  void anUnlockClearsTheLocksOfThatIdOnly_notOfAnIdAPatternWouldConfuseWithIt(BackendKind kind) {
    try (TestSystem test = new TestSystem(kind, folder);
        FaceAuthSystem system = openWithPolicy(test)) {
      FaceAuthService service = system.service();
      UserId victim = Faces.user(0);
      UserId lookalike = UserId.of(victim.value().toLowerCase(Locale.ROOT).replace('_', '-'));
      service.enroll(EnrollmentRequest.of(victim, Faces.enrollment(0)), RequestContext.cli());
      for (int i = 0; i < POLICY.maxFailures(); i++) {
        stranger(service, lookalike, "198.51.100.7");
      }

      assertThat(service.unlock(victim, RequestContext.cli())).as("nothing of the victim's to forget").isFalse();
      assertThat(owner(service, lookalike, visitorFrom("198.51.100.7"))).isEqualTo(VerificationOutcome.LOCKED);
      assertThat(owner(service, victim, visitorFrom("198.51.100.7"))).isEqualTo(VerificationOutcome.MATCH);
    }
  }

  @ParameterizedTest
  @EnumSource(BackendKind.class)
  void aDisabledAccountIsRefusedToAnonymousCallersOnlyAfterTheInference_andLocksLikeAnyOther(BackendKind kind) {
    try (TestSystem test = new TestSystem(kind, folder);
        FaceAuthSystem system = openWithPolicy(test)) {
      FaceAuthService service = system.service();
      UserId disabled = Faces.user(0);
      service.enroll(EnrollmentRequest.of(disabled, Faces.enrollment(0)), RequestContext.cli());
      assertThat(system.accountStatus().set(disabled, UserStatus.DISABLED, RequestContext.cli())).isTrue();

      for (int i = 0; i < POLICY.maxFailures(); i++) {
        VerificationResult refused = service.verify(disabled, Faces.probe(0), visitorFrom("198.51.100.7"));
        assertThat(refused.outcome()).isEqualTo(VerificationOutcome.USER_DISABLED);
        assertThat(refused.stages().total()).as("decided after the same inference as a no-match").isPositive();
      }
      assertThat(owner(service, disabled, visitorFrom("198.51.100.7"))).as("and counted like one")
          .isEqualTo(VerificationOutcome.LOCKED);

      VerificationResult trusted = service.verify(disabled, Faces.probe(0), RequestContext.cli());
      assertThat(trusted.outcome()).isEqualTo(VerificationOutcome.USER_DISABLED);
      assertThat(trusted.stages().total()).as("a trusted caller is told at once").isZero();
    }
  }
}

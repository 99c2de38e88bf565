package org.faceauth.store.invitations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.faceauth.core.user.UserId;
import org.faceauth.store.invitations.Invitation.Status;
import org.faceauth.store.invitations.InvitationStore.IssuedInvitation;
import org.faceauth.store.jdbc.Database;
import org.faceauth.store.keys.ApiKeyStore;
import org.faceauth.store.testing.Backend;
import org.faceauth.store.testing.BackendKind;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Invitations on SQLite and PostgreSQL alike: the secret is stored only as its hash and finds its invitation; an
 * invitation is consumed once (of many concurrent consumers exactly one wins), can be restored after an enrollment
 * that stored nothing, and a used, revoked or expired one cannot be consumed or consented to.
 */
class InvitationStoreTest {
  @TempDir Path folder;

  /** A clock the test moves. */
  private static final class MovableClock extends Clock {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-05-01T10:00:00Z"));

    void advance(Duration by) {
      now.updateAndGet(t -> t.plus(by));
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  }

  private interface Body {
    void run(InvitationStore store, MovableClock clock, Database database) throws Exception;
  }

  private void with(BackendKind kind, Body body) throws Exception {
    Backend backend = kind.create(folder);
    MovableClock clock = new MovableClock();
    try (Database database = Database.open(backend.url())) {
      body.run(new InvitationStore(database, clock), clock, database);
    } finally {
      backend.drop();
    }
  }

  @ParameterizedTest
  @EnumSource(BackendKind.class)
  void theSecretIsStoredOnlyAsItsHashAndFindsItsInvitation(BackendKind kind) throws Exception {
    with(kind, (store, clock, database) -> {
      IssuedInvitation issued = store.create(UserId.of("ada"), Optional.of(" Ada Lovelace "), Duration.ofHours(2),
          "key:admin", false);
      Invitation invitation = issued.invitation();
      assertThat(invitation.userId()).isEqualTo("ada");
      assertThat(invitation.displayName()).contains("Ada Lovelace");
      assertThat(invitation.expiresAt()).isEqualTo(invitation.createdAt().plus(Duration.ofHours(2)));
      assertThat(invitation.status(clock.instant())).isEqualTo(Status.PENDING);
      assertThat(issued.secret()).startsWith("inv_").hasSizeGreaterThan(40);

      List<String> stored = database.query(c -> {
        List<String> values = new ArrayList<>();
        try (var select = c.prepareStatement("SELECT * FROM invitations");
            var rows = select.executeQuery()) {
          while (rows.next()) {
            for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
              values.add(String.valueOf(rows.getObject(i)));
            }
          }
        }
        return values;
      });
      assertThat(stored).doesNotContain(issued.secret()).contains(ApiKeyStore.hash(issued.secret()));
      assertThat(store.bySecret(issued.secret())).contains(invitation);
      assertThat(store.bySecret(issued.secret() + "x")).isEmpty();
      assertThat(store.bySecret("not-an-invitation")).isEmpty();
      assertThat(store.list(10)).containsExactly(invitation);
    });
  }

  @ParameterizedTest
  @EnumSource(BackendKind.class)
  void ofManyConcurrentConsumersExactlyOneWins(BackendKind kind) throws Exception {
    with(kind, (store, clock, database) -> {
      String id = store.create(UserId.of("bob"), Optional.empty(), Duration.ofHours(1), "cli", false)
          .invitation().id();
      int contenders = 8;
      ExecutorService pool = Executors.newFixedThreadPool(contenders);
      try {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Optional<Instant>>> results = new ArrayList<>();
        for (int i = 0; i < contenders; i++) {
          Callable<Optional<Instant>> consume = () -> {
            start.await();
            return store.consume(id);
          };
          results.add(pool.submit(consume));
        }
        start.countDown();
        int winners = 0;
        for (Future<Optional<Instant>> result : results) {
          winners += result.get().isPresent() ? 1 : 0;
        }
        assertThat(winners).isEqualTo(1);
      } finally {
        pool.shutdownNow();
      }
      assertThat(store.byId(id).orElseThrow().status(clock.instant())).isEqualTo(Status.USED);
      assertThat(store.recordConsent(id)).as("no consent on a used invitation").isFalse();
      assertThat(store.revoke(id)).as("a used invitation is not revoked").isFalse();
    });
  }

  @ParameterizedTest
  @EnumSource(BackendKind.class)
  void anEnrollmentThatStoredNothingGivesTheInvitationBack(BackendKind kind) throws Exception {
    with(kind, (store, clock, database) -> {
      String id = store.create(UserId.of("cy"), Optional.empty(), Duration.ofHours(1), "cli", false)
          .invitation().id();
      Instant usedAt = store.consume(id).orElseThrow();
      store.restore(id, usedAt);
      assertThat(store.byId(id).orElseThrow().status(clock.instant())).isEqualTo(Status.PENDING);
      assertThat(store.consume(id)).isPresent();
    });
  }

  @ParameterizedTest
  @EnumSource(BackendKind.class)
  void revokedAndExpiredInvitationsCannotBeConsumedNorConsentedTo(BackendKind kind) throws Exception {
    with(kind, (store, clock, database) -> {
      String revoked = store.create(UserId.of("dee"), Optional.empty(), Duration.ofHours(1), "cli", false)
          .invitation().id();
      String expiring =
          store.create(UserId.of("eve"), Optional.empty(), Duration.ofMinutes(5), "cli", false).invitation().id();
      assertThat(store.revoke(revoked)).isTrue();
      assertThat(store.revoke(revoked)).as("revoked once").isFalse();
      assertThat(store.consume(revoked)).isEmpty();
      assertThat(store.recordConsent(revoked)).isFalse();
      assertThat(store.byId(revoked).orElseThrow().status(clock.instant())).isEqualTo(Status.REVOKED);

      assertThat(store.recordConsent(expiring)).isTrue();
      clock.advance(Duration.ofMinutes(5));
      assertThat(store.byId(expiring).orElseThrow().status(clock.instant())).isEqualTo(Status.EXPIRED);
      assertThat(store.consume(expiring)).isEmpty();
      assertThat(store.revoke(expiring)).isFalse();
    });
  }

  @ParameterizedTest
  @EnumSource(BackendKind.class)
  void aLifetimeOutsideOneMinuteToThirtyDaysIsRefused(BackendKind kind) throws Exception {
    with(kind, (store, clock, database) -> {
      for (Duration ttl : List.of(Duration.ofSeconds(59), Duration.ofDays(30).plusMinutes(1))) {
        assertThatThrownBy(() -> store.create(UserId.of("fay"), Optional.empty(), ttl, "cli", false))
            .isInstanceOfSatisfying(FaceAuthException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST));
      }
      assertThat(store.list(10)).isEmpty();
    });
  }
}

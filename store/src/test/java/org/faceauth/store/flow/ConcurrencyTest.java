package org.faceauth.store.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.faceauth.core.flow.EnrollmentRequest;
import org.faceauth.core.flow.FaceAuthService;
import org.faceauth.core.flow.RequestContext;
import org.faceauth.core.flow.VerificationResult;
import org.faceauth.core.user.User;
import org.faceauth.core.user.UserId;
import org.faceauth.core.user.UserProfile;
import org.faceauth.store.testing.BackendKind;
import org.faceauth.store.testing.Faces;
import org.faceauth.store.testing.TestSystem;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Enroll, verify, identify and erase from many threads at once stay consistent: index = store, no stray errors, and
 * afterwards every enrolled person is identified as themselves and no erased one is found.
 */
class ConcurrencyTest {
  private static final int THREADS = 8;
  private static final int OPERATIONS = 160;

  @TempDir Path folder;

  @ParameterizedTest
  @EnumSource(BackendKind.class)
  void concurrentFlowsKeepTheIndexEqualToTheStore(BackendKind kind) throws Exception {
    try (TestSystem test = new TestSystem(kind, folder)) {
      FaceAuthService service = test.service();
      int people = Faces.PEOPLE.size();
      List<List<byte[]>> photos = new ArrayList<>();
      List<byte[]> probes = new ArrayList<>();
      for (int i = 0; i < people; i++) {
        photos.add(Faces.enrollment(i).subList(0, 2));
        probes.add(Faces.probe(i));
      }
      AtomicInteger falseMatches = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      List<Future<?>> work = new ArrayList<>();
      for (int op = 0; op < OPERATIONS; op++) {
        Random random = new Random(op);
        int person = random.nextInt(people);
        int action = random.nextInt(10);
        work.add(pool.submit(() -> {
          UserId user = Faces.user(person);
          if (action < 3) {
            service.enroll(new EnrollmentRequest(user, UserProfile.EMPTY, photos.get(person), action == 0, true),
                RequestContext.cli());
          } else if (action < 4) {
            service.erase(user, RequestContext.cli());
          } else if (action < 8) {
            try {
              VerificationResult result = service.verify(Faces.user((person + 1) % people), probes.get(person),
                  RequestContext.cli());
              if (result.match()) {
                falseMatches.incrementAndGet();
              }
            } catch (FaceAuthException e) {
              assertThat(e.code()).isIn(ErrorCode.USER_NOT_FOUND, ErrorCode.NO_TEMPLATES_FOR_MODEL);
            }
          } else {
            service.identify(probes.get(person), 3, RequestContext.cli()).candidates()
                .forEach(hit -> assertThat(hit.user()).isEqualTo(user));
          }
          return null;
        }));
      }
      for (Future<?> f : work) {
        f.get();
      }
      pool.shutdown();

      Map<UserId, Integer> stored = service.users().stream()
          .filter(u -> u.templates() > 0)
          .collect(Collectors.toMap(User::id, User::templates));
      assertThat(service.index().users()).isEqualTo(stored);
      assertThat(test.system().auditLog().recent(1000)).hasSizeGreaterThanOrEqualTo(OPERATIONS);
      assertThat(falseMatches).hasValue(0);
      test.service().reloadIndex();
      assertThat(service.index().users()).isEqualTo(stored);

      service.enroll(new EnrollmentRequest(Faces.user(0), UserProfile.EMPTY, photos.get(0), true, true),
          RequestContext.cli());
      for (int person = 0; person < people; person++) {
        List<UserId> found = service.identify(probes.get(person), 3, RequestContext.cli()).candidates().stream()
            .map(hit -> hit.user()).toList();
        if (person == 0 || stored.containsKey(Faces.user(person))) {
          assertThat(found).as("identify %s after the concurrent flows", Faces.user(person))
              .containsExactly(Faces.user(person));
        } else {
          assertThat(found).as("identify erased %s", Faces.user(person)).isEmpty();
        }
      }
    }
  }
}

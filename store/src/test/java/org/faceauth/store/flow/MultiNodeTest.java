package org.faceauth.store.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.faceauth.core.flow.EnrollmentRequest;
import org.faceauth.core.flow.RequestContext;
import org.faceauth.store.FaceAuthSystem;
import org.faceauth.store.testing.BackendKind;
import org.faceauth.store.testing.Faces;
import org.faceauth.store.testing.TestSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two service instances on one PostgreSQL database: a write on either shows in the other's index (LISTEN/NOTIFY). */
class MultiNodeTest {
  private static final Duration PATIENCE = Duration.ofSeconds(10);

  @TempDir Path folder;

  @Test
  void nodesOnOnePostgresDatabaseFollowEachOthersWrites() throws Exception {
    try (TestSystem test = new TestSystem(BackendKind.POSTGRESQL, folder)) {
      FaceAuthSystem nodeA = test.system();
      FaceAuthSystem nodeB = test.open(test.settings());
      assertThat(nodeB.service().index().size()).isZero();

      nodeA.service().enroll(EnrollmentRequest.of(Faces.user(0), Faces.enrollment(0)), RequestContext.cli());
      int templates = nodeA.service().user(Faces.user(0)).orElseThrow().templates();
      eventually(() -> nodeB.service().index().users().getOrDefault(Faces.user(0), 0) == templates);
      assertThat(nodeB.service().identify(Faces.probe(0), 1, RequestContext.cli()).candidates().get(0).user())
          .isEqualTo(Faces.user(0));
      assertThat(nodeB.service().verify(Faces.user(0), Faces.probe(0), RequestContext.cli()).match()).isTrue();

      nodeB.service().enroll(EnrollmentRequest.of(Faces.user(1), Faces.enrollment(1)), RequestContext.cli());
      eventually(() -> nodeA.service().index().users().containsKey(Faces.user(1)));

      nodeB.service().erase(Faces.user(0), RequestContext.cli());
      eventually(() -> !nodeA.service().index().users().containsKey(Faces.user(0)));
      assertThat(nodeA.service().identify(Faces.probe(0), 1, RequestContext.cli()).known()).isFalse();
      assertThat(nodeA.service().index().users()).isEqualTo(nodeB.service().index().users());
    }
  }

  private static void eventually(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition not met within " + PATIENCE).isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}

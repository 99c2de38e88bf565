package org.faceauth.core.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.faceauth.core.embed.Embedding;
import org.faceauth.core.evaluation.BatchEmbedder;
import org.faceauth.core.testing.TestData;
import org.faceauth.core.user.UserId;
import org.junit.jupiter.api.Test;

/**
 * On real faces, a large index's sign-code search names the same best user as exact search: the faces-dev users
 * (first two enrollment photos each, fr_feature through the verification pipeline) among random unit vectors as
 * distractors, probed with every enrolled user's other photos and with strangers' photos. The index is just large
 * enough to take the sign-code scan, so the test runs in seconds; {@code faceauth bench-index} measures the same
 * agreement up to a million templates.
 */
class RealFacesAgreementTest {
  private static final int TEMPLATES = TemplateIndex.CODED_FROM_ROWS + 10_000;

  @Test
  void theSignCodeSearchNamesTheExactSearchsBestUserForRealProbes() {
    List<Path> enrollment = new ArrayList<>();
    for (Path photo : TestData.images("users")) {
      String name = photo.getFileName().toString();
      if (name.startsWith("1.") || name.startsWith("2.")) {
        enrollment.add(photo);
      }
    }
    List<Path> probePhotos = new ArrayList<>(TestData.images("test/known_faces"));
    probePhotos.addAll(TestData.images("test/unknown_faces").subList(0, 100));
    List<Path> all = new ArrayList<>(enrollment);
    all.addAll(probePhotos);
    Map<Path, Optional<Embedding>> embedded =
        new BatchEmbedder(2).embed(TestData.engine().verificationPipeline(), all, (path, reason) -> { });

    Map<UserId, List<Embedding>> users = new LinkedHashMap<>();
    for (Path photo : enrollment) {
      embedded.get(photo).ifPresent(e -> users
          .computeIfAbsent(UserId.of(photo.getParent().getFileName().toString()), u -> new ArrayList<>())
          .add(e));
    }
    List<Embedding> probes = probePhotos.stream().flatMap(p -> embedded.get(p).stream()).toList();
    Embedding first = probes.get(0);
    TemplateIndex index = new TemplateIndex(first.modelId(), first.dimensions());
    users.forEach(index::replace);
    Random random = new Random(17);
    for (int distractor = 0; index.size() < TEMPLATES; distractor++) {
      index.replace(UserId.of("distractor" + distractor), List.of(randomUnit(random, first)));
    }

    List<IndexHit> exact = index.bestExact(probes);
    long identical = 0;
    for (int i = 0; i < probes.size(); i++) {
      if (index.search(probes.get(i), 1).get(0).equals(exact.get(i))) {
        identical++;
      }
    }

    assertThat(users).hasSizeGreaterThan(110);
    assertThat(probes).hasSizeGreaterThan(400);
    assertThat(identical).as("probes whose best user and score are exact search's").isEqualTo(probes.size());
  }

  private static Embedding randomUnit(Random random, Embedding like) {
    float[] v = new float[like.dimensions()];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return Embedding.normalized(like.modelId(), v);
  }
}

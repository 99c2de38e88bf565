package org.faceauth.core.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.faceauth.core.embed.Embedding;
import org.faceauth.core.embed.EmbeddingMismatchException;
import org.faceauth.core.user.UserId;
import org.junit.jupiter.api.Test;

/** The in-memory 1:N index gives exactly the brute-force answer through any sequence of writes. */
class TemplateIndexTest {
  private static final String MODEL = "test@1";
  private static final int DIMENSIONS = 37;

  @Test
  void searchEqualsBruteForceAfterRandomEnrollsReplacementsAndErasures() {
    Random random = new Random(7);
    TemplateIndex index = new TemplateIndex(MODEL, DIMENSIONS);
    Map<UserId, List<Embedding>> truth = new HashMap<>();
    for (int step = 0; step < 3000; step++) {
      UserId user = UserId.of("u" + random.nextInt(200));
      if (random.nextInt(4) == 0) {
        index.replace(user, List.of());
        truth.remove(user);
      } else {
        List<Embedding> templates = new ArrayList<>();
        for (int t = random.nextInt(4) + 1; t > 0; t--) {
          templates.add(randomEmbedding(random));
        }
        index.replace(user, templates);
        truth.put(user, templates);
      }
      if (step % 100 == 99) {
        Embedding probe = randomEmbedding(random);
        List<IndexHit> expected = bruteForce(truth, probe, 5);
        List<IndexHit> actual = index.search(probe, 5);
        assertThat(actual).extracting(IndexHit::user).isEqualTo(expected.stream().map(IndexHit::user).toList());
        for (int i = 0; i < actual.size(); i++) {
          assertThat(actual.get(i).score()).isCloseTo(expected.get(i).score(), within(1e-5));
        }
      }
    }
    Map<UserId, Integer> counts = new HashMap<>();
    truth.forEach((u, t) -> counts.put(u, t.size()));
    assertThat(index.users()).isEqualTo(counts);
    assertThat(index.size()).isEqualTo(counts.values().stream().mapToInt(Integer::intValue).sum());
  }

  /**
   * Red-team finding: the sign-code scan sized its candidate heaps from the caller's topK (64 rows per hit), so one
   * identification with {@code top=30000000} from an app key allocated about 15 GB and took the server down with an
   * OutOfMemoryError. The candidates are now bounded by the rows the index holds, whatever topK asks.
   */
  @Test
  void aHugeTopKDoesNotSizeTheCandidateScanBeyondTheIndex() {
    int dimensions = 64;
    Random random = new Random(11);
    TemplateIndex index = new TemplateIndex(MODEL, dimensions);
    for (int user = 0; user < TemplateIndex.CODED_FROM_ROWS + 10; user++) {
      index.replace(UserId.of("u" + user), List.of(randomEmbedding(random, dimensions)));
    }
    Embedding probe = randomEmbedding(random, dimensions);
    List<IndexHit> found = index.search(probe, 30_000_000);
    assertThat(found).hasSize(TemplateIndex.CODED_FROM_ROWS + 10);
    assertThat(found).extracting(IndexHit::score).isSortedAccordingTo(Comparator.reverseOrder());
  }

  @Test
  void aUsersScoreIsTheBestOverTheirTemplates() {
    Random random = new Random(3);
    TemplateIndex index = new TemplateIndex(MODEL, DIMENSIONS);
    Embedding near = randomEmbedding(random);
    Embedding far = randomEmbedding(random);
    index.replace(UserId.of("alice"), List.of(far, near));

    assertThat(index.scoreUser(UserId.of("alice"), near).getAsDouble()).isCloseTo(1.0, within(1e-5));
    assertThat(index.scoreUser(UserId.of("bob"), near)).isEmpty();
    assertThat(index.search(near, 3)).hasSize(1);
  }

  @Test
  void embeddingsOfAnotherModelAreNeverCompared() {
    TemplateIndex index = new TemplateIndex(MODEL, DIMENSIONS);
    float[] ones = new float[DIMENSIONS];
    java.util.Arrays.fill(ones, 1f);
    Embedding other = Embedding.normalized("other@2", ones);
    index.replace(UserId.of("alice"), List.of(other));

    assertThat(index.size()).isZero();
    assertThatThrownBy(() -> index.search(other, 1)).isInstanceOf(EmbeddingMismatchException.class);
  }

  private static List<IndexHit> bruteForce(Map<UserId, List<Embedding>> truth, Embedding probe, int k) {
    return truth.entrySet().stream()
        .map(e -> new IndexHit(e.getKey(), e.getValue().stream().mapToDouble(probe::cosine).max().orElseThrow()))
        .sorted(Comparator.comparingDouble(IndexHit::score).reversed())
        .limit(k)
        .toList();
  }

  private static Embedding randomEmbedding(Random random) {
    return randomEmbedding(random, DIMENSIONS);
  }

  private static Embedding randomEmbedding(Random random, int dimensions) {
    float[] v = new float[dimensions];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return Embedding.normalized(MODEL, v);
  }

  /**
   * A large index takes the sign-code scan: for a probe near a template (a user's own new photo) its best user is the
   * exact search's; for any probe, near or not, every score it returns is the user's exact score, best first.
   */
  @Test
  void aLargeIndexFindsWhatExactSearchFindsAndReturnsExactScores() {
    int dimensions = 128;
    Random random = new Random(5);
    TemplateIndex index = new TemplateIndex(MODEL, dimensions);
    List<Embedding> firsts = new ArrayList<>();
    for (int user = 0; user * 2 < TemplateIndex.PARALLEL_FROM_ROWS + 1000; user++) {
      Embedding first = randomEmbedding(random, dimensions);
      firsts.add(first);
      index.replace(UserId.of("u" + user), List.of(first, randomEmbedding(random, dimensions)));
    }
    for (int i = 0; i < 40; i++) {
      boolean near = i % 2 == 0;
      Embedding probe = near
          ? nearby(firsts.get(random.nextInt(firsts.size())), random)
          : randomEmbedding(random, dimensions);
      List<IndexHit> found = index.search(probe, 3);
      if (near) {
        assertThat(found.get(0)).isEqualTo(index.searchExact(probe, 3).get(0));
      }
      assertThat(found).hasSize(3);
      for (IndexHit hit : found) {
        assertThat(hit.score()).isEqualTo(index.scoreUser(hit.user(), probe).getAsDouble());
      }
      assertThat(found).extracting(IndexHit::score).isSortedAccordingTo(Comparator.reverseOrder());
    }
  }

  private static Embedding nearby(Embedding e, Random random) {
    float[] v = e.vector().clone();
    for (int i = 0; i < v.length; i++) {
      v[i] += (float) random.nextGaussian() * 0.08f;
    }
    return Embedding.normalized(MODEL, v);
  }
}

package org.faceauth.core.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.faceauth.core.embed.Embedding;
import org.faceauth.core.pipeline.FaceEngine;
import org.faceauth.core.testing.TestData;
import org.junit.jupiter.api.Test;

/** The one match decision: the best cosine similarity over a person's templates, accepted at or above the threshold. */
class MatcherTest {
  private final FaceEngine engine = TestData.engine();

  @Test
  void aScoreAtTheThresholdIsAMatchAndJustBelowIsNot() {
    Matcher matcher = new Matcher(0.3848);
    assertThat(matcher.accepts(0.3848)).isTrue();
    assertThat(matcher.accepts(Math.nextDown(0.3848))).isFalse();
  }

  @Test
  void theBestTemplateDecidesSoAnotherPersonsTemplateBesideTheOwnersChangesNothing() {
    Embedding probe = embed("users/Barack_Obama/2.jpg");
    Embedding owner = embed("users/Barack_Obama/1.jpg");
    Embedding stranger = embed("users/Abel_Pacheco/1.jpg");

    MatchResult result = engine.matcher().match(probe, List.of(stranger, owner));

    assertThat(result.bestTemplate()).isEqualTo(1);
    assertThat(result.score()).isEqualTo(probe.cosine(owner));
    assertThat(result.match()).isTrue();
    assertThat(result.threshold()).isEqualTo(engine.threshold());
    assertThat(engine.matcher().match(probe, List.of(stranger)).match()).as("another person alone").isFalse();
  }

  @Test
  void thereIsNoDecisionWithoutTemplates() {
    assertThatThrownBy(() -> engine.matcher().match(embed("users/Barack_Obama/1.jpg"), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private Embedding embed(String photo) {
    return engine.enrollmentPipeline().process(TestData.bytes(photo)).embedding().orElseThrow();
  }
}

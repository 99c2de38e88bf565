package org.faceauth.core.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.faceauth.core.evaluation.FaceDataset.LabelledImage;
import org.faceauth.core.testing.TestData;
import org.junit.jupiter.api.Test;

/** faces-dev splits by person into two disjoint halves of about equal size that together hold everyone. */
class DatasetHalfTest {
  private final FaceDataset all = FaceDataset.read(TestData.dataDir());
  private final FaceDataset calibration = all.half(DatasetHalf.CALIBRATION);
  private final FaceDataset check = all.half(DatasetHalf.CHECK);

  @Test
  void theHalvesShareNoPersonAndTogetherHoldEveryone() {
    assertThat(calibration.enrollment().keySet()).doesNotContainAnyElementsOf(check.enrollment().keySet());
    Set<String> users = new HashSet<>(calibration.enrollment().keySet());
    users.addAll(check.enrollment().keySet());
    assertThat(users).isEqualTo(all.enrollment().keySet());
    assertThat(calibration.known().size() + check.known().size()).isEqualTo(all.known().size());
    assertThat(calibration.unknown().size() + check.unknown().size()).isEqualTo(all.unknown().size());
    assertThat(check.known()).allMatch(face -> check.enrollment().containsKey(face.identity()));
    assertThat(all.half(DatasetHalf.ALL)).isEqualTo(all);
  }

  @Test
  void eachHalfHoldsAboutHalfThePeople() {
    int users = all.enrollment().size();
    assertThat(calibration.enrollment().size()).isBetween(users * 2 / 5, users * 3 / 5);
    assertThat(check.unknown().size()).isBetween(all.unknown().size() * 2 / 5, all.unknown().size() * 3 / 5);
  }

  @Test
  void theRuleIsTheParityOfTheFirstByteOfTheNamesSha256AndKeepsAPersonsPhotosTogether() {
    // sha256sum of "Bill_Frist" starts bd (odd), of "Ann_Veneman" 30 (even).
    assertThat(DatasetHalf.CHECK.holds("Bill_Frist")).isTrue();
    assertThat(DatasetHalf.CALIBRATION.holds("Bill_Frist")).isFalse();
    assertThat(DatasetHalf.CALIBRATION.holds("Ann_Veneman")).isTrue();
    assertThat(DatasetHalf.CHECK.holds("Ann_Veneman")).isFalse();
    for (LabelledImage face : check.unknown()) {
      assertThat(calibration.unknown()).extracting(LabelledImage::identity)
          .noneMatch(other -> person(other).equals(person(face.identity())));
    }
  }

  private static String person(String unknownIdentity) {
    return unknownIdentity.substring("unknown:".length(), unknownIdentity.lastIndexOf('_'));
  }
}

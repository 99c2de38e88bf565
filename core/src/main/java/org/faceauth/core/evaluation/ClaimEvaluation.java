package org.faceauth.core.evaluation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The AI-side test of an enrolled system: every probe photo claims identities, and each claim is accepted when the
 * probe's best score against the claimed user reaches the threshold.
 *
 * <ul>
 *   <li>Genuine claims: each known-face probe claims its own user. Refused when below threshold, when no face was found
 *       in the probe, or when its user could not be enrolled (FRR counts all three).
 *   <li>Impostor claims: each probe claims every enrolled user it is not (unknown faces claim everyone). A probe
 *       without a face is refused everywhere.
 *   <li>Identification: a known-face probe is identified correctly when the best user at or above the threshold is its
 *       own.
 * </ul>
 *
 * @param threshold decision threshold
 * @param enrolledUsers users with at least one template
 * @param failureToEnroll users of the dataset none of whose photos was accepted
 * @param failureToAcquire probes in which no face was found
 * @param genuineClaims number of genuine claims
 * @param genuineRefused of those, refused
 * @param impostorClaims number of impostor claims
 * @param impostorAccepted of those, accepted
 * @param knownProbes known-face probes (the identification trials)
 * @param identifiedCorrectly of those, identified as their own user
 * @param genuineScores the score of every genuine claim ({@link ScoredPair#NOT_ACQUIRED} when refused for lack of a
 *     face or of templates)
 * @param impostorScores the score of every impostor claim (likewise)
 * @param worstFalseRejects genuine claims refused, lowest score first
 * @param worstFalseAccepts impostor claims closest to or above the threshold, highest first
 */
public record ClaimEvaluation(
    double threshold,
    int enrolledUsers,
    int failureToEnroll,
    int failureToAcquire,
    int genuineClaims,
    int genuineRefused,
    long impostorClaims,
    long impostorAccepted,
    int knownProbes,
    int identifiedCorrectly,
    double[] genuineScores,
    double[] impostorScores,
    List<Claim> worstFalseRejects,
    List<Claim> worstFalseAccepts) {
  /** How many of the worst errors are kept. */
  public static final int WORST = 12;

  /** One claim: a probe photo, the user it claimed to be, and its score. */
  public record Claim(Path probe, String probeIdentity, String claimedUser, double score) {}

  /**
   * A probe and its best score against every enrolled user.
   *
   * @param image the photo and who it shows
   * @param known whether it shows an enrolled person (from known_faces)
   * @param scores best score per enrolled user; empty when no face was found
   */
  public record ProbeScores(FaceDataset.LabelledImage image, boolean known, Optional<Map<String, Double>> scores) {}

  public double far() {
    return impostorClaims == 0 ? 0 : (double) impostorAccepted / impostorClaims;
  }

  public double frr() {
    return genuineClaims == 0 ? 0 : (double) genuineRefused / genuineClaims;
  }

  public double identifyTop1() {
    return knownProbes == 0 ? 0 : (double) identifiedCorrectly / knownProbes;
  }

  /**
   * Scores every claim.
   *
   * @param enrolled users with templates
   * @param datasetUsers every user the dataset tried to enroll
   */
  public static ClaimEvaluation of(
      Set<String> enrolled, int datasetUsers, List<ProbeScores> probes, double threshold) {
    List<Double> genuine = new ArrayList<>();
    List<Double> impostor = new ArrayList<>();
    List<Claim> rejects = new ArrayList<>();
    List<Claim> accepts = new ArrayList<>();
    int refused = 0;
    long accepted = 0;
    int notAcquired = 0;
    int known = 0;
    int identified = 0;
    for (ProbeScores probe : probes) {
      String identity = probe.image().identity();
      Map<String, Double> scores = probe.scores().orElse(Map.of());
      if (probe.scores().isEmpty()) {
        notAcquired++;
      }
      if (probe.known()) {
        known++;
        double score = scores.getOrDefault(identity, ScoredPair.NOT_ACQUIRED);
        genuine.add(score);
        if (score < threshold) {
          refused++;
          rejects.add(new Claim(probe.image().path(), identity, identity, score));
        }
        Optional<Map.Entry<String, Double>> top = scores.entrySet().stream()
            .filter(e -> e.getValue() >= threshold)
            .max(Map.Entry.comparingByValue());
        if (top.isPresent() && top.get().getKey().equals(identity)) {
          identified++;
        }
      }
      for (String user : enrolled) {
        if (user.equals(identity)) {
          continue;
        }
        double score = scores.getOrDefault(user, ScoredPair.NOT_ACQUIRED);
        impostor.add(score);
        if (score >= threshold) {
          accepted++;
        }
        accepts.add(new Claim(probe.image().path(), identity, user, score));
      }
    }
    rejects.sort(Comparator.comparingDouble(Claim::score));
    accepts.sort(Comparator.comparingDouble(Claim::score).reversed());
    return new ClaimEvaluation(
        threshold, enrolled.size(), datasetUsers - enrolled.size(), notAcquired, genuine.size(), refused,
        impostor.size(), accepted, known, identified, genuine.stream().mapToDouble(Double::doubleValue).toArray(),
        impostor.stream().mapToDouble(Double::doubleValue).toArray(),
        List.copyOf(rejects.subList(0, Math.min(WORST, rejects.size()))),
        List.copyOf(accepts.subList(0, Math.min(WORST, accepts.size()))));
  }
}

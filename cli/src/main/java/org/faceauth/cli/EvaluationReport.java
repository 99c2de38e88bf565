package org.faceauth.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.faceauth.core.align.AlignedFace;
import org.faceauth.core.detect.DetectedFace;
import org.faceauth.core.evaluation.ClaimEvaluation;
import org.faceauth.core.evaluation.ClaimEvaluation.Claim;
import org.faceauth.core.evaluation.ErrorTradeoff;
import org.faceauth.core.evaluation.FaceDataset;
import org.faceauth.core.image.BgrImage;
import org.faceauth.core.image.InvalidImageException;
import org.faceauth.core.match.Matcher;
import org.faceauth.core.pipeline.FaceEngine;
import org.faceauth.core.pipeline.FacePipeline;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The HTML report of {@code faceauth evaluate}: the figures, ROC and DET curves drawn by XChart (log-scaled rates on
 * whole decades, labelled as percentages), the operating point at the threshold, and the hardest genuine and closest
 * impostor claims, each marked as the error it is or not (false reject, false accept) by the {@link Matcher}. Their
 * thumbnails are the aligned 112×112 crops the model saw (the probe through the verification pipeline, the claimed
 * user's first enrollment photo through the enrollment pipeline), written only into the report's folder.
 */
final class EvaluationReport {
  private static final int CURVE_POINTS = 2000;
  private static final int THUMBNAIL_HEIGHT = 112;
  private static final double MIN_RATE = 1e-6;
  private static final String RATE_PATTERN = "0.####%";

  private final FaceEngine engine;
  private final FaceDataset dataset;
  private final Runnable onStep;

  /** @param onStep told after each chart and each thumbnail (see {@link #steps}) */
  EvaluationReport(FaceEngine engine, FaceDataset dataset, Runnable onStep) {
    this.engine = engine;
    this.dataset = dataset;
    this.onStep = onStep;
  }

  /** How many steps writing the report of {@code result} takes: two charts, two thumbnails per listed claim. */
  static long steps(ClaimEvaluation result) {
    return 2 + 2L * (result.worstFalseRejects().size() + result.worstFalseAccepts().size());
  }

  /** Writes {@code report.html}, {@code roc.png}, {@code det.png} and thumbnails into {@code folder}. */
  Path write(Path folder, ClaimEvaluation result, ErrorTradeoff tradeoff, String model, String enrollDetector,
      String verifyDetector) throws IOException {
    Files.createDirectories(folder.resolve("thumbnails"));
    List<ErrorTradeoff.Point> curve = tradeoff.curve(CURVE_POINTS);
    ErrorTradeoff.Point operating = new ErrorTradeoff.Point(
        result.threshold(), tradeoff.far(result.threshold()), tradeoff.frr(result.threshold()));
    chart(folder.resolve("roc.png"), "ROC", "1 - FRR (true accept rate)", curve, operating, false);
    onStep.run();
    chart(folder.resolve("det.png"), "DET", "FRR (false reject rate, log scale)", curve, operating, true);
    onStep.run();
    StringBuilder html = new StringBuilder();
    html.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>FaceAuth evaluation</title>")
        .append("<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}")
        .append("td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}figure{display:inline-block;margin:6px;")
        .append("text-align:center;font-size:12px}img.t{height:").append(THUMBNAIL_HEIGHT).append("px}")
        .append(".error{color:#a00;font-weight:bold}.right{color:#060}</style>")
        .append("</head><body><h1>FaceAuth evaluation</h1>");
    html.append("<p>Dataset: ").append(escape(dataset.root().toString())).append(". Model ").append(escape(model))
        .append(", enrollment detector ").append(escape(enrollDetector)).append(", verification detector ")
        .append(escape(verifyDetector)).append(".</p><table>");
    row(html, "Threshold (cosine)", format(result.threshold()));
    row(html, "FAR", percent(result.far()) + " (" + result.impostorAccepted() + " of " + result.impostorClaims()
        + " impostor claims)");
    row(html, "FRR", percent(result.frr()) + " (" + result.genuineRefused() + " of " + result.genuineClaims()
        + " genuine claims)");
    row(html, "EER", percent(tradeoff.equalErrorRate()));
    row(html, "1:N top-1", percent(result.identifyTop1()) + " of " + result.knownProbes() + " known faces");
    row(html, "Enrolled users", Integer.toString(result.enrolledUsers()));
    row(html, "Failures to enroll", Integer.toString(result.failureToEnroll()));
    row(html, "Failures to acquire", Integer.toString(result.failureToAcquire()) + " probes without a face");
    html.append("</table><h2>Curves</h2><img src=\"roc.png\" alt=\"ROC curve\"> ")
        .append("<img src=\"det.png\" alt=\"DET curve\">");
    Matcher matcher = new Matcher(result.threshold());
    html.append("<h2>Hardest genuines</h2><p>Genuine claims with the lowest scores, lowest first (−2: no face ")
        .append("found); below the threshold each is a <span class=\"error\">false reject</span>. Probe crop, then ")
        .append("the claimed user's.</p>");
    claims(html, folder, result.worstFalseRejects(), "fr",
        claim -> matcher.accepts(claim.score()) ? accepted("accepted", false) : accepted("false reject", true));
    html.append("<h2>Closest impostors</h2><p>Impostor claims with the highest scores, highest first; at or above ")
        .append("the threshold each is a <span class=\"error\">false accept</span>.</p>");
    claims(html, folder, result.worstFalseAccepts(), "fa",
        claim -> matcher.accepts(claim.score()) ? accepted("false accept", true) : accepted("refused", false));
    html.append("</body></html>\n");
    Path report = folder.resolve("report.html");
    Files.writeString(report, html, StandardCharsets.UTF_8);
    return report;
  }

  private static void chart(Path file, String title, String yTitle, List<ErrorTradeoff.Point> curve,
      ErrorTradeoff.Point operating, boolean det) throws IOException {
    XYChart chart = new XYChartBuilder().width(640).height(480).title(title)
        .xAxisTitle("FAR (false accept rate, log scale)").yAxisTitle(yTitle).build();
    chart.getStyler().setXAxisLogarithmic(true);
    chart.getStyler().setYAxisLogarithmic(det);
    chart.getStyler().setLegendVisible(true);
    List<Double> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    for (ErrorTradeoff.Point p : curve) {
      double value = det ? p.frr() : 1 - p.frr();
      if (p.far() >= MIN_RATE && (!det || value >= MIN_RATE)) {
        x.add(p.far());
        y.add(value);
      }
    }
    if (x.isEmpty()) {
      x.add(MIN_RATE);
      y.add(det ? MIN_RATE : 1.0);
    }
    chart.getStyler().setXAxisDecimalPattern(RATE_PATTERN);
    chart.getStyler().setXAxisMin(decadeBelow(Collections.min(x)));
    chart.getStyler().setXAxisMax(Math.max(1.0, decadeAbove(Collections.max(x))));
    chart.getStyler().setYAxisDecimalPattern(RATE_PATTERN);
    if (det) {
      double top = Math.max(1.0, decadeAbove(Collections.max(y)));
      chart.getStyler().setYAxisMin(Math.min(decadeBelow(Collections.min(y)), top / 100));
      chart.getStyler().setYAxisMax(top);
    } else {
      chart.getStyler().setYAxisMin(Math.max(0, Math.floor(Collections.min(y) * 50 - 1) / 50));
      chart.getStyler().setYAxisMax(1.0);
    }
    XYSeries series = chart.addSeries(title, x, y);
    series.setMarker(SeriesMarkers.NONE);
    double opX = Math.max(MIN_RATE, operating.far());
    double opY = det ? Math.max(MIN_RATE, operating.frr()) : 1 - operating.frr();
    XYSeries point = chart.addSeries("threshold " + format(operating.threshold()), List.of(opX), List.of(opY));
    point.setMarker(SeriesMarkers.CIRCLE);
    BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
  }

  /** One figure per claim: the two crops and a caption with the claim, its score and its verdict. */
  private void claims(StringBuilder html, Path folder, List<Claim> claims, String prefix,
      Function<Claim, String> verdict) throws IOException {
    int n = 0;
    for (Claim claim : claims) {
      n++;
      String probe = crop(folder, claim.probe(), engine.verificationPipeline(), prefix + n + "-probe.jpg");
      List<Path> claimed = dataset.enrollment().getOrDefault(claim.claimedUser(), List.of());
      String reference = claimed.isEmpty()
          ? null : crop(folder, claimed.get(0), engine.enrollmentPipeline(), prefix + n + "-claimed.jpg");
      html.append("<figure>");
      image(html, probe, "probe crop", "no face in the probe");
      image(html, reference, "claimed user's crop", "no crop of the claimed user");
      html.append("<figcaption>").append(escape(claim.probe().getFileName().toString())).append(" as ")
          .append(escape(claim.claimedUser())).append("<br>score ").append(format(claim.score())).append(" · ")
          .append(verdict.apply(claim)).append("</figcaption></figure>");
    }
    if (claims.isEmpty()) {
      html.append("<p>None.</p>");
    }
  }

  private static String accepted(String verdict, boolean error) {
    return "<span class=\"" + (error ? "error" : "right") + "\">" + escape(verdict) + "</span>";
  }

  private static void image(StringBuilder html, String source, String alt, String absent) {
    if (source == null) {
      html.append("<span>").append(escape(absent)).append("</span> ");
    } else {
      html.append("<img class=\"t\" src=\"").append(source).append("\" alt=\"").append(escape(alt)).append("\">");
    }
  }

  /**
   * The aligned crop the model saw of {@code image}'s subject face under {@code pipeline}, written under thumbnails/,
   * or null when the image cannot be decoded or shows no face.
   */
  private String crop(Path folder, Path image, FacePipeline pipeline, String name) throws IOException {
    try (BgrImage decoded = pipeline.decoder().decode(Files.readAllBytes(image))) {
      Optional<DetectedFace> face = pipeline.process(decoded).subject();
      if (face.isEmpty()) {
        return null;
      }
      try (AlignedFace aligned = engine.aligner().align(decoded, face.get().landmarks())) {
        Files.write(folder.resolve("thumbnails").resolve(name), aligned.jpeg());
      }
      return "thumbnails/" + name;
    } catch (InvalidImageException e) {
      return null;
    } finally {
      onStep.run();
    }
  }

  /** The power of ten at or below {@code rate}. */
  private static double decadeBelow(double rate) {
    return Math.pow(10, Math.floor(Math.log10(rate)));
  }

  /** The power of ten at or above {@code rate}. */
  private static double decadeAbove(double rate) {
    return Math.pow(10, Math.ceil(Math.log10(rate)));
  }

  private static void row(StringBuilder html, String name, String value) {
    html.append("<tr><th>").append(escape(name)).append("</th><td>").append(escape(value)).append("</td></tr>");
  }

  private static String percent(double rate) {
    return String.format(Locale.ROOT, "%.3f%%", rate * 100);
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%.4f", value);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}

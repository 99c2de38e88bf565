package org.faceauth.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.faceauth.core.evaluation.ClaimEvaluation;
import org.faceauth.core.evaluation.ClaimEvaluation.Claim;
import org.faceauth.core.evaluation.ErrorTradeoff;
import org.faceauth.core.evaluation.FaceDataset;
import org.faceauth.core.image.BgrImage;
import org.faceauth.core.image.ImageDecoder;
import org.faceauth.core.image.InvalidImageException;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * The HTML report of {@code faceauth evaluate}: the figures, ROC and DET curves drawn by XChart (log-scaled FAR), the
 * operating point at the threshold, and thumbnails of the worst false rejects and false accepts (the probe beside an
 * enrollment photo of the claimed user).
 */
final class EvaluationReport {
  private static final int CURVE_POINTS = 2000;
  private static final int THUMBNAIL_HEIGHT = 112;
  private static final double MIN_RATE = 1e-6;

  private final ImageDecoder decoder;
  private final FaceDataset dataset;

  EvaluationReport(ImageDecoder decoder, FaceDataset dataset) {
    this.decoder = decoder;
    this.dataset = dataset;
  }

  /** Writes {@code report.html}, {@code roc.png}, {@code det.png} and thumbnails into {@code folder}. */
  Path write(Path folder, ClaimEvaluation result, ErrorTradeoff tradeoff, String model, String enrollDetector,
      String verifyDetector) throws IOException {
    Files.createDirectories(folder.resolve("thumbnails"));
    List<ErrorTradeoff.Point> curve = tradeoff.curve(CURVE_POINTS);
    ErrorTradeoff.Point operating = new ErrorTradeoff.Point(
        result.threshold(), tradeoff.far(result.threshold()), tradeoff.frr(result.threshold()));
    chart(folder.resolve("roc.png"), "ROC", "1 - FRR (true accept rate)", curve, operating, false);
    chart(folder.resolve("det.png"), "DET", "FRR (false reject rate)", curve, operating, true);
    StringBuilder html = new StringBuilder();
    html.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>FaceAuth evaluation</title>")
        .append("<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}")
        .append("td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}figure{display:inline-block;margin:6px;")
        .append("text-align:center;font-size:12px}img.t{height:").append(THUMBNAIL_HEIGHT).append("px}</style>")
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
    html.append("<h2>Worst false rejects</h2><p>Genuine claims refused, lowest score first (−2: no face found).</p>");
    errors(html, folder, result.worstFalseRejects(), "fr");
    html.append("<h2>Closest impostors</h2><p>Impostor claims with the highest scores; at or above the threshold ")
        .append("they were falsely accepted.</p>");
    errors(html, folder, result.worstFalseAccepts(), "fa");
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
    XYSeries series = chart.addSeries(title, x, y);
    series.setMarker(SeriesMarkers.NONE);
    double opX = Math.max(MIN_RATE, operating.far());
    double opY = det ? Math.max(MIN_RATE, operating.frr()) : 1 - operating.frr();
    XYSeries point = chart.addSeries("threshold " + format(operating.threshold()), List.of(opX), List.of(opY));
    point.setMarker(SeriesMarkers.CIRCLE);
    BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
  }

  private void errors(StringBuilder html, Path folder, List<Claim> claims, String prefix) throws IOException {
    int n = 0;
    for (Claim claim : claims) {
      n++;
      String probe = thumbnail(folder, claim.probe(), prefix + n + "-probe.jpg");
      List<Path> claimed = dataset.enrollment().getOrDefault(claim.claimedUser(), List.of());
      String reference = claimed.isEmpty() ? null : thumbnail(folder, claimed.get(0), prefix + n + "-claimed.jpg");
      html.append("<figure>");
      if (probe != null) {
        html.append("<img class=\"t\" src=\"").append(probe).append("\" alt=\"probe\">");
      }
      if (reference != null) {
        html.append("<img class=\"t\" src=\"").append(reference).append("\" alt=\"claimed user\">");
      }
      html.append("<figcaption>").append(escape(claim.probe().getFileName().toString())).append(" as ")
          .append(escape(claim.claimedUser())).append("<br>score ").append(format(claim.score()))
          .append("</figcaption></figure>");
    }
    if (claims.isEmpty()) {
      html.append("<p>None.</p>");
    }
  }

  /** A small copy of {@code image} under thumbnails/, or null when it cannot be decoded. */
  private String thumbnail(Path folder, Path image, String name) throws IOException {
    try (BgrImage decoded = decoder.decode(Files.readAllBytes(image))) {
      Mat small = new Mat();
      double scale = (double) THUMBNAIL_HEIGHT / decoded.height();
      Imgproc.resize(decoded.mat(), small,
          new Size(Math.max(1, Math.round(decoded.width() * scale)), THUMBNAIL_HEIGHT), 0, 0, Imgproc.INTER_AREA);
      Imgcodecs.imwrite(folder.resolve("thumbnails").resolve(name).toString(), small);
      small.release();
      return "thumbnails/" + name;
    } catch (InvalidImageException e) {
      return null;
    }
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

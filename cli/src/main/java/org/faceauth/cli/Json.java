package org.faceauth.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.faceauth.core.flow.ImageVerdict;
import org.faceauth.core.detect.BoundingBox;
import org.faceauth.core.detect.DetectedFace;
import org.faceauth.core.detect.Point2;

/** JSON output: one compact object per line on standard output. */
final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static void println(PrintWriter out, Object value) {
    try {
      out.println(MAPPER.writeValueAsString(value));
      out.flush();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value, e);
    }
  }

  /** An insertion-ordered map from alternating keys and values. */
  static Map<String, Object> object(Object... keyValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put((String) keyValues[i], keyValues[i + 1]);
    }
    return map;
  }

  static Map<String, Object> face(DetectedFace face) {
    BoundingBox b = face.box();
    List<List<Double>> landmarks = new ArrayList<>();
    for (Point2 p : face.landmarks().points()) {
      landmarks.add(List.of(round(p.x(), 2), round(p.y(), 2)));
    }
    return object(
        "box", List.of(round(b.x(), 2), round(b.y(), 2), round(b.width(), 2), round(b.height(), 2)),
        "score", round(face.score(), 4),
        "landmarks", landmarks);
  }


  static Map<String, Object> verdict(ImageVerdict verdict, String image) {
    return object(
        "image", image,
        "accepted", verdict.accepted(),
        "reasons", verdict.reasons(),
        "advice", verdict.advice(),
        "quality", verdict.quality().map(q -> round(q, 4)).orElse(null));
  }

  static double round(double value, int decimals) {
    double scale = Math.pow(10, decimals);
    return Math.round(value * scale) / scale;
  }
}

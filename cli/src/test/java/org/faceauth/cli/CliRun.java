package org.faceauth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** One in-process run of the {@code faceauth} command line, with its exit code and both streams captured. */
record CliRun(int exitCode, String out, String err) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = FaceAuthCli.run(new PrintWriter(out), new PrintWriter(err), args);
    return new CliRun(code, out.toString(), err.toString());
  }

  /** Runs {@code args} with {@code --data-dir dataDir} added (an embedded store in a test's folder). */
  static CliRun inDataDir(java.nio.file.Path dataDir, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--data-dir", dataDir.toString()));
    return of(all.toArray(String[]::new));
  }

  /** Standard output parsed as JSON lines. */
  List<JsonNode> json() {
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (!line.isBlank()) {
        try {
          nodes.add(MAPPER.readTree(line));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          throw new UncheckedIOException("not a JSON line: " + line, e);
        }
      }
    }
    return nodes;
  }
}

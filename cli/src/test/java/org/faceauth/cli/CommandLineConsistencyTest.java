package org.faceauth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.faceauth.core.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** Every command speaks the same language: --help everywhere, one --data-dir, options only where they apply. */
class CommandLineConsistencyTest {
  /** Every command and subcommand, as the words that name it ({@code keys create} → [keys, create]). */
  static Stream<List<String>> everyCommand() {
    List<List<String>> commands = new ArrayList<>();
    collect(new CommandLine(new FaceAuthCli()), new ArrayList<>(), commands);
    return commands.stream().filter(words -> !words.equals(List.of("help")));
  }

  private static void collect(CommandLine command, List<String> words, List<List<String>> into) {
    for (var sub : command.getSubcommands().entrySet()) {
      List<String> named = new ArrayList<>(words);
      named.add(sub.getKey());
      into.add(named);
      collect(sub.getValue(), named, into);
    }
  }

  private static CliRun help(List<String> command) {
    List<String> args = new ArrayList<>(command);
    args.add("--help");
    return CliRun.of(args.toArray(String[]::new));
  }

  @ParameterizedTest
  @MethodSource("everyCommand")
  void everyCommandAnswersHelpWithItsUsage(List<String> command) {
    CliRun run = help(command);
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("Usage: faceauth " + String.join(" ", command));
    assertThat(run.err()).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("everyCommand")
  void noHelpTextBreaksAPathAcrossWords(List<String> command) {
    assertThat(help(command).out()).doesNotContain(". /");
  }

  @ParameterizedTest
  @MethodSource("everyCommand")
  void theDataDirectoryIsCalledDataDirWhereverOneIsTaken(List<String> command) {
    String usage = help(command).out();
    assertThat(usage).doesNotContain("--data=");
    if (usage.contains("--db=")) {
      assertThat(usage).contains("--data-dir=DIR");
    }
  }

  @Test
  void commandsThatRunNoFaceTakeNoEngineOptions() {
    for (List<String> command : List.of(List.of("keys", "create"), List.of("keys", "list"), List.of("keys", "revoke"),
        List.of("users"), List.of("users", "unlock"), List.of("erase"), List.of("rotate-key"),
        List.of("export-embeddings"), List.of("rebuild"))) {
      assertThat(help(command).out()).as(String.join(" ", command))
          .doesNotContain("--enroll-detector", "--verify-detector", "--model=", "--threshold", "--threads");
    }
    assertThat(help(List.of("enroll")).out()).contains("--enroll-detector", "--model=", "--threshold", "--threads");
  }

  @Test
  void theFormerDataOptionStillWorks(@TempDir Path dir) {
    CliRun run = CliRun.of("keys", "create", "--role", "app", "--name", "old scripts",
        "--data", dir.resolve("data").toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(dir.resolve("data/faceauth.db")).exists();
  }

  @Test
  void detectNamesTheDetectorThatAnswered() {
    for (String detector : List.of("mtcnn", "blazeface")) {
      CliRun run = CliRun.of("detect", "--detector", detector, TestData.raw("users/Barack_Obama/1.jpg").toString());
      assertThat(run.exitCode()).as(run.err()).isZero();
      JsonNode line = run.json().get(0);
      assertThat(line.get("detector").asText()).isEqualTo(detector);
      assertThat(line.get("faces")).hasSize(1);
    }
  }
}

package org.faceauth.cli;

import java.io.PrintWriter;
import org.faceauth.core.FaceAuthException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code faceauth} command. Results go to standard output as JSON (one object per line), messages to standard
 * error. Exit codes: 0 ok, 1 unexpected failure, 2 usage, 3 bad input (also: unknown user, no usable face),
 * 4 model missing or corrupt, 5 storage failure (database, template key, data files).
 */
@Command(
    name = "faceauth",
    mixinStandardHelpOptions = true,
    versionProvider = FaceAuthCli.Version.class,
    description = "Self-hosted face authentication: enroll, verify, identify and erase users; detect, align, embed and "
        + "compare faces; evaluate and benchmark.",
    subcommands = {
      DetectCommand.class,
      CropCommand.class,
      CompareCommand.class,
      PairsCommand.class,
      CalibrateCommand.class,
      BenchCommand.class,
      ModelsCommand.class,
      EnrollCommand.class,
      VerifyCommand.class,
      IdentifyCommand.class,
      EraseCommand.class,
      UsersCommand.class,
      EnrollDirCommand.class,
      EvaluateCommand.class,
      ExportEmbeddingsCommand.class,
      RebuildCommand.class,
      RotateKeyCommand.class,
      BenchIndexCommand.class,
      BenchRuntimesCommand.class,
      LivenessCommand.class,
      ServeCommand.class,
      KeysCommand.class,
      CommandLine.HelpCommand.class
    })
public final class FaceAuthCli {
  public static final int EXIT_OK = 0;
  public static final int EXIT_FAILURE = 1;
  public static final int EXIT_USAGE = 2;
  public static final int EXIT_BAD_INPUT = 3;
  public static final int EXIT_MODEL = 4;
  public static final int EXIT_STORAGE = 5;

  public static void main(String[] args) {
    System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  /** Runs the command line with the given streams and returns the exit code (used by {@link #main} and tests). */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine commandLine = new CommandLine(new FaceAuthCli());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler(
        (exception, cmd, parseResult) -> {
          cmd.getErr().println("faceauth: " + exception.getMessage());
          cmd.getErr().flush();
          return exitCodeOf(exception);
        });
    int code = commandLine.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  static int exitCodeOf(Exception exception) {
    if (exception instanceof BadInputException) {
      return EXIT_BAD_INPUT;
    }
    if (exception instanceof FaceAuthException failure) {
      return switch (failure.code().family()) {
        case MODEL -> EXIT_MODEL;
        case STORAGE -> EXIT_STORAGE;
        default -> EXIT_BAD_INPUT;
      };
    }
    if (exception instanceof IllegalArgumentException) {
      return EXIT_USAGE;
    }
    return EXIT_FAILURE;
  }

  /** The version from the jar manifest, or "development" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = FaceAuthCli.class.getPackage().getImplementationVersion();
      return new String[] {"faceauth " + (version == null ? "development" : version)};
    }
  }
}

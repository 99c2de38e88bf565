package org.faceauth.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.faceauth.core.FaceAuthException;
import org.faceauth.core.model.ModelDirectory;
import org.faceauth.core.model.ModelFile;
import org.springframework.boot.web.server.PortInUseException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code faceauth} command. Results go to standard output as JSON (one object per line), messages to standard
 * error. Exit codes: 0 ok, 1 unexpected failure, 2 usage, 3 bad input (also: unknown user, no usable face),
 * 4 model missing or corrupt, 5 storage failure (database, template key, data files), 6 the server's port is in use.
 * A failure prints one short line per problem, with its stack trace only under {@code --debug}.
 */
@Command(
    name = "faceauth",
    // Inherited: every command and subcommand answers --help (and --version).
    scope = ScopeType.INHERIT,
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
      BindTemplateOwnersCommand.class,
      BackupCommand.class,
      RestoreCommand.class,
      BenchIndexCommand.class,
      BenchRuntimesCommand.class,
      LivenessCommand.class,
      ServeCommand.class,
      KeysCommand.class,
      InvitationsCommand.class,
      ClientsCommand.class,
      AuditCommand.class,
      CommandLine.HelpCommand.class
    })
public final class FaceAuthCli {
  @Option(
      names = "--debug",
      scope = ScopeType.INHERIT,
      description = "On failure, print the stack trace; for serve, also the server's full start-up log.")
  boolean debug;

  public static final int EXIT_OK = 0;
  public static final int EXIT_FAILURE = 1;
  public static final int EXIT_USAGE = 2;
  public static final int EXIT_BAD_INPUT = 3;
  public static final int EXIT_MODEL = 4;
  public static final int EXIT_STORAGE = 5;
  public static final int EXIT_PORT_IN_USE = 6;

  public static void main(String[] args) {
    System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  /** Runs the command line with the given streams and returns the exit code (used by {@link #main} and tests). */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    FaceAuthCli root = new FaceAuthCli();
    CommandLine commandLine = new CommandLine(root);
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler(
        (exception, cmd, parseResult) -> {
          Exception failure = cause(exception);
          String message = failure.getMessage() == null ? failure.toString() : failure.getMessage();
          message.lines().forEach(line -> cmd.getErr().println("faceauth: " + line));
          if (root.debug) {
            exception.printStackTrace(cmd.getErr());
          }
          cmd.getErr().flush();
          return exitCodeOf(failure);
        });
    int code = commandLine.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /** The failure worth reporting: the first FaceAuth, bad-input or port failure in the chain (Spring wraps them). */
  static Exception cause(Exception exception) {
    for (Throwable t = exception; t != null; t = t.getCause()) {
      if (t instanceof FaceAuthException || t instanceof BadInputException || t instanceof PortInUseException) {
        return (Exception) t;
      }
    }
    return exception;
  }

  static int exitCodeOf(Exception exception) {
    if (exception instanceof PortInUseException) {
      return EXIT_PORT_IN_USE;
    }
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

  /** Version and git commit (from the build's {@code git.properties}) and the model set with each file's version. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties git = new Properties();
      try (InputStream in = FaceAuthCli.class.getResourceAsStream("/git.properties")) {
        if (in != null) {
          git.load(in);
        }
      }
      String commit = git.getProperty("git.commit.id.abbrev", "unknown")
          + ("true".equals(git.getProperty("git.dirty")) ? " (modified)" : "");
      List<String> lines = new ArrayList<>();
      lines.add("faceauth " + git.getProperty("git.build.version", "development") + ", commit " + commit
          + " (" + git.getProperty("git.commit.time", "commit time unknown") + ")");
      ModelDirectory models = ModelsOption.fromEnvironment();
      lines.add("models (" + models.overrides().map(dir -> "bundled, overridden by " + dir).orElse("bundled") + "):");
      for (ModelFile file : ModelFile.values()) {
        lines.add("  " + file.relativePath() + " " + file.version() + " " + models.location(file));
      }
      return lines.toArray(String[]::new);
    }
  }
}

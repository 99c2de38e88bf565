package org.faceauth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.faceauth.core.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * enroll, verify, identify, users, erase, export-embeddings, rebuild, rotate-key and bind-template-owners on an embedded
 * store.
 */
class UserCommandsTest {

  @TempDir Path folder;

  private CliRun run(String... args) {
    return CliRun.inDataDir(folder.resolve("data"), args);
  }

  private static String users(String person) {
    return TestData.raw("users/" + person).toString();
  }

  private static List<String> photos(String person) {
    return TestData.images("users/" + person).stream().map(Path::toString).toList();
  }

  private static String known(String name) {
    return TestData.raw("test/known_faces/" + name).toString();
  }

  @Test
  void aUserIsEnrolledVerifiedIdentifiedListedAndErased() {
    List<String> enroll = new ArrayList<>(List.of("enroll", "Bill_Frist", "--name", "Bill", "--consent"));
    enroll.addAll(photos("Bill_Frist"));
    CliRun enrolled = run(enroll.toArray(String[]::new));
    assertThat(enrolled.exitCode()).as(enrolled.err()).isZero();
    JsonNode result = enrolled.json().get(0);
    assertThat(result.get("templatesAdded").asInt()).isGreaterThanOrEqualTo(3);
    assertThat(result.get("images")).hasSize(photos("Bill_Frist").size());

    JsonNode genuine = run("verify", "Bill_Frist", known("Bill_Frist_1.jpg")).json().get(0);
    assertThat(genuine.get("match").asBoolean()).isTrue();
    assertThat(genuine.get("liveness").get("live").asBoolean()).isTrue();
    assertThat(genuine.get("liveness").get("threshold").asDouble()).as("the CLI's liveness has its threshold")
        .isPositive();
    assertThat(genuine.get("score").asDouble()).isGreaterThan(genuine.get("threshold").asDouble());
    JsonNode impostor = run("verify", "Bill_Frist", known("Angelina_Jolie_1.jpg")).json().get(0);
    assertThat(impostor.get("match").asBoolean()).isFalse();
    assertThat(impostor.get("outcome").asText()).isEqualTo("no_match");

    assertThat(run("identify", known("Bill_Frist_2.jpg")).json().get(0).get("userId").asText())
        .isEqualTo("Bill_Frist");
    assertThat(run("identify", known("Ann_Veneman_1.jpg")).json().get(0).get("userId").asText()).isEqualTo("unknown");

    JsonNode listed = run("users").json().get(0);
    assertThat(listed.get("userId").asText()).isEqualTo("Bill_Frist");
    assertThat(listed.get("displayName").asText()).isEqualTo("Bill");
    assertThat(listed.get("consentAt").isNull()).isFalse();

    CliRun erased = run("erase", "Bill_Frist");
    assertThat(erased.exitCode()).isZero();
    assertThat(run("users").json()).isEmpty();
    CliRun again = run("verify", "Bill_Frist", known("Bill_Frist_1.jpg"));
    assertThat(again.exitCode()).isEqualTo(FaceAuthCli.EXIT_BAD_INPUT);
    assertThat(again.err()).contains("No user 'Bill_Frist'");
    assertThat(run("erase", "Bill_Frist").exitCode()).isEqualTo(FaceAuthCli.EXIT_BAD_INPUT);
  }

  @Test
  void repeatedFailuresLockAUserIdAndUsersUnlockClearsIt() {
    List<String> enroll = new ArrayList<>(List.of("enroll", "Bill_Frist"));
    enroll.addAll(photos("Bill_Frist"));
    assertThat(run(enroll.toArray(String[]::new)).exitCode()).isZero();
    for (int i = 0; i < 5; i++) {
      assertThat(run("verify", "Bill_Frist", known("Angelina_Jolie_1.jpg")).json().get(0).get("outcome").asText())
          .isEqualTo("no_match");
    }
    JsonNode locked = run("verify", "Bill_Frist", known("Bill_Frist_1.jpg")).json().get(0);
    assertThat(locked.get("outcome").asText()).isEqualTo("locked");
    assertThat(locked.get("lockedUntil").asText()).isNotBlank();

    CliRun unlocked = run("users", "unlock", "Bill_Frist");
    assertThat(unlocked.exitCode()).as(unlocked.err()).isZero();
    assertThat(unlocked.json().get(0).get("cleared").asBoolean()).isTrue();

    assertThat(run("verify", "Bill_Frist", known("Bill_Frist_1.jpg")).json().get(0).get("outcome").asText())
        .isEqualTo("match");
    assertThat(run("users", "unlock", "Bill_Frist").json().get(0).get("cleared").asBoolean()).isFalse();
  }

  @Test
  void usersDisableAndEnableAreAuditedAndTheAuditLogIsFilteredAsJsonOrCsv() {
    List<String> enroll = new ArrayList<>(List.of("enroll", "Bill_Frist", "--consent"));
    enroll.addAll(photos("Bill_Frist").subList(0, 2));
    assertThat(run(enroll.toArray(String[]::new)).exitCode()).isZero();

    CliRun disabled = run("users", "disable", "Bill_Frist");
    assertThat(disabled.exitCode()).as(disabled.err()).isZero();
    assertThat(disabled.json().get(0).get("status").asText()).isEqualTo("disabled");
    assertThat(run("verify", "Bill_Frist", known("Bill_Frist_1.jpg")).json().get(0).get("outcome").asText())
        .isEqualTo("user_disabled");
    assertThat(run("users", "enable", "Bill_Frist").json().get(0).get("status").asText()).isEqualTo("active");
    assertThat(run("verify", "Bill_Frist", known("Bill_Frist_1.jpg")).json().get(0).get("outcome").asText())
        .isEqualTo("match");
    assertThat(run("users", "disable", "nobody").exitCode()).isEqualTo(FaceAuthCli.EXIT_BAD_INPUT);

    CliRun audit = run("audit", "--user", "Bill_Frist", "--action", "disable_user");
    assertThat(audit.exitCode()).as(audit.err()).isZero();
    assertThat(audit.json()).hasSize(1);
    assertThat(audit.json().get(0).get("outcome").asText()).isEqualTo("disabled");
    assertThat(audit.json().get(0).get("actor").asText()).isEqualTo("cli");

    CliRun csv = run("audit", "--user", "Bill_Frist", "--format", "csv");
    assertThat(csv.exitCode()).as(csv.err()).isZero();
    String[] lines = csv.out().split("\r\n");
    assertThat(lines[0]).isEqualTo("at,actor,action,subject,related_subject,outcome,score,request_id,client_address");
    assertThat(lines).as("enroll, disable, refused verify, enable, verify").hasSize(1 + 5);
    assertThat(lines[1]).contains(",verify,Bill_Frist,,match,");

    assertThat(run("audit", "--action", "fly").exitCode()).isEqualTo(FaceAuthCli.EXIT_USAGE);
  }

  @Test
  void badUserIdsAndUnusablePhotosAreClearErrors() throws Exception {
    CliRun traversal = run("enroll", "../../etc", known("Bill_Frist_1.jpg"));
    assertThat(traversal.exitCode()).isEqualTo(FaceAuthCli.EXIT_BAD_INPUT);
    assertThat(traversal.err()).contains("not allowed");

    Path text = Files.writeString(folder.resolve("notes.jpg"), "hello");
    CliRun rejected = run("enroll", "someone", text.toString(), TestData.images("test/no_face").get(0).toString());
    assertThat(rejected.exitCode()).isEqualTo(FaceAuthCli.EXIT_BAD_INPUT);
    assertThat(rejected.err()).contains("nothing was stored");
    assertThat(rejected.json().get(0).get("images").get(0).get("reasons").get(0).asText())
        .isEqualTo("IMAGE_UNSUPPORTED_FORMAT");
    assertThat(run("users").json()).isEmpty();
  }

  @Test
  void embeddingsExportToNpyAndRebuildALostDatabase() throws Exception {
    List<String> enroll = new ArrayList<>(List.of("enroll", "Angelina_Jolie"));
    enroll.addAll(photos("Angelina_Jolie"));
    assertThat(run(enroll.toArray(String[]::new)).exitCode()).isZero();

    JsonNode exported = run("export-embeddings").json().get(0);
    assertThat(exported.get("users").asInt()).isEqualTo(1);
    Path npy = Path.of(exported.get("folder").asText()).resolve("Angelina_Jolie.npy");
    assertThat(npy).isRegularFile();

    Files.delete(folder.resolve("data/faceauth.db"));
    assertThat(run("users").json()).isEmpty();
    JsonNode rebuilt = run("rebuild").json().get(0);
    assertThat(rebuilt.get("users").asInt()).isEqualTo(1);
    assertThat(run("verify", "Angelina_Jolie", known("Angelina_Jolie_1.jpg")).json().get(0).get("match").asBoolean())
        .isTrue();

    JsonNode rotated = run("rotate-key").json().get(0);
    assertThat(rotated.get("templates").asInt()).isEqualTo(rebuilt.get("templates").asInt());
    assertThat(rotated.get("previousKeys").get(0).asText()).isNotEqualTo(rotated.get("newKey").asText());
    assertThat(run("verify", "Angelina_Jolie", known("Angelina_Jolie_1.jpg")).json().get(0).get("match").asBoolean())
        .isTrue();
    assertThat(run("bind-template-owners").json().get(0).get("templatesResealed").asInt())
        .as("templates written by this version are bound to their owners already").isZero();
  }

  @Test
  void livenessRefusesReplaysAndPassesLiveCaptures() {
    CliRun run = CliRun.of("liveness", TestData.raw("test/spoof/live/apfol_real2_01.jpg").toString(),
        TestData.raw("test/spoof/replay/apfol_fake2_01.jpg").toString(),
        TestData.images("test/no_face").get(0).toString());
    assertThat(run.exitCode()).isZero();
    assertThat(run.json()).hasSize(3);
    assertThat(run.json().get(0).get("live").asBoolean()).isTrue();
    assertThat(run.json().get(1).get("live").asBoolean()).isFalse();
    assertThat(run.json().get(1).get("score").asDouble()).isLessThan(0.5);
    assertThat(run.json().get(2).get("reason").asText()).isEqualTo("NO_FACE");
  }

  @Test
  void aWrongTemplateKeyIsAStorageErrorNamingTheKey() throws Exception {
    List<String> enroll = new ArrayList<>(List.of("enroll", "Ann_Veneman"));
    enroll.addAll(photos("Ann_Veneman").subList(0, 2));
    assertThat(run(enroll.toArray(String[]::new)).exitCode()).isZero();
    Files.writeString(folder.resolve("data/template.keys"), "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n");

    CliRun wrong = run("users");
    assertThat(wrong.exitCode()).isEqualTo(FaceAuthCli.EXIT_STORAGE);
    assertThat(wrong.err()).contains("which is not configured");
  }

  @Test
  void enrollDirImportsEveryUserFolderAndReportsRefusals() throws Exception {
    Path source = folder.resolve("import");
    for (String person : List.of("Ann_Veneman", "Edmund_Stoiber")) {
      Files.createDirectories(source.resolve(person));
      for (Path photo : TestData.images("users/" + person)) {
        Files.copy(photo, source.resolve(person).resolve(photo.getFileName()));
      }
    }
    Files.createDirectories(source.resolve("no-face-person"));
    Files.copy(TestData.images("test/no_face").get(0), source.resolve("no-face-person/1.jpg"));
    Files.createDirectories(source.resolve("bad id"));
    long filesBefore;
    try (var walk = Files.walk(source)) {
      filesBefore = walk.count();
    }

    CliRun run = run("enroll-dir", source.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode summary = run.json().get(0);
    assertThat(summary.get("users").asInt()).isEqualTo(4);
    assertThat(summary.get("enrolled").asInt()).isEqualTo(2);
    assertThat(summary.get("refusedUsers").toString())
        .contains("no-face-person", "ENROLLMENT_REJECTED", "bad id", "INVALID_USER_ID");
    assertThat(run.err()).contains("Enrolling");
    try (var walk = Files.walk(source)) {
      assertThat(walk.count()).isEqualTo(filesBefore);
    }
    assertThat(run("users").json()).hasSize(2);
  }
}

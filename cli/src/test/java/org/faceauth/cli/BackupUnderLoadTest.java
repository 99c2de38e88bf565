package org.faceauth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.faceauth.core.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code faceauth backup} taken while the real server (in this JVM, on loopback) enrolls and verifies faces from
 * faces-dev, then {@code faceauth restore} into a fresh data directory and a second server started from it: every
 * enrollment acknowledged before the backup began verifies there, no user holds part of an enrollment, nothing
 * created after the backup finished is in it, and the API keys came along.
 */
class BackupUnderLoadTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ADMIN_KEY = "backup-test-admin-key-0123456789abcdef0123456789";
  private static final int USERS = 12;
  private static final int ENROLLERS = 2;
  private static final int VERIFIERS = 2;
  private static final Duration LOAD_LIMIT = Duration.ofMinutes(6);
  /** The test is about storage: LFW press photos are not what the passive liveness model judges. */
  private static final Map<String, String> SERVER_SETTINGS = Map.of("faceauth.liveness.required", "false");

  @TempDir Path folder;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** One enrollment as the load saw it: when its user was created and when the server acknowledged it. */
  record Enrollment(String user, long createdStart, long acknowledgedAt, int templates) {}

  @Test
  void aBackupTakenUnderLoadRestoresEveryAcknowledgedEnrollmentWhole() throws Exception {
    Path live = folder.resolve("live");
    Path restored = folder.resolve("restored");
    Path backupFile = Files.createDirectories(folder.resolve("backups")).resolve("faceauth-backup.db");
    Path keyFile = Files.createDirectories(folder.resolve("keys")).resolve("template.keys");
    List<String> people = people();
    Map<String, Enrollment> acknowledged = new ConcurrentHashMap<>();
    Map<String, Long> createStarted = new ConcurrentHashMap<>();
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger verifications = new AtomicInteger();
    long backupStart;
    long backupEnd;
    int inFlightAtBackup;
    CliRun backup;

    Map<String, String> first = new HashMap<>(SERVER_SETTINGS);
    first.put("faceauth.bootstrap-admin-key", ADMIN_KEY);
    try (TestServer server = TestServer.start(live, first)) {
      Queue<String> toEnroll = new ConcurrentLinkedQueue<>(people);
      long deadline = System.nanoTime() + LOAD_LIMIT.toNanos();
      ExecutorService load = Executors.newFixedThreadPool(ENROLLERS + VERIFIERS);
      List<Future<?>> workers = new ArrayList<>();
      for (int i = 0; i < ENROLLERS; i++) {
        workers.add(load.submit(() -> {
          for (String user = toEnroll.poll(); user != null && System.nanoTime() < deadline; user = toEnroll.poll()) {
            enroll(server, user, acknowledged, createStarted, inFlight);
          }
          return null;
        }));
      }
      for (int i = 0; i < VERIFIERS; i++) {
        workers.add(load.submit(() -> {
          while (!toEnroll.isEmpty() && System.nanoTime() < deadline) {
            List<String> enrolled = List.copyOf(acknowledged.keySet());
            if (enrolled.isEmpty()) {
              Thread.sleep(200);
              continue;
            }
            String user = enrolled.get(ThreadLocalRandom.current().nextInt(enrolled.size()));
            inFlight.incrementAndGet();
            try {
              send(server, "/api/v1/auth/verify", Map.of("userId", user, "image", probe(user)));
              verifications.incrementAndGet();
            } finally {
              inFlight.decrementAndGet();
            }
          }
          return null;
        }));
      }

      while (acknowledged.size() < 3 && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      inFlightAtBackup = inFlight.get();
      backupStart = System.nanoTime();
      backup = CliRun.of("backup", backupFile.toString(), "--data", live.toString(), "--key-out", keyFile.toString());
      backupEnd = System.nanoTime();

      for (Future<?> worker : workers) {
        worker.get(LOAD_LIMIT.toSeconds() + 60, TimeUnit.SECONDS);
      }
      load.shutdown();
      assertThat(backup.exitCode()).as(backup.err()).isZero();
    }

    long acknowledgedBefore = acknowledged.values().stream().filter(e -> e.acknowledgedAt() < backupStart).count();
    assertThat(acknowledgedBefore).as("enrollments acknowledged before the backup").isGreaterThanOrEqualTo(3);
    assertThat(inFlightAtBackup).as("requests in flight when the backup began").isPositive();
    assertThat(acknowledged.values()).as("enrollments acknowledged after the backup began")
        .anyMatch(e -> e.acknowledgedAt() > backupStart);
    assertThat(acknowledged).as("every person enrolled within the load's time").hasSize(people.size());
    assertThat(verifications.get()).isPositive();
    JsonNode made = backup.json().get(0);
    assertThat(made.get("keyRingExportedTo").asText()).isEqualTo(keyFile.toString());
    assertThat(made.get("keyIds")).hasSize(1);

    CliRun restore = CliRun.of("restore", backupFile.toString(), "--data", restored.toString(),
        "--keys", keyFile.toString());
    assertThat(restore.exitCode()).as(restore.err()).isZero();

    try (TestServer server = TestServer.start(restored, SERVER_SETTINGS)) {
      assertThat(get(server, "/api/v1/users?page=0&size=1").statusCode())
          .as("the admin key (a hash in the database, no bootstrap setting now) came back with the backup")
          .isEqualTo(200);
      for (String user : people) {
        Enrollment enrollment = acknowledged.get(user);
        HttpResponse<String> stored = get(server, "/api/v1/users/" + user);
        if (enrollment.acknowledgedAt() < backupStart) {
          assertThat(stored.statusCode()).as(user + " acknowledged before the backup").isEqualTo(200);
          assertThat(JSON.readTree(stored.body()).get("templates").asInt()).as(user).isEqualTo(enrollment.templates());
          JsonNode verdict = JSON.readTree(send(server, "/api/v1/auth/verify",
              Map.of("userId", user, "image", probe(user))).body());
          assertThat(verdict.get("outcome").asText()).as(user + " verifies after the restore").isEqualTo("match");
        } else if (stored.statusCode() == 200) {
          assertThat(JSON.readTree(stored.body()).get("templates").asInt())
              .as(user + ": all of the enrollment or none of it").isIn(0, enrollment.templates());
        } else {
          assertThat(stored.statusCode()).as(user).isEqualTo(404);
        }
        if (createStarted.get(user) > backupEnd) {
          assertThat(stored.statusCode()).as(user + " was created after the backup ended").isEqualTo(404);
        }
      }
    }
  }

  private void enroll(
      TestServer server, String user, Map<String, Enrollment> acknowledged, Map<String, Long> createStarted,
      AtomicInteger inFlight) throws IOException, InterruptedException {
    List<String> images = new ArrayList<>();
    for (Path photo : TestData.images("users/" + user)) {
      images.add(Base64.getEncoder().encodeToString(Files.readAllBytes(photo)));
    }
    inFlight.incrementAndGet();
    try {
      createStarted.put(user, System.nanoTime());
      HttpResponse<String> created =
          send(server, "/api/v1/users", Map.of("userId", user, "displayName", user, "consent", true));
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      HttpResponse<String> enrolled = send(server, "/api/v1/users/" + user + "/faces", Map.of("images", images));
      long at = System.nanoTime();
      assertThat(enrolled.statusCode()).as(user + ": " + enrolled.body()).isIn(200, 201);
      acknowledged.put(user, new Enrollment(user, createStarted.get(user), at,
          JSON.readTree(enrolled.body()).get("templates").asInt()));
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private HttpResponse<String> send(TestServer server, String path, Object body)
      throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(server.uri(path))
            .header("X-API-Key", ADMIN_KEY).header("Content-Type", "application/json")
            .timeout(Duration.ofMinutes(2))
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(TestServer server, String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(server.uri(path)).header("X-API-Key", ADMIN_KEY)
        .timeout(Duration.ofMinutes(1)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A photo of {@code user} that was not enrolled: {@code test/known_faces/<user>_1.jpg}, as base64. */
  private static String probe(String user) throws IOException {
    return Base64.getEncoder().encodeToString(TestData.bytes("test/known_faces/" + user + "_1.jpg"));
  }

  /** The first faces-dev users (alphabetically) that have a probe photo. */
  private static List<String> people() throws IOException {
    try (Stream<Path> folders = Files.list(TestData.raw("users"))) {
      return folders.map(p -> p.getFileName().toString()).sorted()
          .filter(user -> Files.exists(TestData.dataDir().resolve("raw/test/known_faces/" + user + "_1.jpg")))
          .limit(USERS).toList();
    }
  }
}

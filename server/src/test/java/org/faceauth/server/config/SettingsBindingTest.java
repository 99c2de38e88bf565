package org.faceauth.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.faceauth.core.detect.DetectorKind;
import org.faceauth.core.embed.EmbeddingModel;
import org.faceauth.core.model.InferenceOptions;
import org.faceauth.core.model.ModelDirectory;
import org.faceauth.core.model.ModelFile;
import org.faceauth.core.pipeline.EngineConfig;
import org.faceauth.core.quality.QualitySettings;
import org.faceauth.store.StoreSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code FACEAUTH_*} environment variables bind to the settings the server and the command line share. */
class SettingsBindingTest {
  @Test
  void nothingSetGivesTheCoreDefaults() {
    ServerSettings settings = ServerSettings.fromEnvironment(Map.of());
    EngineConfig config = settings.engine().config(ModelDirectory.bundled(), new InferenceOptions(1));
    EngineConfig defaults = EngineConfig.defaults(ModelDirectory.bundled());
    assertThat(config.strategy()).isEqualTo(defaults.strategy());
    assertThat(config.embeddingModel()).isEqualTo(defaults.embeddingModel());
    assertThat(config.threshold()).isEmpty();
    assertThat(config.quality()).isEqualTo(QualitySettings.DEFAULT);
    assertThat(settings.store()).isEqualTo(StoreSettings.embedded(Path.of("data")));
    assertThat(settings.livenessPolicy().required()).isTrue();
  }

  @Test
  void theLimitAcrossNetworksIsFourTimesMaxFailuresUnlessSet_andNeverBelowIt() {
    assertThat(ServerSettings.fromEnvironment(Map.of()).loginPolicy().maxFailuresAcrossNetworks()).isEqualTo(20);
    assertThat(ServerSettings.fromEnvironment(Map.of("FACEAUTH_LOCKOUT_MAXFAILURES", "3")).loginPolicy()
        .maxFailuresAcrossNetworks()).isEqualTo(12);
    assertThat(ServerSettings.fromEnvironment(Map.of("FACEAUTH_LOCKOUT_MAXFAILURESACROSSNETWORKS", "50"))
        .loginPolicy().maxFailuresAcrossNetworks()).isEqualTo(50);
    assertThatThrownBy(() -> ServerSettings.fromEnvironment(Map.of("FACEAUTH_LOCKOUT_MAXFAILURES", "10",
        "FACEAUTH_LOCKOUT_MAXFAILURESACROSSNETWORKS", "9")).loginPolicy())
        .hasMessageContaining("faceauth.lockout.max-failures-across-networks").hasMessageContaining("not 9");
  }

  @Test
  void engineVariablesChooseTheDetectorsModelThresholdAndQualityGate() {
    ServerSettings settings = ServerSettings.fromEnvironment(Map.of(
        "FACEAUTH_ENGINE_ENROLL_DETECTOR", "mtcnn",
        "FACEAUTH_ENGINE_VERIFY_DETECTOR", "MTCNN",
        "FACEAUTH_ENGINE_MODEL", "mobilefacenet",
        "FACEAUTH_ENGINE_THRESHOLD", "0.42",
        "FACEAUTH_ENGINE_QUALITY_MAX_YAW", "0.3"));
    EngineConfig config = settings.engine().config(ModelDirectory.bundled(), new InferenceOptions(1));
    assertThat(config.strategy().enroll()).isEqualTo(DetectorKind.MTCNN);
    assertThat(config.strategy().verify()).isEqualTo(DetectorKind.MTCNN);
    assertThat(config.embeddingModel()).isSameAs(EmbeddingModel.MOBILEFACENET);
    assertThat(config.effectiveThreshold()).isEqualTo(0.42);
    assertThat(config.quality().maxYaw()).isEqualTo(0.3);
    assertThat(config.quality().minSharpness()).isEqualTo(QualitySettings.DEFAULT.minSharpness());
  }

  @Test
  void thePublicUrlAndTheOpenIdConnectSettingsBindFromTheEnvironment_withDefaults() {
    ServerSettings defaults = ServerSettings.fromEnvironment(Map.of());
    assertThat(defaults.publicUrl()).isNull();
    assertThat(defaults.oidc()).isEqualTo(new ServerSettings.Oidc(Duration.ofMinutes(1), Duration.ofMinutes(5),
        Duration.ofMinutes(5), Duration.ofMinutes(10), 3, true, Duration.ofMinutes(10)));

    ServerSettings settings = ServerSettings.fromEnvironment(Map.of(
        "FACEAUTH_PUBLIC_URL", "https://faceauth.example.org",
        "FACEAUTH_OIDC_ID_TOKEN_TTL", "2m",
        "FACEAUTH_OIDC_MAX_ATTEMPTS", "5",
        "FACEAUTH_OIDC_CHALLENGE_REQUIRED", "false"));
    assertThat(settings.publicUrl()).isEqualTo("https://faceauth.example.org");
    assertThat(settings.oidc().idTokenTtl()).isEqualTo(Duration.ofMinutes(2));
    assertThat(settings.oidc().maxAttempts()).isEqualTo(5);
    assertThat(settings.oidc().challengeRequired()).isFalse();
  }

  @Test
  void storeVariablesGoThroughTheSameBinding() {
    ServerSettings settings = ServerSettings.fromEnvironment(Map.of(
        "FACEAUTH_DATA_DIR", "/srv/faceauth",
        "FACEAUTH_KEY_FILE", "/etc/faceauth/template.keys",
        "FACEAUTH_RAW_RETENTION_DAYS", "7",
        "FACEAUTH_DEBUG_CROPS", "true"));
    StoreSettings store = settings.store();
    assertThat(store.dataDirectory()).isEqualTo(Path.of("/srv/faceauth"));
    assertThat(store.databaseUrl()).isEqualTo("jdbc:sqlite:/srv/faceauth/faceauth.db");
    assertThat(store.keyFile()).isEqualTo(Path.of("/etc/faceauth/template.keys"));
    assertThat(store.rawRetention()).isEqualTo(Duration.ofDays(7));
    assertThat(store.debugCrops()).isTrue();
  }

  @Test
  void theModelSettingSelectsAnEmbedderDescribedInTheModelsFolder(@TempDir Path folder) throws IOException {
    Files.write(folder.resolve("mfn.onnx"), ModelDirectory.bundled().bytes(ModelFile.MOBILEFACENET));
    Files.writeString(folder.resolve("site_embedder.properties"), String.join("\n",
        "kind=embedder", "file=mfn.onnx", "sha256=" + ModelFile.MOBILEFACENET.sha256(), "input-size=112x112",
        "colour-order=rgb", "mean=127.5", "scale=0.0078125", "output-size=128", "threshold=0.4"));
    ServerSettings settings = ServerSettings.fromEnvironment(Map.of("FACEAUTH_ENGINE_MODEL", "site_embedder"));
    EngineConfig config = settings.engine().config(ModelDirectory.withOverrides(folder), new InferenceOptions(1));
    assertThat(config.embeddingModel().versionedId()).isEqualTo("site_embedder@" + ModelFile.MOBILEFACENET.version());
    assertThat(config.embeddingModel().normalization().std()).containsOnly(128f);
    assertThat(config.effectiveThreshold()).isEqualTo(0.4);
  }

  @Test
  void anUnknownDetectorIsNamedWithTheAcceptedOnes() {
    ServerSettings settings = ServerSettings.fromEnvironment(Map.of("FACEAUTH_ENGINE_VERIFY_DETECTOR", "dlib"));
    assertThatThrownBy(() -> settings.engine().strategy())
        .hasMessageContaining("'dlib'").hasMessageContaining("mtcnn, yunet, haar, blazeface");
  }

  @Test
  void invitationVariablesSetThePublicUrlTheirLifetimeAndRate() {
    ServerSettings defaults = ServerSettings.fromEnvironment(Map.of());
    assertThat(defaults.publicUrl()).isNull();
    assertThat(defaults.invitations().defaultTtl()).isEqualTo(Duration.ofHours(72));
    assertThat(defaults.invitations().perMinute()).isEqualTo(120);
    ServerSettings set = ServerSettings.fromEnvironment(Map.of(
        "FACEAUTH_PUBLIC_URL", "https://faceauth.example.org",
        "FACEAUTH_INVITATIONS_DEFAULT_TTL", "30m",
        "FACEAUTH_INVITATIONS_PER_MINUTE", "20"));
    assertThat(set.publicUrl()).isEqualTo("https://faceauth.example.org");
    assertThat(set.invitations().defaultTtl()).isEqualTo(Duration.ofMinutes(30));
    assertThat(set.invitations().perMinute()).isEqualTo(20);
  }
}

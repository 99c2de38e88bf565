package org.faceauth.store.dataset;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.faceauth.core.embed.Embedding;
import org.faceauth.core.template.Template;
import org.faceauth.core.template.TemplateStore;
import org.faceauth.core.user.User;
import org.faceauth.core.user.UserId;
import org.faceauth.core.user.UserProfile;

/**
 * Exports every user's templates to {@code processed/embeddings/<user_id>.npy} (an n×d float32 array NumPy reads)
 * with a {@code <user_id>.json} manifest (model id, and per row the template id, detector, quality and time), and
 * rebuilds a store from them, so a lost database can be restored without re-processing photos. The files hold
 * unencrypted embeddings: they are written owner-only and erased with the user.
 */
public final class EmbeddingExport {
  private static final ObjectMapper JSON = new ObjectMapper().registerModule(new Jdk8Module());

  /** The manifest written beside each {@code .npy}. */
  record Manifest(
      String user, String model, Optional<String> displayName, Optional<String> email, Optional<Long> consentAt,
      List<Row> rows) {}

  /** One row of the array. */
  record Row(String id, String detector, double quality, long createdAt) {}

  private final DatasetFolder dataset;

  public EmbeddingExport(DatasetFolder dataset) {
    this.dataset = dataset;
  }

  /**
   * Writes the templates of {@code modelId} of every user.
   *
   * @return how many users were written
   */
  public int export(TemplateStore store, String modelId) {
    int written = 0;
    try {
      DatasetFolder.createPrivateDirectories(dataset.embeddingsFolder());
      for (User user : store.users()) {
        List<Template> templates =
            store.templates(user.id()).stream().filter(t -> t.embedding().modelId().equals(modelId)).toList();
        if (templates.isEmpty()) {
          continue;
        }
        float[][] rows = templates.stream().map(t -> t.embedding().vector()).toArray(float[][]::new);
        DatasetFolder.writePrivate(dataset.embeddingsOf(user.id()), NpyFile.encode(rows));
        Manifest manifest = new Manifest(
            user.id().value(), modelId, user.profile().displayName(), user.profile().email(),
            user.profile().consentAt().map(Instant::toEpochMilli),
            templates.stream()
                .map(t -> new Row(t.id(), t.detector(), t.quality(), t.createdAt().toEpochMilli()))
                .toList());
        DatasetFolder.writePrivate(dataset.embeddingsManifestOf(user.id()), JSON.writeValueAsBytes(manifest));
        written++;
      }
    } catch (IOException e) {
      throw new FaceAuthException(ErrorCode.DATASET_IO_FAILED, "Cannot export embeddings: " + e.getMessage(), e);
    }
    return written;
  }

  /**
   * Restores every exported user into {@code store}, replacing the templates they have there.
   *
   * @return how many users were restored
   * @throws FaceAuthException {@link ErrorCode#DATASET_IO_FAILED} if a file is unreadable or its manifest is missing
   */
  public int rebuild(TemplateStore store) {
    Path folder = dataset.embeddingsFolder();
    if (!Files.isDirectory(folder)) {
      throw new FaceAuthException(ErrorCode.DATASET_IO_FAILED, "Nothing to rebuild from: " + folder + " is missing.");
    }
    int restored = 0;
    try (Stream<Path> files = Files.list(folder)) {
      for (Path npy : files.filter(f -> f.getFileName().toString().endsWith(".npy")).sorted().toList()) {
        String name = npy.getFileName().toString();
        UserId user = UserId.of(name.substring(0, name.length() - ".npy".length()));
        Manifest manifest = JSON.readValue(dataset.embeddingsManifestOf(user).toFile(), Manifest.class);
        float[][] rows = NpyFile.read(npy);
        if (rows.length != manifest.rows().size()) {
          throw new IOException(npy + " has " + rows.length + " rows but its manifest lists " + manifest.rows().size());
        }
        List<Template> templates = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
          Row row = manifest.rows().get(i);
          templates.add(new Template(
              row.id(), user, new Embedding(manifest.model(), rows[i]), row.detector(), row.quality(),
              Instant.ofEpochMilli(row.createdAt())));
        }
        UserProfile profile = new UserProfile(
            manifest.displayName(), manifest.email(), manifest.consentAt().map(Instant::ofEpochMilli));
        store.enroll(user, profile, templates, true);
        restored++;
      }
    } catch (IOException e) {
      throw new FaceAuthException(ErrorCode.DATASET_IO_FAILED, "Cannot rebuild from " + folder + ": "
          + e.getMessage(), e);
    }
    return restored;
  }
}

package org.faceauth.store.flow;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.AbstractList;
import java.util.Random;
import org.faceauth.core.embed.Embedding;
import org.faceauth.core.template.Template;
import org.faceauth.core.user.UserId;
import org.faceauth.core.user.UserProfile;
import org.faceauth.store.crypto.KeyRingFile;
import org.faceauth.store.crypto.TemplateCipher;
import org.faceauth.store.jdbc.Database;
import org.faceauth.store.jdbc.JdbcTemplateStore;

/**
 * Run in a child JVM by {@link EnrollmentAtomicityTest}: starts enrolling {@code crash-victim} and halts the JVM (no
 * shutdown hooks, no rollback) after the user row is written and while the templates are being added.
 */
public final class CrashDuringEnrollment {
  private CrashDuringEnrollment() {}

  public static void main(String[] args) {
    String url = args[0];
    Path keyFile = Path.of(args[1]);
    Database database = Database.open(url);
    JdbcTemplateStore store =
        new JdbcTemplateStore(database, new TemplateCipher(new KeyRingFile(keyFile).load()), Clock.systemUTC());
    UserId victim = UserId.of("crash-victim");
    store.enroll(victim, UserProfile.EMPTY, new AbstractList<Template>() {
      @Override
      public Template get(int index) {
        if (index == 2) {
          Runtime.getRuntime().halt(41);
        }
        return randomTemplate(victim, index);
      }

      @Override
      public int size() {
        return 5;
      }
    }, false);
    System.exit(0);
  }

  static Template randomTemplate(UserId user, int seed) {
    Random random = new Random(seed);
    float[] v = new float[512];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return new Template("t-" + user + "-" + seed, user, Embedding.normalized("fr_feature@test", v), "mtcnn", 0.99,
        Instant.now());
  }
}

package org.faceauth.store.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.faceauth.core.flow.EnrollmentRequest;
import org.faceauth.core.flow.RequestContext;
import org.faceauth.core.template.Template;
import org.faceauth.store.FaceAuthSystem;
import org.faceauth.store.dataset.EmbeddingExport;
import org.faceauth.store.dataset.NpyFile;
import org.faceauth.store.testing.BackendKind;
import org.faceauth.store.testing.Faces;
import org.faceauth.store.testing.TestSystem;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** processed/embeddings/*.npy: real NumPy files, and enough to rebuild a lost database. */
class EmbeddingExportTest {
  @TempDir Path folder;

  @ParameterizedTest
  @EnumSource(BackendKind.class)
  void exportedEmbeddingsLoadInNumpyAndRebuildALostDatabase(BackendKind kind) throws Exception {
    try (TestSystem original = new TestSystem(kind, folder.resolve("original"))) {
      FaceAuthSystem system = original.system();
      system.service().enroll(EnrollmentRequest.of(Faces.user(0), Faces.enrollment(0)), RequestContext.cli());
      system.service().enroll(EnrollmentRequest.of(Faces.user(1), Faces.enrollment(1)), RequestContext.cli());
      String model = system.service().index().modelId();

      assertThat(new EmbeddingExport(system.dataset()).export(system.store(), model)).isEqualTo(2);

      Path npy = system.dataset().embeddingsOf(Faces.user(0));
      List<Template> templates = system.store().templates(Faces.user(0));
      assertThat(numpy(npy, "a = numpy.load(sys.argv[1]); print(a.dtype, a.shape, round(float(a[0][0]), 6))"))
          .isEqualTo("float32 (" + templates.size() + ", 512) "
              + String.format("%.6f", templates.get(0).embedding().vector()[0]).replaceAll("0+$", ""));
      assertThat(NpyFile.read(npy)[1]).containsExactly(templates.get(1).embedding().vector());

      try (TestSystem rebuilt = new TestSystem(kind, folder.resolve("rebuilt"))) {
        Path exported = system.dataset().embeddingsFolder();
        Path target = rebuilt.system().dataset().embeddingsFolder();
        Files.createDirectories(target);
        try (var files = Files.list(exported)) {
          for (Path f : files.toList()) {
            Files.copy(f, target.resolve(f.getFileName()));
          }
        }
        assertThat(new EmbeddingExport(rebuilt.system().dataset()).rebuild(rebuilt.system().store())).isEqualTo(2);
        rebuilt.service().reloadIndex();

        assertThat(rebuilt.system().store().templates(Faces.user(0))).isEqualTo(templates);
        assertThat(rebuilt.service().verify(Faces.user(1), Faces.probe(1), RequestContext.cli()).match()).isTrue();
        assertThat(rebuilt.service().verify(Faces.user(0), Faces.probe(1), RequestContext.cli()).match()).isFalse();
      }
    }
  }

  /** Runs a Python snippet with NumPy (Debian's python3-numpy) on {@code file}; returns its stripped output. */
  private static String numpy(Path file, String code) throws Exception {
    String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    Process p = new ProcessBuilder(python, "-c", "import sys, numpy; " + code, file.toString())
        .redirectErrorStream(true)
        .start();
    String out = new String(p.getInputStream().readAllBytes()).strip();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }
}

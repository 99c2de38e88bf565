package org.faceauth.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.faceauth.core.audit.AuditAction;
import org.faceauth.core.audit.AuditLog;
import org.faceauth.server.testing.Api.Answer;
import org.faceauth.server.testing.Api.Part;
import org.faceauth.server.testing.FreshServer;
import org.faceauth.server.testing.ServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What a verification answer tells the caller: an unknown user id looks exactly like a known user's no-match (after
 * the same inference, counted by the lockout), and refused attempts carry no score to climb on.
 */
@FreshServer
class VerifyAnswersTest extends ServerTest {
  @Autowired AuditLog audit;

  private Answer verify(String user, String photo) {
    return api.postMultipart("/api/v1/auth/verify", appKey,
        List.of(Part.field("userId", user), Part.file("image", photo(photo))));
  }

  @Test
  void anUnknownUserIdIsAnsweredExactlyLikeAKnownUsersNoMatch() {
    Answer enrolled = api.postMultipart(newUserFaces("ann-known") + "&allowDuplicate=true", ADMIN_KEY, List.of(
        Part.file("images", photo("users/Ann_Veneman/1.jpg")), Part.file("images", photo("users/Ann_Veneman/2.jpg"))));
    assertThat(enrolled.status()).as(enrolled.text()).isEqualTo(201);

    Answer known = verify("ann-known", "test/known_faces/Bill_Frist_1.jpg");
    Answer unknown = verify("nobody-here", "test/known_faces/Bill_Frist_1.jpg");

    assertThat(unknown.status()).as(unknown.text()).isEqualTo(known.status()).isEqualTo(200);
    JsonNode a = known.json();
    JsonNode b = unknown.json();
    assertThat(b.get("outcome").asText()).isEqualTo(a.get("outcome").asText()).isEqualTo("no_match");
    assertThat(fieldNames(b)).isEqualTo(fieldNames(a));
    assertThat(fieldNames(b.get("liveness"))).isEqualTo(fieldNames(a.get("liveness")));
    assertThat(b.get("score").isNull()).isTrue();
    assertThat(a.get("score").isNull()).isTrue();
    assertThat(b.get("threshold")).isEqualTo(a.get("threshold"));
    assertThat(b.get("liveness").get("checks")).isEqualTo(a.get("liveness").get("checks"));
    assertThat(audit.recent(10)).anySatisfy(e -> {
      assertThat(e.action()).isEqualTo(AuditAction.VERIFY);
      assertThat(e.subject()).contains("nobody-here");
      assertThat(e.outcome()).isEqualTo("unknown_user");
    });
  }

  @Test
  void aSpoofAnswerCarriesNoScoreAndNoThreshold() {
    Answer enrolled = api.postMultipart(newUserFaces("apfol-spoof") + "&allowDuplicate=true", ADMIN_KEY, List.of(
        Part.file("images", photo("test/spoof/live/apfol_real2_01.jpg")),
        Part.file("images", photo("test/spoof/live/apfol_real2_02.jpg")),
        Part.file("images", photo("test/spoof/live/apfol_real2_03.jpg"))));
    assertThat(enrolled.status()).as(enrolled.text()).isEqualTo(201);

    JsonNode spoof = verify("apfol-spoof", "test/spoof/replay/apfol_fake2_04.jpg").json();

    assertThat(spoof.get("outcome").asText()).isEqualTo("spoof");
    assertThat(spoof.get("score").isNull()).isTrue();
    assertThat(spoof.get("threshold").isNull()).isTrue();
    assertThat(spoof.get("liveness").get("live").asBoolean()).isFalse();
    assertThat(spoof.get("liveness").get("score").isNull()).isTrue();
    assertThat(spoof.get("liveness").get("threshold").isNull()).isTrue();
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}

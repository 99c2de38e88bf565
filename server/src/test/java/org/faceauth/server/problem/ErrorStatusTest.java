package org.faceauth.server.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.faceauth.core.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.http.HttpStatus;

/** Every core and API failure code has an error status in the one table, and its title is that status's. */
class ErrorStatusTest {
  @ParameterizedTest
  @EnumSource(ErrorCode.class)
  void everyCoreCodeHasAnErrorStatusAndItsTitle(ErrorCode code) {
    HttpStatus status = ErrorStatus.of(code);
    assertThat(status.isError()).as(code.name()).isTrue();
    assertThat(ErrorStatus.title(status)).as(code.name()).isNotBlank().isEqualTo(status.getReasonPhrase());
  }

  @ParameterizedTest
  @EnumSource(ApiErrorCode.class)
  void everyApiCodeHasAnErrorStatusAndItsTitle(ApiErrorCode code) {
    HttpStatus status = ErrorStatus.of(code);
    assertThat(status.isError()).as(code.name()).isTrue();
    assertThat(ErrorStatus.title(status)).as(code.name()).isNotBlank().isEqualTo(status.getReasonPhrase());
  }

  @Test
  void aTemplateMissingForTheModelIsAConflictTitledSo() {
    assertThat(ErrorStatus.of(ErrorCode.NO_TEMPLATES_FOR_MODEL)).isEqualTo(HttpStatus.CONFLICT);
    assertThat(new Problems.Problem(ErrorStatus.of(ErrorCode.NO_TEMPLATES_FOR_MODEL), "NO_TEMPLATES_FOR_MODEL", "",
        Optional.empty(), Optional.empty()).title()).isEqualTo("Conflict");
  }

  @ParameterizedTest
  @EnumSource(value = ApiErrorCode.class,
      names = {"USER_LOCKED", "USER_DISABLED", "NO_FACE", "CSRF_REFUSED", "NO_LOGIN_PENDING", "BAD_REQUEST",
          "INTERNAL_ERROR", "INVITATION_USED", "INVITATION_REVOKED", "INVITATION_EXPIRED",
          "AUTHORIZATION_REQUEST_REFUSED", "INVALID_TOKEN", "INSUFFICIENT_SCOPE", "INVALID_CLIENT",
          "OAUTH_REQUEST_REFUSED"},
      mode = EnumSource.Mode.EXCLUDE)
  void aBareStatusFindsTheCodeThatAnswersWithIt(ApiErrorCode code) {
    assertThat(ApiErrorCode.forStatus(ErrorStatus.of(code).value())).isEqualTo(code);
  }

  @Test
  void otherStatusesFallBackToBadRequestOrInternalError() {
    assertThat(ApiErrorCode.forStatus(418)).isEqualTo(ApiErrorCode.BAD_REQUEST);
    assertThat(ApiErrorCode.forStatus(502)).isEqualTo(ApiErrorCode.INTERNAL_ERROR);
  }
}

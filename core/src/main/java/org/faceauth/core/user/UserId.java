package org.faceauth.core.user;

import java.util.regex.Pattern;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;

/**
 * A person's external id, as the integrating application names them. Restricted to {@code [A-Za-z0-9._-]{1,64}} and
 * never {@code .} or {@code ..}, so that it is safe as a file or folder name under {@code dataset/}: no id can make a
 * path leave that folder.
 *
 * @param value the validated id
 */
public record UserId(String value) implements Comparable<UserId> {
  private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  public UserId {
    if (value == null || !ALLOWED.matcher(value).matches() || value.equals(".") || value.equals("..")) {
      throw new FaceAuthException(
          ErrorCode.INVALID_USER_ID,
          "User id " + printable(value) + " is not allowed: use 1 to 64 letters, digits, '.', '_' or '-' "
              + "(and not '.' or '..').");
    }
  }

  public static UserId of(String value) {
    return new UserId(value);
  }

  /** Whether {@code value} would be accepted. */
  public static boolean isValid(String value) {
    return value != null && ALLOWED.matcher(value).matches() && !value.equals(".") && !value.equals("..");
  }

  private static String printable(String value) {
    if (value == null) {
      return "(none)";
    }
    String shown = value.length() > 80 ? value.substring(0, 80) + "…" : value;
    return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
  }

  @Override
  public int compareTo(UserId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}

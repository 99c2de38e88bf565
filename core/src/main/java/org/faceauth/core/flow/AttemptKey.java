package org.faceauth.core.flow;

import java.util.Objects;
import org.faceauth.core.user.UserId;

/**
 * Whose attempts one row of the {@link LoginAttempts} ledger counts. A trusted caller's attempts (an API key, the
 * command line) count per user id ({@code alice}); an anonymous caller's count per user id and {@link ClientNetwork}
 * ({@code alice@198.51.100.7}) and also, with a higher limit, per user id from every network together
 * ({@code alice@*}). {@code @} cannot appear in a {@link UserId}, so no key of one id is a key of another, and every
 * anonymous key of an id starts with {@link #anonymousPrefix}. Immutable.
 *
 * @param value the key as written in the ledger (at most {@value #MAX_LENGTH} characters)
 */
public record AttemptKey(String value) {
  /** The longest key: a 64-character id, {@code @} and the longest network. */
  public static final int MAX_LENGTH = 90;

  /** What follows the user id in the key that counts an id's anonymous attempts from every network together. */
  public static final String EVERY_NETWORK_SUFFIX = "@*";

  public AttemptKey {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty() || value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("an attempt key has 1 to " + MAX_LENGTH + " characters");
    }
  }

  /** A trusted caller's attempts on {@code user}. */
  public static AttemptKey of(UserId user) {
    return new AttemptKey(user.value());
  }

  /** Anonymous attempts on {@code user} from {@code network}. */
  public static AttemptKey fromNetwork(UserId user, ClientNetwork network) {
    return new AttemptKey(anonymousPrefix(user) + network.value());
  }

  /** Anonymous attempts on {@code user} from every network together. */
  public static AttemptKey fromEveryNetwork(UserId user) {
    return new AttemptKey(user.value() + EVERY_NETWORK_SUFFIX);
  }

  /** The start of every anonymous key of {@code user} (and of no other id's). */
  public static String anonymousPrefix(UserId user) {
    return user.value() + "@";
  }
}

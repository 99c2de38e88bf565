package org.faceauth.core.template;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.faceauth.core.user.User;
import org.faceauth.core.user.UserId;
import org.faceauth.core.user.UserProfile;

/**
 * Durable storage of users and their templates. Every method is atomic: a failure midway leaves the store as it was.
 * Implementations are thread-safe.
 */
public interface TemplateStore extends AutoCloseable {
  /**
   * Stores {@code templates} for {@code user} in one transaction, creating the user when new (with {@code profile})
   * or updating their profile's given fields.
   *
   * @param replace whether the user's existing templates are deleted first
   * @return the user as stored afterwards
   */
  default User enroll(UserId user, UserProfile profile, List<Template> templates, boolean replace) {
    return enroll(user, profile, templates, replace, () -> {});
  }

  /**
   * As {@link #enroll(UserId, UserProfile, List, boolean)}, running {@code beforeCommit} inside the transaction once
   * the rows are written: if it throws, nothing is stored (files that must be kept with the rows are published there).
   */
  User enroll(UserId user, UserProfile profile, List<Template> templates, boolean replace, Runnable beforeCommit);

  /**
   * Creates a user without templates (they enroll later).
   *
   * @throws org.faceauth.core.FaceAuthException {@link org.faceauth.core.ErrorCode#USER_EXISTS} if the id is taken
   */
  User create(UserId user, UserProfile profile);

  /** The user, if enrolled. */
  Optional<User> user(UserId user);

  /** Every user, ordered by id. */
  List<User> users();

  /** The user's templates (decrypted), oldest first; empty when the user is unknown. */
  List<Template> templates(UserId user);

  /** Streams every template of every user (decrypted), for loading an in-memory index. */
  void forEachTemplate(Consumer<Template> sink);

  /**
   * Deletes the user, every template of theirs, their enrollment invitations and their failed login attempts (so a
   * new account under the same id starts unlocked), and replaces their id in the audit log by a pseudonym, in one transaction.
   *
   * @return the pseudonym now standing for the user in the audit log, or empty if there was no such user
   */
  Optional<String> erase(UserId user);

  /**
   * Calls {@code listener} with the id of every user whose templates another process changed (several nodes on one
   * database, or the CLI on the same database as a server). {@code listener} is also called with {@code null} when
   * changes may have been missed and everything must be reloaded. Changes committed after this call returns are
   * delivered either as they commit or, at the latest, by the next {@link ChangeFeed#catchUp()}.
   *
   * @return the subscription: catches up on request, and stops the calls when closed
   */
  ChangeFeed subscribe(Consumer<UserId> listener);

  @Override
  void close();
}

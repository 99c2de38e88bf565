package org.faceauth.core.flow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.faceauth.core.embed.Embedding;
import org.faceauth.core.template.ChangeFeed;
import org.faceauth.core.template.Template;
import org.faceauth.core.template.TemplateIndex;
import org.faceauth.core.template.TemplateStore;
import org.faceauth.core.user.UserId;

/**
 * Keeps the in-memory {@link TemplateIndex} showing what the {@link TemplateStore} holds: loaded whole at start,
 * refreshed for one user after each local write, and for the users other processes on the same database change (other
 * nodes, the CLI), which arrive through the store's {@link ChangeFeed} (a whole reload when the store cannot say who
 * changed). The flows call {@link #catchUp()} before each decision that reads the index, so a change another process
 * committed before it is in the index by then, whether the store pushes changes or has them collected.
 */
final class IndexSynchroniser implements AutoCloseable {
  private final TemplateStore store;
  private final TemplateIndex index;
  private final UserLocks locks;
  private final ChangeFeed subscription;

  /** Subscribes first and loads afterwards, so that no change committed around the load is missed. */
  IndexSynchroniser(TemplateStore store, TemplateIndex index, UserLocks locks) {
    this.store = store;
    this.index = index;
    this.locks = locks;
    this.subscription = store.subscribe(this::onRemoteChange);
    reload();
  }

  TemplateIndex index() {
    return index;
  }

  /**
   * Brings in every change other processes committed before this call; the caller holds no user's lock.
   *
   * @throws org.faceauth.core.FaceAuthException {@link ErrorCode#STORE_FAILED} if the changes cannot be read
   */
  void catchUp() {
    subscription.catchUp();
  }

  /**
   * For a user the index holds no row of: reloads their templates when the store does hold some of the index's model
   * (a change the index has not heard of); the caller holds no user's lock.
   *
   * @return whether the store holds templates of the index's model for {@code user}
   */
  synchronized boolean refreshIfMissing(UserId user) {
    return locks.under(user, () -> {
      List<Embedding> stored = store.templates(user).stream().map(Template::embedding).toList();
      // The index takes the rows of its own model only; it held none of this user's before.
      index.replace(user, stored);
      return stored.stream().anyMatch(e -> e.modelId().equals(index.modelId()));
    });
  }

  /** Rebuilds the whole index from the store (serialised with the changes the feed delivers). */
  synchronized void reload() {
    Map<UserId, List<Embedding>> byUser = new HashMap<>();
    store.forEachTemplate(t -> byUser.computeIfAbsent(t.user(), u -> new ArrayList<>()).add(t.embedding()));
    index.clear();
    byUser.forEach(index::replace);
  }

  /** Makes the index hold {@code user}'s stored templates; the caller holds the user's lock. */
  void refresh(UserId user) {
    index.replace(user, store.templates(user).stream().map(Template::embedding).toList());
  }

  private synchronized void onRemoteChange(UserId user) {
    if (user == null) {
      reload();
    } else {
      locks.under(user, () -> {
        refresh(user);
        return null;
      });
    }
  }

  /** Stops following other nodes' changes. */
  @Override
  public void close() {
    try {
      subscription.close();
    } catch (Exception e) {
      throw new FaceAuthException(ErrorCode.STORE_FAILED, "Cannot stop listening for changes: " + e.getMessage(), e);
    }
  }
}

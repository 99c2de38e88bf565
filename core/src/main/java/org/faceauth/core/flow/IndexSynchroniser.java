package org.faceauth.core.flow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.faceauth.core.embed.Embedding;
import org.faceauth.core.template.Template;
import org.faceauth.core.template.TemplateIndex;
import org.faceauth.core.template.TemplateStore;
import org.faceauth.core.user.UserId;

/**
 * Keeps the in-memory {@link TemplateIndex} showing what the {@link TemplateStore} holds: loaded whole at start,
 * refreshed for one user after each local write, and for the users other nodes on the same database change, which
 * arrive through {@link TemplateStore#subscribe} (a whole reload when the store cannot say who changed).
 */
final class IndexSynchroniser implements AutoCloseable {
  private final TemplateStore store;
  private final TemplateIndex index;
  private final UserLocks locks;
  private final AutoCloseable subscription;

  IndexSynchroniser(TemplateStore store, TemplateIndex index, UserLocks locks) {
    this.store = store;
    this.index = index;
    this.locks = locks;
    reload();
    this.subscription = store.subscribe(this::onRemoteChange);
  }

  TemplateIndex index() {
    return index;
  }

  /** Rebuilds the whole index from the store. */
  void reload() {
    Map<UserId, List<Embedding>> byUser = new HashMap<>();
    store.forEachTemplate(t -> byUser.computeIfAbsent(t.user(), u -> new ArrayList<>()).add(t.embedding()));
    index.clear();
    byUser.forEach(index::replace);
  }

  /** Makes the index hold {@code user}'s stored templates; the caller holds the user's lock. */
  void refresh(UserId user) {
    index.replace(user, store.templates(user).stream().map(Template::embedding).toList());
  }

  private void onRemoteChange(UserId user) {
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

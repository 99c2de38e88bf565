package org.faceauth.core.template;

/**
 * A subscription to the template changes other processes commit to a shared {@link TemplateStore} (other nodes, or
 * the CLI on the same database), so that an in-memory index can follow them. A store either pushes changes as they
 * commit (PostgreSQL's LISTEN/NOTIFY) or has them collected on request by {@link #catchUp()} (SQLite, which has no
 * such notifications); callers call {@link #catchUp()} before every decision that reads the index, and it is cheap
 * when nothing changed.
 */
public interface ChangeFeed extends AutoCloseable {
  /**
   * Delivers to the listener, before returning, every change other processes committed before this call that was
   * not yet delivered. Does nothing for a feed that pushes changes as they commit.
   *
   * @throws org.faceauth.core.FaceAuthException {@link org.faceauth.core.ErrorCode#STORE_FAILED} if the store cannot
   *     be read (the caller then cannot know its index is current, and must not decide)
   */
  void catchUp();

  /** Stops the deliveries. */
  @Override
  void close();
}

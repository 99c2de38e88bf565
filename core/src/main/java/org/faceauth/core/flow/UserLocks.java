package org.faceauth.core.flow;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.faceauth.core.user.UserId;

/** Serialises the writes for one user (striped locks: users that share a stripe wait for each other). */
final class UserLocks {
  private static final int STRIPES = 64;

  private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

  UserLocks() {
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  <T> T under(UserId user, Supplier<T> action) {
    ReentrantLock lock = locks[Math.floorMod(user.hashCode(), STRIPES)];
    lock.lock();
    try {
      return action.get();
    } finally {
      lock.unlock();
    }
  }
}

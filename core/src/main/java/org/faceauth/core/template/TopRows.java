package org.faceauth.core.template;

/**
 * The {@code capacity} rows with the highest scores among those offered, kept in a min-heap on primitive arrays (no
 * boxing in the scan's inner loop). Not thread-safe: one per scanning thread.
 */
final class TopRows {
  private final int[] rows;
  private final float[] scores;
  private int size;

  TopRows(int capacity) {
    rows = new int[capacity];
    scores = new float[capacity];
  }

  void offer(int row, float score) {
    if (size < rows.length) {
      rows[size] = row;
      scores[size] = score;
      up(size++);
    } else if (score > scores[0]) {
      rows[0] = row;
      scores[0] = score;
      down(0);
    }
  }

  int size() {
    return size;
  }

  /** The i-th kept row, in no particular order. */
  int row(int i) {
    return rows[i];
  }

  private void up(int i) {
    while (i > 0) {
      int parent = (i - 1) / 2;
      if (scores[parent] <= scores[i]) {
        return;
      }
      swap(i, parent);
      i = parent;
    }
  }

  private void down(int i) {
    while (true) {
      int smallest = i;
      int left = 2 * i + 1;
      int right = left + 1;
      if (left < size && scores[left] < scores[smallest]) {
        smallest = left;
      }
      if (right < size && scores[right] < scores[smallest]) {
        smallest = right;
      }
      if (smallest == i) {
        return;
      }
      swap(i, smallest);
      i = smallest;
    }
  }

  private void swap(int a, int b) {
    int row = rows[a];
    rows[a] = rows[b];
    rows[b] = row;
    float score = scores[a];
    scores[a] = scores[b];
    scores[b] = score;
  }
}

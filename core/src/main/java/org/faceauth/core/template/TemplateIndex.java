package org.faceauth.core.template;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.PriorityQueue;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.IntStream;
import org.faceauth.core.embed.Embedding;
import org.faceauth.core.embed.EmbeddingMismatchException;
import org.faceauth.core.user.UserId;

/**
 * 1:N search over the unit-length embeddings of one model, held in memory as one contiguous row-major float matrix
 * (one row per template) and, beside it, the same rows quantised to int8 (one scale per row). A small index is searched
 * exactly: a dot product per row, the best per user, then the top K users. From {@value #QUANTISED_FROM_ROWS} rows on,
 * a search scans the int8 rows instead (a quarter of the bytes, SIMD integer arithmetic, split across cores from
 * {@value #PARALLEL_FROM_ROWS} rows), keeps the best {@value #CANDIDATES} rows (more for a large K) and re-ranks them
 * with the exact float dot product, so the scores returned are always exact. Writes replace a user's rows as a whole
 * (rows are swapped with the last to delete). Many searches run at once; a write waits for them. Thread-safe.
 *
 * <p>Memory per template: 4 bytes per dimension (floats) plus 1 (int8) plus 8 (row scale and owner).
 */
public final class TemplateIndex {
  private static final int INITIAL_ROWS = 1024;
  static final int QUANTISED_FROM_ROWS = 20_000;
  static final int PARALLEL_FROM_ROWS = 100_000;
  static final int CANDIDATES = 64;
  private static final Int8Dot KERNEL = Int8Dot.fastest();

  private final String modelId;
  private final int dimensions;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private float[] matrix;
  private byte[] codes;
  private float[] codeScale;
  private int[] rowOwner;
  private int rows;
  private final Map<UserId, Integer> slotOf = new HashMap<>();
  private final List<UserId> slotUser = new ArrayList<>();
  private final List<List<Integer>> slotRows = new ArrayList<>();
  private final List<Integer> freeSlots = new ArrayList<>();

  /**
   * @param modelId the versioned model id of every embedding the index holds
   * @param dimensions their length
   */
  public TemplateIndex(String modelId, int dimensions) {
    this.modelId = modelId;
    this.dimensions = dimensions;
    this.matrix = new float[INITIAL_ROWS * dimensions];
    this.codes = new byte[INITIAL_ROWS * dimensions];
    this.codeScale = new float[INITIAL_ROWS];
    this.rowOwner = new int[INITIAL_ROWS];
  }

  public String modelId() {
    return modelId;
  }

  /**
   * Makes {@code embeddings} the user's whole set of rows (an empty list removes the user). Embeddings of other models
   * are ignored: they are not comparable with this index's.
   */
  public void replace(UserId user, List<Embedding> embeddings) {
    List<float[]> vectors = new ArrayList<>();
    for (Embedding e : embeddings) {
      if (e.modelId().equals(modelId) && e.dimensions() == dimensions) {
        vectors.add(e.vector());
      }
    }
    lock.writeLock().lock();
    try {
      removeRows(user);
      if (!vectors.isEmpty()) {
        int slot = slotFor(user);
        for (float[] v : vectors) {
          ensureCapacity(rows + 1);
          System.arraycopy(v, 0, matrix, rows * dimensions, dimensions);
          codeScale[rows] = quantise(v, codes, rows * dimensions);
          rowOwner[rows] = slot;
          slotRows.get(slot).add(rows);
          rows++;
        }
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Empties the index. */
  public void clear() {
    lock.writeLock().lock();
    try {
      rows = 0;
      slotOf.clear();
      slotUser.clear();
      slotRows.clear();
      freeSlots.clear();
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * The users whose best template scores highest against {@code probe}, best first, with their exact scores. On a large
   * index the ranking comes from the quantised scan (see the class comment): it agrees with {@link #searchExact} on the
   * best user for all but a tiny share of probes (measured by {@code faceauth bench-index}).
   *
   * @param topK how many users at most
   * @throws EmbeddingMismatchException if {@code probe} comes from another model
   */
  public List<IndexHit> search(Embedding probe, int topK) {
    requireSameModel(probe);
    lock.readLock().lock();
    try {
      return rows < QUANTISED_FROM_ROWS ? exact(probe.vector(), topK) : quantised(probe.vector(), topK);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Like {@link #search} but always an exact pass over every float row (the reference the quantised scan is measured
   * against).
   *
   * @throws EmbeddingMismatchException if {@code probe} comes from another model
   */
  public List<IndexHit> searchExact(Embedding probe, int topK) {
    requireSameModel(probe);
    lock.readLock().lock();
    try {
      return exact(probe.vector(), topK);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The int8 kernel in use: {@code vector-api} or {@code scalar}. */
  public static String kernel() {
    return KERNEL.name();
  }

  private List<IndexHit> exact(float[] q, int topK) {
    float[] best = new float[slotUser.size()];
    Arrays.fill(best, Float.NEGATIVE_INFINITY);
    for (int r = 0; r < rows; r++) {
      float score = dot(matrix, r * dimensions, q, dimensions);
      int slot = rowOwner[r];
      if (score > best[slot]) {
        best[slot] = score;
      }
    }
    return top(best, topK);
  }

  private List<IndexHit> quantised(float[] q, int topK) {
    short[] query = new short[dimensions];
    float queryScale = quantise(q, query);
    int keep = Math.max(CANDIDATES, 8 * topK);
    int parts = rows < PARALLEL_FROM_ROWS ? 1 : Runtime.getRuntime().availableProcessors();
    int step = (rows + parts - 1) / parts;
    List<TopRows> partial = IntStream.range(0, parts)
        .parallel()
        .mapToObj(p -> scan(query, p * step, Math.min(rows, (p + 1) * step), keep))
        .toList();
    float[] best = new float[slotUser.size()];
    Arrays.fill(best, Float.NEGATIVE_INFINITY);
    for (TopRows candidates : partial) {
      for (int i = 0; i < candidates.size(); i++) {
        int r = candidates.row(i);
        float score = dot(matrix, r * dimensions, q, dimensions);
        int slot = rowOwner[r];
        if (score > best[slot]) {
          best[slot] = score;
        }
      }
    }
    return top(best, topK);
  }

  /** The {@code keep} rows of {@code [from, to)} with the highest approximate scores (query scale left out). */
  private TopRows scan(short[] query, int from, int to, int keep) {
    TopRows top = new TopRows(keep);
    for (int r = from; r < to; r++) {
      top.offer(r, KERNEL.dot(codes, r * dimensions, query) * codeScale[r]);
    }
    return top;
  }

  /** Writes {@code v} as int8 codes at {@code offset} and returns the scale that turns a code back into a value. */
  private static float quantise(float[] v, byte[] out, int offset) {
    float max = maxAbs(v);
    float toCode = max == 0 ? 0 : 127 / max;
    for (int i = 0; i < v.length; i++) {
      out[offset + i] = (byte) Math.round(v[i] * toCode);
    }
    return max / 127;
  }

  private static float quantise(float[] v, short[] out) {
    float max = maxAbs(v);
    float toCode = max == 0 ? 0 : 127 / max;
    for (int i = 0; i < v.length; i++) {
      out[i] = (short) Math.round(v[i] * toCode);
    }
    return max / 127;
  }

  private static float maxAbs(float[] v) {
    float max = 0;
    for (float x : v) {
      max = Math.max(max, Math.abs(x));
    }
    return max;
  }

  /**
   * The best score of {@code probe} over {@code user}'s templates (1:1), or empty when the index holds none of theirs.
   *
   * @throws EmbeddingMismatchException if {@code probe} comes from another model
   */
  public OptionalDouble scoreUser(UserId user, Embedding probe) {
    requireSameModel(probe);
    float[] q = probe.vector();
    lock.readLock().lock();
    try {
      Integer slot = slotOf.get(user);
      if (slot == null) {
        return OptionalDouble.empty();
      }
      float best = Float.NEGATIVE_INFINITY;
      for (int row : slotRows.get(slot)) {
        best = Math.max(best, dot(matrix, row * dimensions, q, dimensions));
      }
      return OptionalDouble.of(best);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Number of templates held. */
  public int size() {
    lock.readLock().lock();
    try {
      return rows;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The users held, with their number of templates. */
  public Map<UserId, Integer> users() {
    lock.readLock().lock();
    try {
      Map<UserId, Integer> users = new HashMap<>();
      slotOf.forEach((user, slot) -> users.put(user, slotRows.get(slot).size()));
      return users;
    } finally {
      lock.readLock().unlock();
    }
  }

  private List<IndexHit> top(float[] best, int topK) {
    PriorityQueue<Integer> heap = new PriorityQueue<>((a, b) -> Float.compare(best[a], best[b]));
    for (int slot = 0; slot < best.length; slot++) {
      if (best[slot] == Float.NEGATIVE_INFINITY) {
        continue;
      }
      if (heap.size() < topK) {
        heap.add(slot);
      } else if (topK > 0 && best[slot] > best[heap.peek()]) {
        heap.poll();
        heap.add(slot);
      }
    }
    List<IndexHit> hits = new ArrayList<>();
    while (!heap.isEmpty()) {
      int slot = heap.poll();
      hits.add(new IndexHit(slotUser.get(slot), best[slot]));
    }
    Collections.reverse(hits);
    return hits;
  }

  /** Dot product with eight independent accumulators, so the JIT keeps several multiply-adds in flight. */
  private static float dot(float[] m, int base, float[] q, int d) {
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
    int i = 0;
    for (; i <= d - 8; i += 8) {
      s0 += m[base + i] * q[i];
      s1 += m[base + i + 1] * q[i + 1];
      s2 += m[base + i + 2] * q[i + 2];
      s3 += m[base + i + 3] * q[i + 3];
      s4 += m[base + i + 4] * q[i + 4];
      s5 += m[base + i + 5] * q[i + 5];
      s6 += m[base + i + 6] * q[i + 6];
      s7 += m[base + i + 7] * q[i + 7];
    }
    float s = (s0 + s1) + (s2 + s3) + (s4 + s5) + (s6 + s7);
    for (; i < d; i++) {
      s += m[base + i] * q[i];
    }
    return s;
  }

  private void requireSameModel(Embedding probe) {
    if (!probe.modelId().equals(modelId) || probe.dimensions() != dimensions) {
      throw new EmbeddingMismatchException(modelId, probe.modelId());
    }
  }

  private int slotFor(UserId user) {
    Integer slot = slotOf.get(user);
    if (slot != null) {
      return slot;
    }
    if (!freeSlots.isEmpty()) {
      slot = freeSlots.remove(freeSlots.size() - 1);
      slotUser.set(slot, user);
    } else {
      slot = slotUser.size();
      slotUser.add(user);
      slotRows.add(new ArrayList<>());
    }
    slotOf.put(user, slot);
    return slot;
  }

  private void removeRows(UserId user) {
    Integer slot = slotOf.remove(user);
    if (slot == null) {
      return;
    }
    List<Integer> owned = slotRows.get(slot);
    owned.sort(Comparator.reverseOrder());
    for (int row : owned) {
      int last = rows - 1;
      if (row != last) {
        System.arraycopy(matrix, last * dimensions, matrix, row * dimensions, dimensions);
        System.arraycopy(codes, last * dimensions, codes, row * dimensions, dimensions);
        codeScale[row] = codeScale[last];
        int movedSlot = rowOwner[last];
        rowOwner[row] = movedSlot;
        List<Integer> movedRows = slotRows.get(movedSlot);
        movedRows.set(movedRows.indexOf(last), row);
      }
      rows--;
    }
    owned.clear();
    slotUser.set(slot, null);
    freeSlots.add(slot);
  }

  private void ensureCapacity(int needed) {
    if (needed > rowOwner.length) {
      int capacity = Math.max(needed, rowOwner.length * 2);
      matrix = Arrays.copyOf(matrix, Math.multiplyExact(capacity, dimensions));
      codes = Arrays.copyOf(codes, capacity * dimensions);
      codeScale = Arrays.copyOf(codeScale, capacity);
      rowOwner = Arrays.copyOf(rowOwner, capacity);
    }
  }
}

package org.solrpersonalize.trainer.eval;

/**
 * Partial selection of the K best-scored items, skipping excluded ones: a bounded min-heap, O(n log
 * K) with no allocation. Ties go to the lower item index, so rankings are deterministic. One
 * instance per thread.
 */
public final class TopK {
  private final int k;
  private final int[] heap;
  private int size;
  private float[] scores;

  public TopK(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("K must be >= 1, got " + k);
    }
    this.k = k;
    this.heap = new int[k];
  }

  /**
   * Selects the best items.
   *
   * @param excluded sorted item indexes to skip, in {@code excluded[from..to)}
   * @param out receives the items, best first
   * @return how many were written (fewer than K when fewer items are eligible)
   */
  public int select(float[] itemScores, int[] excluded, int from, int to, int[] out) {
    this.scores = itemScores;
    size = 0;
    int next = from;
    for (int item = 0; item < itemScores.length; item++) {
      if (next < to && excluded[next] == item) {
        next++;
        continue;
      }
      offer(item);
    }
    return drain(out);
  }

  /**
   * Selects the best of the given candidate items only (for sparse scores).
   *
   * @param candidates item indexes into {@code itemScores}, {@code candidates[0..count)}
   * @return how many were written to {@code out}, best first
   */
  public int selectAmong(float[] itemScores, int[] candidates, int count, int[] out) {
    this.scores = itemScores;
    size = 0;
    for (int c = 0; c < count; c++) {
      offer(candidates[c]);
    }
    return drain(out);
  }

  /** Keeps {@code item} if it is among the best k seen so far (the heap's root is the worst). */
  private void offer(int item) {
    if (size < k) {
      heap[size] = item;
      siftUp(size++);
    } else if (better(item, heap[0])) {
      heap[0] = item;
      siftDown(0);
    }
  }

  /** Pops the worst first, filling the output from the back. */
  private int drain(int[] out) {
    int count = size;
    while (size > 0) {
      out[size - 1] = heap[0];
      heap[0] = heap[--size];
      siftDown(0);
    }
    this.scores = null;
    return count;
  }

  /** True when item a ranks above item b. */
  private boolean better(int a, int b) {
    float sa = scores[a];
    float sb = scores[b];
    return sa > sb || (sa == sb && a < b);
  }

  private void siftUp(int at) {
    int item = heap[at];
    while (at > 0) {
      int parent = (at - 1) >>> 1;
      if (!better(heap[parent], item)) {
        break;
      }
      heap[at] = heap[parent];
      at = parent;
    }
    heap[at] = item;
  }

  private void siftDown(int at) {
    int item = heap[at];
    while (true) {
      int child = 2 * at + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && better(heap[child], heap[child + 1])) {
        child++;
      }
      if (!better(item, heap[child])) {
        break;
      }
      heap[at] = heap[child];
      at = child;
    }
    heap[at] = item;
  }
}

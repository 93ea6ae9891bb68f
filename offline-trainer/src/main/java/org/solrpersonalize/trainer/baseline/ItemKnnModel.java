package org.solrpersonalize.trainer.baseline;

import java.util.Arrays;
import org.solrpersonalize.trainer.concurrent.RowBlocks;
import org.solrpersonalize.trainer.data.CsrMatrix;
import org.solrpersonalize.trainer.eval.ItemScorer;
import org.solrpersonalize.trainer.eval.TopK;

/**
 * Item-based collaborative filtering (Sarwar et al. 2001): the cosine similarity of items over
 * their weighted user vectors, {@code sim(i, j) = sum_u w_ui w_uj / (|w_i| |w_j|)}, keeping the N
 * most similar items of each item. Used for "similar items" lists and as a recommender that scores
 * item i for user u by {@code sum over j in u's items of w_uj * sim(j, i)}.
 *
 * <pre>{@code
 * ItemKnnModel knn = ItemKnnModel.fit(data.itemUsers(), data.userItems(), 50, 2);
 * int[] similar = knn.neighbours(item);   // best first
 * }</pre>
 */
public final class ItemKnnModel {
  private static final int BLOCK = 64;

  private final int items;
  private final int size;
  private final int[] neighbours;
  private final float[] similarities;
  private final int[] counts;

  private ItemKnnModel(int items, int size, int[] neighbours, float[] similarities, int[] counts) {
    this.items = items;
    this.size = size;
    this.neighbours = neighbours;
    this.similarities = similarities;
    this.counts = counts;
  }

  /**
   * @param itemUsers items x users weights
   * @param userItems its transpose
   * @param size neighbours kept per item
   */
  public static ItemKnnModel fit(CsrMatrix itemUsers, CsrMatrix userItems, int size, int threads) {
    if (size < 1) {
      throw new IllegalArgumentException("neighbourhood size must be >= 1, got " + size);
    }
    int items = itemUsers.rows();
    float[] norms = new float[items];
    for (int i = 0; i < items; i++) {
      double sum = 0;
      for (int e = itemUsers.rowStart(i); e < itemUsers.rowEnd(i); e++) {
        sum += (double) itemUsers.vals()[e] * itemUsers.vals()[e];
      }
      norms[i] = (float) Math.sqrt(sum);
    }
    int[] neighbours = new int[Math.multiplyExact(items, size)];
    float[] similarities = new float[neighbours.length];
    int[] counts = new int[items];
    try (RowBlocks blocks = new RowBlocks(threads)) {
      blocks.run(
          items,
          BLOCK,
          () -> new Accumulator(items, size),
          (from, to, acc) -> {
            for (int i = from; i < to; i++) {
              counts[i] =
                  acc.neighboursOf(i, itemUsers, userItems, norms, neighbours, similarities);
            }
            return 0;
          });
    }
    return new ItemKnnModel(items, size, neighbours, similarities, counts);
  }

  /**
   * Per-thread dense accumulator over the items co-occurring with one item. {@code mark[j] == i +
   * 1} says j was already touched for item i, so nothing needs clearing between items.
   */
  private static final class Accumulator {
    final float[] dot;
    final int[] mark;
    final int[] touched;
    final TopK top;
    final int size;
    final int[] best;

    Accumulator(int items, int size) {
      dot = new float[items];
      mark = new int[items];
      touched = new int[items];
      top = new TopK(size);
      this.size = size;
      best = new int[size];
    }

    int neighboursOf(
        int i,
        CsrMatrix itemUsers,
        CsrMatrix userItems,
        float[] norms,
        int[] outItems,
        float[] outSims) {
      int stamp = i + 1;
      int n = 0;
      for (int e = itemUsers.rowStart(i); e < itemUsers.rowEnd(i); e++) {
        int u = itemUsers.cols()[e];
        float wi = itemUsers.vals()[e];
        for (int f = userItems.rowStart(u); f < userItems.rowEnd(u); f++) {
          int j = userItems.cols()[f];
          if (j == i) {
            continue;
          }
          if (mark[j] != stamp) {
            mark[j] = stamp;
            dot[j] = 0f;
            touched[n++] = j;
          }
          dot[j] += wi * userItems.vals()[f];
        }
      }
      int kept = 0;
      for (int t = 0; t < n; t++) {
        int j = touched[t];
        float similarity = dot[j] / (norms[i] * norms[j]);
        // Co-occurrences of zero weight add nothing: only real neighbours are kept.
        if (similarity > 0) {
          dot[j] = similarity;
          touched[kept++] = j;
        }
      }
      int count = top.selectAmong(dot, touched, kept, best);
      for (int r = 0; r < count; r++) {
        outItems[i * size + r] = best[r];
        outSims[i * size + r] = dot[best[r]];
      }
      return count;
    }
  }

  public int items() {
    return items;
  }

  /** The most similar items, best first. */
  public int[] neighbours(int item) {
    return Arrays.copyOfRange(neighbours, item * size, item * size + counts[item]);
  }

  /** Similarities of {@link #neighbours}, in the same order. */
  public float[] similarities(int item) {
    return Arrays.copyOfRange(similarities, item * size, item * size + counts[item]);
  }

  /** A recommender over a user's training items. */
  public ItemScorer scorer(CsrMatrix userItems) {
    return (user, out) -> {
      Arrays.fill(out, 0f);
      for (int e = userItems.rowStart(user); e < userItems.rowEnd(user); e++) {
        int j = userItems.cols()[e];
        float w = userItems.vals()[e];
        for (int r = 0; r < counts[j]; r++) {
          out[neighbours[j * size + r]] += w * similarities[j * size + r];
        }
      }
    };
  }
}

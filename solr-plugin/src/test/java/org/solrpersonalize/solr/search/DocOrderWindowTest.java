package org.solrpersonalize.solr.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.util.NumericUtils;
import org.junit.jupiter.api.Test;

/**
 * A window in doc-id order ranks as the same window in text order would: equal rerank scores in
 * text order (text score, then doc id), also across the edge of the sorted part.
 */
class DocOrderWindowTest {
  /** Rank keys as the rescorer builds them: the score's complement, then the hit's index. */
  private static long key(float score, int index) {
    return ((long) ~NumericUtils.floatToSortableInt(score) << 32) | index;
  }

  @Test
  void tiesAreInTextOrderByHand() {
    // Hits 0..4 in doc-id order; text scores 1, 3, 3, 2, 5; rerank scores 7, 9, 7, 7, 9.
    float[] text = {1, 3, 3, 2, 5};
    float[] score = {7, 9, 7, 7, 9};
    long[] keys = new long[5];
    for (int i = 0; i < 5; i++) {
      keys[i] = key(score[i], i);
    }
    // The best 2 only: 9 ties between hits 1 (text 3) and 4 (text 5): 4 first.
    long[] two = keys.clone();
    LongSelection.sortSmallest(two, 5, 2);
    DocOrderWindow.breakTiesInTextOrder(two, 5, 2, text);
    assertEquals(4, (int) two[0]);
    assertEquals(1, (int) two[1]);
    // The best 3: of the three 7s (hits 0, 2, 3: text 1, 3, 2) hit 2 makes it.
    long[] three = keys.clone();
    LongSelection.sortSmallest(three, 5, 3);
    DocOrderWindow.breakTiesInTextOrder(three, 5, 3, text);
    assertEquals(4, (int) three[0]);
    assertEquals(1, (int) three[1]);
    assertEquals(2, (int) three[2]);
    // All: 4, 1, then the 7s by text: 2, 3, 0.
    long[] all = keys.clone();
    LongSelection.sortSmallest(all, 5, 5);
    DocOrderWindow.breakTiesInTextOrder(all, 5, 5, text);
    int[] order = new int[5];
    for (int i = 0; i < 5; i++) {
      order[i] = (int) all[i];
      assertEquals(score[order[i]], score[(int) keys[order[i]]]); // the score half is kept
      assertEquals(keys[order[i]] >>> 32, all[i] >>> 32);
    }
    assertArrayEquals(new int[] {4, 1, 2, 3, 0}, order);
  }

  @Test
  void randomWindowsRankAsInTextOrder() {
    SplittableRandom random = new SplittableRandom(7);
    for (int round = 0; round < 500; round++) {
      int n = 1 + random.nextInt(60);
      float[] text = new float[n];
      float[] score = new float[n];
      for (int i = 0; i < n; i++) {
        text[i] = random.nextInt(4); // many equal text scores: ties by doc id
        score[i] = random.nextInt(5); // many equal rerank scores
      }
      Integer[] expected = new Integer[n];
      for (int i = 0; i < n; i++) {
        expected[i] = i;
      }
      Arrays.sort(
          expected,
          Comparator.<Integer>comparingDouble(i -> -score[i])
              .thenComparingDouble(i -> -text[i])
              .thenComparingInt(i -> i));
      int sorted = random.nextInt(n + 1);
      long[] keys = new long[n];
      for (int i = 0; i < n; i++) {
        keys[i] = key(score[i], i);
      }
      LongSelection.sortSmallest(keys, n, sorted);
      DocOrderWindow.breakTiesInTextOrder(keys, n, sorted, text);
      for (int p = 0; p < sorted; p++) {
        assertEquals(expected[p], (int) keys[p], "round " + round + " place " + p);
      }
      long[] all = keys.clone();
      Arrays.sort(all);
      long[] original = new long[n];
      for (int i = 0; i < n; i++) {
        original[i] = key(score[i], i);
      }
      Arrays.sort(original);
      assertArrayEquals(original, all, "the same keys, reordered");
    }
  }

  @Test
  void textOrderIsSolrsOrderOfTheSameHits() {
    ScoreDoc[] byDoc = {
      new ScoreDoc(2, 1f), new ScoreDoc(5, 3f), new ScoreDoc(8, 3f), new ScoreDoc(9, 4f)
    };
    TotalHits total = new TotalHits(4, TotalHits.Relation.EQUAL_TO);
    ScoreDoc[] ordered = DocOrderWindow.textOrder(new DocOrderWindow(total, byDoc));
    assertArrayEquals(
        new int[] {9, 5, 8, 2}, Arrays.stream(ordered).mapToInt(d -> d.doc).toArray());
    assertEquals(2, byDoc[0].doc); // the window itself is left as it was
    // A window in text order is that order already.
    ScoreDoc[] same = DocOrderWindow.textOrder(new TopDocs(total, ordered));
    assertArrayEquals(ordered, same);
    TopDocs copy = DocOrderWindow.copyOf(new DocOrderWindow(total, byDoc));
    assertEquals(DocOrderWindow.class, copy.getClass());
    assertEquals(5, copy.scoreDocs[1].doc);
    assertEquals(3f, copy.scoreDocs[1].score);
  }
}

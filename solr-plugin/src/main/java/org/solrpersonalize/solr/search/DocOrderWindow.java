package org.solrpersonalize.solr.search;

import java.util.Arrays;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.util.NumericUtils;

/**
 * A rerank window whose hits are in doc-id order, not best text score first: what {@link
 * WindowCollector} hands {@link PersonalizeRescorer}, which reads the documents' rows in doc-id
 * order anyway. The collector's buffer is already in that order, so neither sorts the window by
 * text score (21 us for 1,000 hits) nor by doc id (7 us): a rerank ranks by its blended score and
 * breaks its ties in text order ({@link #breakTiesInTextOrder}). The paths that return the window's
 * text order (a model that does not personalize, a tripped {@code timeAllowed}) sort it then
 * ({@link #textOrder}).
 */
final class DocOrderWindow extends TopDocs {
  /**
   * @param hits the window's hits, ascending doc id, with their text scores
   */
  DocOrderWindow(TotalHits totalHits, ScoreDoc[] hits) {
    super(totalHits, hits);
  }

  /** The hits of {@code window}, best text score first and ties by doc id, as Solr orders them. */
  static ScoreDoc[] textOrder(TopDocs window) {
    ScoreDoc[] hits = window.scoreDocs.clone();
    if (window instanceof DocOrderWindow) {
      Arrays.sort(
          hits, (a, b) -> a.score != b.score ? Float.compare(b.score, a.score) : a.doc - b.doc);
    }
    return hits;
  }

  /** The window's hits as new objects with the first-pass scores, in the same order and class. */
  static TopDocs copyOf(TopDocs window) {
    ScoreDoc[] docs = new ScoreDoc[window.scoreDocs.length];
    for (int i = 0; i < docs.length; i++) {
      ScoreDoc d = window.scoreDocs[i];
      docs[i] = new ScoreDoc(d.doc, d.score, d.shardIndex);
    }
    return window instanceof DocOrderWindow
        ? new DocOrderWindow(window.totalHits, docs)
        : new TopDocs(window.totalHits, docs);
  }

  /**
   * Puts a rerank's equal scores in text order. {@code keys} are {@code (~sortable(score) << 32) |
   * i}, {@code i} a hit's index in the window (doc-id order; for a window in text order its rank,
   * whose ties this leaves as they are), and {@code keys[0, sorted)} hold the {@code sorted}
   * smallest of {@code keys[0, n)} ascending (best score first); {@code text[i]} is hit {@code i}'s
   * text score. Afterwards hits of one score follow each other best text score first, then by doc
   * id, and of a score shared across position {@code sorted}, the best in text order are the ones
   * inside: as if {@code i} had been the hit's rank in text order.
   */
  static void breakTiesInTextOrder(long[] keys, int n, int sorted, float[] text) {
    if (sorted <= 0) {
      return;
    }
    long boundary = keys[sorted - 1] >>> 32;
    int spilled = 0;
    for (int p = sorted; p < n; p++) {
      spilled += (keys[p] >>> 32) == boundary ? 1 : 0;
    }
    if (spilled > 0) {
      int first = sorted - 1;
      while (first > 0 && (keys[first - 1] >>> 32) == boundary) {
        first--;
      }
      // The whole tie, in text order: its best fill [first, sorted), the rest the places past it.
      long[] tie = new long[sorted - first + spilled];
      int t = 0;
      for (int p = first; p < n; p++) {
        if ((keys[p] >>> 32) == boundary) {
          tie[t++] = keys[p];
        }
      }
      inTextOrder(tie, 0, tie.length, text);
      t = 0;
      for (int p = first; p < n; p++) {
        if ((keys[p] >>> 32) == boundary) {
          keys[p] = tie[t++];
        }
      }
    }
    for (int start = 0; start < sorted; ) {
      int end = start + 1;
      while (end < sorted && (keys[end] >>> 32) == (keys[start] >>> 32)) {
        end++;
      }
      if (end - start > 1) {
        inTextOrder(keys, start, end, text);
      }
      start = end;
    }
  }

  /** Sorts {@code keys[from, to)}, all of one score, by their hits' text order. */
  private static void inTextOrder(long[] keys, int from, int to, float[] text) {
    long score = keys[from] & 0xFFFFFFFF00000000L;
    for (int p = from; p < to; p++) {
      int i = (int) keys[p];
      // Ascending: higher text score first (~ of the sortable int), then lower index (doc id).
      keys[p] = ((long) ~NumericUtils.floatToSortableInt(text[i]) << 32) | i;
    }
    Arrays.sort(keys, from, to);
    for (int p = from; p < to; p++) {
      keys[p] = score | (keys[p] & 0xFFFFFFFFL);
    }
  }
}

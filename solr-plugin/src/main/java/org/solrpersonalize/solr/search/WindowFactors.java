package org.solrpersonalize.solr.search;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.IndexSearcher;

/**
 * The item factors and most likely cluster of each document of a rerank window (or of one page),
 * for {@link DiversitySelection} and {@link PageDiversity}. A document's cluster is the mixture
 * component it most likely belongs to, {@code argmax_k (log pi_k + l_k)} over its stored
 * log-densities {@code l} and the model's mixture weights {@code pi} (uniform weights without them;
 * the lowest k on ties); -1 without factors or for a model without clusters.
 */
final class WindowFactors {
  private final int factors;
  private final int clusters;
  private final float[] logPi;
  final float[] vectors;
  final boolean[] hasFactors;
  final int[] cluster;
  private final float[] densities;

  /**
   * @param logPi the model's log mixture weights; null (or of another length) for uniform weights
   */
  WindowFactors(int size, int factors, int clusters, float[] logPi) {
    this.factors = factors;
    this.clusters = clusters;
    this.logPi = logPi != null && logPi.length == clusters ? logPi : null;
    this.vectors = new float[size * factors];
    this.hasFactors = new boolean[size];
    this.cluster = new int[size];
    Arrays.fill(cluster, -1);
    this.densities = new float[clusters];
  }

  /** Copies the current document of {@code items} (advanced, with values) to index {@code i}. */
  void read(int i, ItemFactorReader items) throws IOException {
    items.copyInto(vectors, i * factors, densities, 0);
    hasFactors[i] = true;
    int best = -1;
    double bestValue = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < clusters; k++) {
      double value = densities[k] + (logPi == null ? 0 : logPi[k]);
      if (value > bestValue) {
        best = k;
        bestValue = value;
      }
    }
    cluster[i] = best;
  }

  /**
   * Reads the given documents (global doc ids, any order; index {@code i} is {@code docs[i]}), in
   * doc-id order, one reader per leaf that holds one of them.
   */
  static WindowFactors read(
      IndexSearcher searcher,
      int[] docs,
      String itemField,
      String modelField,
      long modelTag,
      int factors,
      int clusters,
      float[] logPi)
      throws IOException {
    WindowFactors out = new WindowFactors(docs.length, factors, clusters, logPi);
    long[] docAndIndex = new long[docs.length];
    for (int i = 0; i < docs.length; i++) {
      docAndIndex[i] = ((long) docs[i] << 32) | i;
    }
    Arrays.sort(docAndIndex);
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    int leafBase = 0;
    int leafEnd = 0;
    ItemFactorReader items = null;
    for (long key : docAndIndex) {
      int doc = (int) (key >>> 32);
      if (doc >= leafEnd) {
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        leafBase = leaf.docBase;
        leafEnd = leafBase + leaf.reader().maxDoc();
        items =
            new ItemFactorReader(leaf.reader(), itemField, modelField, modelTag, factors, clusters);
      }
      if (items.advance(doc - leafBase)) {
        out.read((int) key, items);
      }
    }
    return out;
  }

  /** The window {@link DiversitySelection} reads: these documents in the order of {@code index}. */
  DiversitySelection.Window inOrder(int[] index, double[] scores) {
    return DiversitySelection.Window.gather(
        index, index.length, factors, scores, vectors, hasFactors, cluster);
  }
}

package org.solrpersonalize.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.solrpersonalize.bench.training.TuningQuality;

/**
 * Everything one {@code bin/bench} run measured: the JSON document of {@code --json} (field names
 * are its keys) and the source of the table. Times are seconds or milliseconds as the name says; a
 * section that was not run is absent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record BenchReport(
    Header header,
    QuerySection query,
    TrainingSection training,
    PublishSection publish,
    TuningQuality.Result quality,
    DiversityTradeoff.Result diversity,
    List<String> notes,
    List<String> warnings,
    double wallSeconds) {

  record Header(
      String tool,
      String date,
      String commit,
      long seed,
      Machine machine,
      Sizes sizes,
      List<String> sections) {}

  /**
   * {@code simd}: whether the plugin's dot products and cluster sums run on the Vector API; {@code
   * hugePages}: whether the JVM was started with {@code -XX:+UseTransparentHugePages}.
   */
  record Machine(
      int cores,
      String jdkVendor,
      String jdkVersion,
      String vm,
      long maxHeapMb,
      String os,
      boolean simd,
      boolean hugePages) {}

  record Sizes(
      int products,
      int users,
      int factors,
      int clusters,
      int queries,
      int rounds,
      int warmupRounds,
      int rerankDocs,
      List<Integer> interactions,
      int alsIterations,
      int gmmRows,
      List<String> gmmCovariance,
      int publishItems,
      List<Integer> knnHnsw,
      int threads) {}

  /**
   * @param catalogDocs documents in the catalog the queries ran against
   * @param indexSeconds indexing the catalog text (no model fields)
   * @param publishSeconds publishing the model onto it (the large publish figure)
   * @param knnSeconds writing {@code vec_knn64} for the baseline (atomic updates + HNSW graph)
   * @param mergeWaitSeconds waiting, before the first query, for the merges those updates started
   * @param topIdsAgreement ids shared by the top 10 of (d) and (e) for the same user
   * @param variants the run with the item-factor cache as configured by default ({@code float})
   * @param cacheModes one run per mode of the item-factor cache ({@code pz.cache}), the same
   *     requests in each
   * @param int8 how close the int8 cache's rankings are to the float cache's
   */
  record QuerySection(
      int catalogDocs,
      int segments,
      double indexSeconds,
      double publishSeconds,
      double knnSeconds,
      double mergeWaitSeconds,
      int requestsPerVariant,
      List<Variant> variants,
      Ratios ratios,
      int topIdsAgreement,
      double peakHeapMb,
      List<CacheModeRun> cacheModes,
      Int8Overlap int8) {}

  /**
   * @param mode {@code float}, {@code int8} or {@code off}
   * @param cacheBytes what the catalog's item-factor cache held after the run (debug section)
   * @param cacheRows its rows: a document with values of a cached slot of a segment
   * @param cacheSlots the segment slots it held
   * @param denseSlots those with a row per doc id (no row numbers)
   */
  record CacheModeRun(
      String mode,
      long cacheBytes,
      long cacheRows,
      long cacheSlots,
      long denseSlots,
      List<Variant> variants,
      Ratios ratios) {}

  /**
   * Ids the int8 cache's top 10 shares with the float cache's for the same request, averaged.
   *
   * @param rerankTop10 of (b), the rerank by user
   * @param userdotTop10 of (d), the full-catalog userdot sort
   * @param requests requests compared per variant
   * @param users distinct users among them
   * @param memoryRatio int8 cache bytes per row over float cache bytes per row, each with its row
   *     numbers or bit sets (int8 quantizes the slots requests use; float holds both slots): 0.2503
   *     for dense slots at k = 64, K = 16, (80 + 1/8) / (320 + 1/8)
   */
  record Int8Overlap(
      double rerankTop10, double userdotTop10, int requests, int users, double memoryRatio) {}

  /**
   * @param id a, b, c, d, e or f
   * @param request the request, with U, the text and the vector as placeholders
   * @param pairedOverText median over the measured steps of this variant's latency over (a)'s in
   *     the same step ({@link Latencies#pairedMedianRatio})
   * @param check what the one-off check of the response found
   */
  record Variant(
      String id,
      String name,
      String request,
      int requests,
      double p50Ms,
      double p99Ms,
      double queriesPerSecond,
      double pairedOverText,
      boolean verified,
      String check) {}

  /** Ratios of p50 latencies, with the product's targets. */
  record Ratios(
      double rerankUserOverText,
      double rerankSessionOverText,
      double userdotOverVectorSimilarity,
      double rerankUserOverSolrRerank,
      double interleavedOverRerankUser,
      double rerankUserTarget,
      double userdotOverVectorSimilarityTarget,
      double rerankUserOverSolrRerankTarget,
      double interleavedOverRerankUserTarget,
      double seenExcludeOverRerankUserMs,
      double seenDemoteOverRerankUserMs,
      double seenOverheadTargetMs) {}

  record TrainingSection(List<AlsRun> als, List<GmmRun> gmm, double peakHeapMb) {}

  record AlsRun(
      int interactions,
      int users,
      int items,
      int nonZeros,
      int factors,
      int iterations,
      int threads,
      double generateSeconds,
      double secondsPerIteration,
      double totalSeconds,
      List<Double> iterationSeconds,
      double peakHeapMb) {}

  record GmmRun(
      String covariance,
      int rows,
      int dimension,
      int components,
      int threads,
      int iterations,
      boolean converged,
      double seconds,
      double secondsPerIteration,
      double cpuSeconds,
      double peakHeapMb) {}

  record PublishSection(List<PublishRun> runs, double peakHeapMb) {}

  /**
   * @param seconds the whole publish (users, catalog, commits, checks, switch)
   * @param catalog which catalog received it
   */
  record PublishRun(
      int items,
      int users,
      double seconds,
      double itemsPerSecond,
      double indexSeconds,
      String catalog) {}
}

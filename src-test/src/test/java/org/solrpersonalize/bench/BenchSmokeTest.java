package org.solrpersonalize.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solrpersonalize.trainer.cli.CliRun;

/**
 * bin/bench end to end with tiny sizes, in-process: every section, every query variant and every
 * ratio is in the JSON with positive numbers. Speeds are printed by the benchmark, never asserted.
 */
class BenchSmokeTest {
  @TempDir Path work;

  @Test
  void tinyRunReportsEverySectionAndVariant() throws Exception {
    CliRun bench =
        CliRun.capture(
            Bench::run,
            "--products",
            "2000",
            "--publish-items",
            "500",
            "--users",
            "50",
            "--interactions",
            "20000",
            "--iterations",
            "3",
            "--gmm-rows",
            "2000",
            "--queries",
            "3",
            "--rounds",
            "2",
            "--warmup-rounds",
            "1",
            "--rerank-docs",
            "100",
            "--shop-products",
            "1000",
            "--shop-users",
            "100",
            "--threads",
            "2",
            "--work",
            work.toString(),
            "--json");
    assertEquals(0, bench.exitCode(), bench.err());
    JsonNode report = new ObjectMapper().readTree(bench.out());

    JsonNode header = report.get("header");
    assertTrue(header.get("machine").get("cores").asInt() > 0);
    assertTrue(header.get("commit").asText().length() > 0);
    List<String> sections = new ArrayList<>();
    header.get("sections").forEach(node -> sections.add(node.asText()));
    assertEquals(List.of("query", "training", "publish", "quality", "diversity"), sections);

    JsonNode query = report.get("query");
    assertEquals(2000, query.get("catalogDocs").asInt());
    checkVariants(query.get("variants"));
    positive(
        query.get("ratios"),
        "rerankUserOverText",
        "rerankSessionOverText",
        "userdotOverVectorSimilarity",
        "rerankUserOverSolrRerank",
        "interleavedOverRerankUser");
    // Differences of two p50s: any sign, but measured.
    for (String field : List.of("seenExcludeOverRerankUserMs", "seenDemoteOverRerankUserMs")) {
      assertTrue(query.get("ratios").get(field).isNumber(), query.get("ratios").toString());
    }
    // One run per item-factor cache mode, the same nine variants in each.
    JsonNode modes = query.get("cacheModes");
    assertEquals(3, modes.size());
    assertEquals(
        List.of("float", "int8", "off"),
        List.of(
            modes.get(0).get("mode").asText(),
            modes.get(1).get("mode").asText(),
            modes.get(2).get("mode").asText()));
    for (JsonNode mode : modes) {
      checkVariants(mode.get("variants"));
      positive(mode.get("ratios"), "rerankUserOverText", "rerankUserOverSolrRerank");
    }
    assertEquals(query.get("variants"), modes.get(0).get("variants"));
    long floatBytes = modes.get(0).get("cacheBytes").asLong();
    long int8Bytes = modes.get(1).get("cacheBytes").asLong();
    assertTrue(floatBytes > 0 && int8Bytes > 0, modes.toString());
    assertEquals(0, modes.get(2).get("cacheBytes").asLong());
    JsonNode int8 = query.get("int8");
    // 2 rounds x 3 texts; users (step * 7919) % 50 of steps 3..8: 7, 26, 45, 14, 33, 2.
    assertEquals(6, int8.get("requests").asInt());
    assertEquals(6, int8.get("users").asInt());
    // Per row: k = 64 int8 factors + a bfloat16 scale, a short top + K = 16 6-bit density levels
    // in 12 bytes, against (64 + 16) floats; every product has values, so the slots are dense,
    // with a bit per document in both modes: (64 + 2 + 2 + 12 + 1/8) / (320 + 1/8) = 0.2503.
    for (JsonNode mode : List.of(modes.get(0), modes.get(1))) {
      assertEquals(
          mode.get("cacheSlots").asLong(), mode.get("denseSlots").asLong(), mode.toString());
    }
    double memory = int8.get("memoryRatio").asDouble();
    assertTrue(memory > 0.2500 && memory < 0.2510, int8 + " " + modes);
    assertTrue(int8.get("rerankTop10").asDouble() >= 9, int8.toString());
    assertTrue(int8.get("userdotTop10").asDouble() >= 9, int8.toString());
    positive(query, "indexSeconds", "publishSeconds", "knnSeconds", "peakHeapMb");
    assertTrue(query.get("topIdsAgreement").asInt() >= 9, query.toString());

    JsonNode training = report.get("training");
    assertEquals(1, training.get("als").size());
    JsonNode als = training.get("als").get(0);
    assertEquals(20000, als.get("interactions").asInt());
    assertEquals(3, als.get("iterationSeconds").size());
    positive(als, "secondsPerIteration", "totalSeconds", "peakHeapMb");
    JsonNode gmm = training.get("gmm");
    assertEquals(2, gmm.size());
    assertEquals("full", gmm.get(0).get("covariance").asText());
    assertEquals("diag", gmm.get(1).get("covariance").asText());
    for (JsonNode run : gmm) {
      positive(run, "seconds", "secondsPerIteration", "peakHeapMb");
    }
    positive(training, "peakHeapMb");

    JsonNode publish = report.get("publish").get("runs");
    assertEquals(2, publish.size());
    assertEquals(500, publish.get(0).get("items").asInt());
    assertEquals(2000, publish.get(1).get("items").asInt());
    for (JsonNode run : publish) {
      positive(run, "seconds", "itemsPerSecond");
    }
    positive(report.get("publish"), "peakHeapMb");

    JsonNode quality = report.get("quality");
    positive(
        quality,
        "users",
        "interactions",
        "defaultNdcg",
        "tunedNdcg",
        "popularityNdcg",
        "regularization",
        "alpha",
        "points",
        "fits");
    assertEquals(8, quality.get("budget").asInt());
    assertTrue(quality.get("fits").asDouble() <= 8, quality.toString());
    JsonNode cold = quality.get("coldItems");
    assertEquals(0.1, cold.get("fraction").asDouble(), cold.toString());
    assertEquals(10, cold.get("at").asInt(), cold.toString());
    positive(cold, "heldOutItems", "users", "ndcg", "randomNdcg", "categoryPopularityNdcg");
    assertTrue(cold.get("ndcg").asDouble() <= 1, cold.toString());

    JsonNode diversity = report.get("diversity");
    assertEquals(1000, diversity.get("products").asInt());
    assertEquals(100, diversity.get("measuredUsers").asInt());
    JsonNode rows = diversity.get("rows");
    assertEquals(4, rows.size());
    double[][] diversityVariants = {{0, 0}, {0.2, 0}, {0.5, 0}, {0.5, 2}};
    for (int v = 0; v < diversityVariants.length; v++) {
      JsonNode row = rows.get(v);
      assertEquals(diversityVariants[v][0], row.get("diversity").asDouble(), row.toString());
      assertEquals((int) diversityVariants[v][1], row.get("maxPerCluster").asInt(), row.toString());
      assertEquals(200, row.get("requests").asInt(), row.toString());
      positive(row, "clustersPerPage", "cosineDistance", "p50Ms");
      assertTrue(row.get("ndcgAt10").asDouble() <= 1, row.toString());
    }
    assertEquals(0, report.get("warnings").size(), report.get("warnings").toString());
    positive(report, "wallSeconds");
  }

  @Test
  void helpListsEveryOptionWithItsDefault() {
    CliRun run = CliRun.capture(Bench::run, "--help");
    assertEquals(0, run.exitCode(), run.err());
    String help = run.out();
    for (String option :
        List.of(
            "--only",
            "--products",
            "--publish-items",
            "--users",
            "--factors",
            "--clusters",
            "--queries",
            "--rounds",
            "--warmup-rounds",
            "--rerank-docs",
            "--shop-products",
            "--shop-users",
            "--interactions",
            "--iterations",
            "--gmm-rows",
            "--gmm-covariance",
            "--shop-products",
            "--shop-users",
            "--knn-hnsw",
            "--threads",
            "--seed",
            "--port",
            "--work",
            "--json")) {
      assertTrue(help.contains(option), option + " missing from --help:\n" + help);
    }
    assertTrue(help.contains("Default: 42"), help);
  }

  /** The nine variants (a) to (i), each sent 6 times and verified. */
  private static void checkVariants(JsonNode variants) {
    assertEquals(9, variants.size());
    String[] ids = {"a", "b", "c", "d", "e", "f", "g", "h", "i"};
    for (int v = 0; v < ids.length; v++) {
      JsonNode variant = variants.get(v);
      assertEquals(ids[v], variant.get("id").asText());
      assertEquals(6, variant.get("requests").asInt(), variant.toString());
      positive(variant, "p50Ms", "p99Ms", "queriesPerSecond");
      assertTrue(variant.get("verified").asBoolean(), variant.toString());
    }
  }

  private static void positive(JsonNode node, String... fields) {
    for (String field : fields) {
      JsonNode value = node.get(field);
      assertTrue(
          value != null && value.isNumber() && value.asDouble() > 0,
          field + " should be a positive number in " + node);
    }
  }
}

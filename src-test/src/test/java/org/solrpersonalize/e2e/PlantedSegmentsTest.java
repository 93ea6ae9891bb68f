package org.solrpersonalize.e2e;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.common.SolrDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solrpersonalize.demo.DemoPipeline;
import org.solrpersonalize.launcher.TwoCoreSolr;
import org.solrpersonalize.trainer.demo.DemoDataset;

/**
 * The whole flow on generated data with planted taste segments: generate, index, train (CLI),
 * publish (CLI), then every segment's users see their segment's products rise in a broad query.
 */
class PlantedSegmentsTest {
  @TempDir Path work;

  @Test
  void eachSegmentsUsersSeeTheirSegmentRise() throws Exception {
    DemoDataset data = DemoDataset.generate(work.resolve("shop"), 4000, 800, 7);
    Map<String, String> products = data.productSegments();
    TreeMap<String, List<String>> usersBySegment = new TreeMap<>();
    new TreeMap<>(data.userSegments())
        .forEach(
            (user, segment) ->
                usersBySegment.computeIfAbsent(segment, s -> new ArrayList<>()).add(user));
    try (TwoCoreSolr solr = TwoCoreSolr.start(work.resolve("solr"));
        SolrClient client = solr.client()) {
      DemoPipeline.indexCatalog(client, data.catalogFile());
      DemoPipeline.train(data.interactionsFile(), work.resolve("model"), 32, 7);
      DemoPipeline.publish(work.resolve("model"), solr.baseUrl(), false);

      List<SolrDocument> plain = DemoPipeline.page(client, "*:*", null, 10);
      double plainShare = 0;
      double personalShare = 0;
      int users = 0;
      StringBuilder report = new StringBuilder();
      for (Map.Entry<String, List<String>> segment : usersBySegment.entrySet()) {
        for (String user : segment.getValue().subList(0, 3)) {
          List<SolrDocument> page = DemoPipeline.page(client, "*:*", user, 10);
          assertNotEquals(ids(plain), ids(page), user + "'s page is personalized");
          double mine = DemoPipeline.segmentShare(page, products, segment.getKey());
          double before = DemoPipeline.segmentShare(plain, products, segment.getKey());
          report.append(
              String.format(
                  Locale.ROOT, "%s %s: %.1f -> %.1f%n", segment.getKey(), user, before, mine));
          personalShare += mine;
          plainShare += before;
          users++;
        }
      }
      personalShare /= users;
      plainShare /= users;
      assertTrue(
          personalShare >= 0.7 && personalShare >= plainShare + 0.5,
          String.format(
              Locale.ROOT,
              "mean share of the user's segment in the top 10: %.2f personalized vs %.2f plain%n%s",
              personalShare,
              plainShare,
              report));
    }
  }

  private static List<Object> ids(List<SolrDocument> page) {
    return page.stream().map(d -> d.getFieldValue("id")).toList();
  }
}

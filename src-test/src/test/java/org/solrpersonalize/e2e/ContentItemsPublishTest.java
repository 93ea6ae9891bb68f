package org.solrpersonalize.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.util.NamedList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.solrpersonalize.format.ModelDirectory;
import org.solrpersonalize.format.ModelFields;
import org.solrpersonalize.format.VectorCodec;
import org.solrpersonalize.trainer.ClusteringConfig;
import org.solrpersonalize.trainer.Trainer;
import org.solrpersonalize.trainer.TrainingConfig;
import org.solrpersonalize.trainer.content.ContentConfig;
import org.solrpersonalize.trainer.data.Catalog;
import org.solrpersonalize.trainer.data.GeneratedInteractions;
import org.solrpersonalize.trainer.data.Interactions;
import org.solrpersonalize.trainer.publish.ModelPublisher;
import org.solrpersonalize.trainer.publish.PublishListener;
import org.solrpersonalize.trainer.publish.PublishOptions;
import org.solrpersonalize.trainer.publish.PublishReport;
import org.solrpersonalize.trainer.publish.SolrTarget;
import org.solrpersonalize.trainer.publish.StandaloneSolrTest;

/**
 * {@code train --catalog} then {@code publish} into a real Solr: products nobody has touched yet
 * get their content-predicted factors and log-densities written like any item, so a personalized
 * query finds factors for every document.
 */
class ContentItemsPublishTest extends StandaloneSolrTest {
  @BeforeAll
  static void indexProducts() throws Exception {
    CatalogFixtures.resetWithProducts(client, 30);
  }

  /** 12 users, each using 5 of p0..p20 of one category (i % 3); p21..p29 have no interactions. */
  private static Interactions interactions() {
    return GeneratedInteractions.of(
        12, 21, "p", 5, (u, j) -> (u % 3) + 3 * ((u / 3 + j) % 7), (u, j) -> 1, "content-test");
  }

  /** The fixture's 30 products with the content fields CatalogFixtures indexes. */
  private static Catalog catalog() {
    String[] categories = {"Running Shoes", "Espresso Machines", "Camping Tents"};
    String[] brands = {"Trailmax", "Brewista", "Outpost"};
    List<Catalog.Item> items = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      items.add(
          new Catalog.Item(
              "p" + i,
              Map.of("category", List.of(categories[i % 3]), "brand", List.of(brands[i % 3]))));
    }
    return new Catalog(items, "sha256:fixture", 30, 0, 0);
  }

  @Test
  void newProductsArePublishedWithPredictedFactors() throws Exception {
    TrainingConfig config =
        TrainingConfig.builder()
            .factors(4)
            .iterations(5)
            .regularization(0.5)
            .alpha(2)
            .threads(2)
            .clustering(ClusteringConfig.withComponents(2))
            .content(ContentConfig.of(catalog(), List.of("category", "brand")))
            .build();
    ModelDirectory.Model model = Trainer.fit(interactions(), config).directory();
    assertEquals(30, model.itemIds().size());
    assertEquals(9, model.manifest().contentItems());

    PublishReport report =
        new ModelPublisher(
                SolrTarget.standalone(solr.baseUrl(), "catalog", "users"),
                PublishOptions.defaults(),
                PublishListener.NONE)
            .publish(model);
    assertEquals(30, report.itemsWritten());
    assertEquals(0, report.catalogDocsWithoutFactors());

    int k = model.k();
    int clusters = model.clusters();
    for (int row : new int[] {21, 29}) {
      // The field holds the k factors, then the K log-densities.
      float[] expected = new float[k + clusters];
      System.arraycopy(model.itemFactors(), row * k, expected, 0, k);
      System.arraycopy(model.itemLogDensity(), row * clusters, expected, k, clusters);
      byte[] stored =
          (byte[])
              client
                  .getById("catalog", model.itemIds().get(row))
                  .getFirstValue(ModelFields.itemField(report.slot()));
      assertArrayEquals(expected, VectorCodec.decode(stored, 0, stored.length));
    }

    SolrQuery q = new SolrQuery("*:*");
    q.set("rq", "{!personalize user=u0 reRankDocs=30}");
    q.setRows(30);
    QueryResponse rsp = client.query("catalog", q);
    NamedList<?> section = (NamedList<?>) rsp.getResponse().get("personalization");
    assertEquals(0, ((Number) section.get("docsWithoutFactors")).intValue(), section.toString());
  }
}

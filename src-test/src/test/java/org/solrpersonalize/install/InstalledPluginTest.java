package org.solrpersonalize.install;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.impl.Http2SolrClient;
import org.apache.solr.client.solrj.request.CoreAdminRequest;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.util.NamedList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solrpersonalize.e2e.CatalogFixtures;
import org.solrpersonalize.format.ModelDirectory;

/**
 * The path of README's "Installing into an existing Solr 9" and "Retraining", end to end: a Solr
 * whose classpath holds no class of ours loads the plugin from the shaded jar in {@code
 * <solr_home>/lib}; an admin creates the cores from the configsets; the runnable trainer jar trains
 * on a CSV and publishes; a personalized query reranks by the model's dot products.
 */
class InstalledPluginTest {
  private static final int PRODUCTS = 12;
  private static final String USER = "u4";

  @TempDir Path work;

  @Test
  void shadedJarInSolrHomeLibReranksByTheTrainedModel() throws Exception {
    Path configsets = Path.of(System.getProperty("configsets.dir"));
    try (SolrWithInstalledPlugin solr =
            SolrWithInstalledPlugin.start(work.resolve("solr-home"), configsets);
        SolrClient client = new Http2SolrClient.Builder(solr.baseUrl()).build()) {
      for (String core : List.of("catalog", "users")) {
        CoreAdminRequest.Create create = new CoreAdminRequest.Create();
        create.setCoreName(core);
        create.setInstanceDir(core);
        create.setConfigSet(core);
        create.process(client);
      }
      CatalogFixtures.indexProducts(client, "catalog", PRODUCTS);

      Path batch = Files.createDirectories(work.resolve("batch-server"));
      Files.writeString(batch.resolve("interactions.csv"), interactions(), StandardCharsets.UTF_8);
      TrainerJar.Run train =
          TrainerJar.trainSmall(batch, "interactions.csv", "models/m1", 4, 10, 7);
      assertEquals(0, train.exitCode(), train.output());
      TrainerJar.Run publish =
          TrainerJar.run(
              batch,
              "publish",
              "--model",
              "models/m1",
              "--solr",
              solr.baseUrl(),
              "--catalog",
              "catalog",
              "--users",
              "users",
              "--no-progress");
      assertEquals(0, publish.exitCode(), publish.output());

      ModelDirectory.Model model = ModelDirectory.read(batch.resolve("models/m1"));
      SolrQuery query = new SolrQuery("*:*");
      query.set("defType", "lucene");
      // Dot part alone, unnormalized: the reranked score is the model's dot product itself.
      query.set(
          "rq",
          "{!personalize user="
              + USER
              + " reRankDocs=100 textWeight=0 dotWeight=1"
              + " clusterWeight=0 norm=none}");
      query.setFields("id", "score");
      query.setRows(PRODUCTS);
      QueryResponse response = client.query("catalog", query);

      List<String> expected = idsByDotProduct(model, USER);
      List<String> actual = new ArrayList<>();
      for (SolrDocument doc : response.getResults()) {
        actual.add((String) doc.getFieldValue("id"));
      }
      assertEquals(expected, actual, "reranked order is the model's dot-product order");
      NamedList<?> section = (NamedList<?>) response.getResponse().get("personalization");
      assertEquals(model.manifest().modelId(), section.get("model"));
      assertEquals("profile", section.get("source"));
      assertEquals(Boolean.TRUE, section.get("userFound"));
    }
  }

  /**
   * Users u0..u19 over products p0..p11 (CatalogFixtures' ids): each user's four products of one of
   * three groups, and one more product that differs per user, weighted 2.
   */
  private static String interactions() {
    StringBuilder csv = new StringBuilder("user,item,weight\n");
    for (int u = 0; u < 20; u++) {
      for (int j = 0; j < 4; j++) {
        csv.append('u').append(u).append(",p").append((u % 3) * 4 + j).append(",1\n");
      }
      csv.append('u').append(u).append(",p").append((u * 5 + 1) % PRODUCTS).append(",2\n");
    }
    return csv.toString();
  }

  /** Catalog ids, the highest dot product with the user's factors first. */
  private static List<String> idsByDotProduct(ModelDirectory.Model model, String user) {
    int k = model.k();
    int u = model.userIds().indexOf(user);
    Map<String, Double> dots = new TreeMap<>();
    for (int i = 0; i < model.itemIds().size(); i++) {
      double dot = 0;
      for (int f = 0; f < k; f++) {
        dot += (double) model.userFactors()[u * k + f] * model.itemFactors()[i * k + f];
      }
      dots.put(model.itemIds().get(i), dot);
    }
    assertEquals(PRODUCTS, dots.size(), "every catalog product is in the model");
    List<String> ids = new ArrayList<>(dots.keySet());
    ids.sort(Comparator.comparing(dots::get, Comparator.reverseOrder()));
    return ids;
  }
}

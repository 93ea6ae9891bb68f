package org.solrpersonalize.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.util.NamedList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solrpersonalize.format.ModelDirectory;
import org.solrpersonalize.launcher.TwoCoreSolr;
import org.solrpersonalize.synthetic.SyntheticModels;
import org.solrpersonalize.trainer.publish.ModelPublisher;
import org.solrpersonalize.trainer.publish.PublishListener;
import org.solrpersonalize.trainer.publish.PublishOptions;
import org.solrpersonalize.trainer.publish.SolrTarget;

/**
 * Retraining under live traffic: while a second model is published, queries from several threads
 * never fail and every response is computed with exactly one model: each document's {@code userdot}
 * equals the dot product under the model the response names, never the other.
 */
class LiveRetrainTest {
  private static final int ITEMS = 400;
  private static final int K = 16;

  @TempDir Path home;

  @Test
  void queriesDuringAPublishNeverFailAndNeverMixModels() throws Exception {
    List<String> users = SyntheticModels.ids("u", 0, 50);
    ModelDirectory.Model m1 =
        SyntheticModels.model("m1", SyntheticModels.ids("p", 0, ITEMS), users, K, 4, 1);
    ModelDirectory.Model m2 =
        SyntheticModels.model("m2", SyntheticModels.ids("p", 0, ITEMS), users, K, 4, 2);
    Map<String, ModelDirectory.Model> models = Map.of("m1", m1, "m2", m2);
    try (TwoCoreSolr solr = TwoCoreSolr.start(home.resolve("solr"));
        SolrClient client = solr.client()) {
      CatalogFixtures.indexProducts(client, "catalog", ITEMS);
      SolrTarget target = SolrTarget.standalone(solr.baseUrl(), "catalog", "users");
      PublishOptions slow =
          new PublishOptions(20, 1, PublishOptions.DEFAULT_LOCK_STALE_AFTER, null, false);
      new ModelPublisher(target, slow, PublishListener.NONE).publish(client, m1);

      AtomicBoolean running = new AtomicBoolean(true);
      AtomicLong queries = new AtomicLong();
      Set<String> modelsSeen = ConcurrentHashMap.newKeySet();
      ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
      ExecutorService pool = Executors.newFixedThreadPool(4);
      for (int t = 0; t < 4; t++) {
        int thread = t;
        pool.submit(
            () -> {
              int i = 0;
              while (running.get()) {
                String user = users.get((thread * 13 + i++) % users.size());
                try {
                  QueryResponse rsp = client.query("catalog", personalizedQuery(user));
                  queries.incrementAndGet();
                  String problem = checkOneModel(rsp, user, models);
                  if (problem != null) {
                    failures.add(problem);
                  } else {
                    modelsSeen.add(modelOf(rsp));
                  }
                } catch (Exception e) {
                  failures.add(user + ": " + e);
                }
              }
            });
      }
      Thread.sleep(500);
      new ModelPublisher(target, slow, PublishListener.NONE).publish(client, m2);
      Thread.sleep(1500); // the plugin sees a switch within about a second
      running.set(false);
      pool.shutdown();
      assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));

      assertEquals(List.of(), new ArrayList<>(failures), "failed or mixed responses");
      assertTrue(queries.get() > 20, "queries ran during the publish: " + queries.get());
      assertEquals(Set.of("m1", "m2"), modelsSeen, "queries saw the old model, then the new one");
    }
  }

  private static SolrQuery personalizedQuery(String user) {
    SolrQuery q = new SolrQuery("dependable");
    q.set("rq", "{!personalize user=" + user + " reRankDocs=50}");
    q.setFields("id", "score", "dot:userdot(" + user + ")");
    q.setRows(20);
    return q;
  }

  private static String modelOf(QueryResponse rsp) {
    NamedList<?> section = (NamedList<?>) rsp.getResponse().get("personalization");
    return section == null ? null : (String) section.get("model");
  }

  /** Null if every document's userdot is the dot product under the response's one model. */
  private static String checkOneModel(
      QueryResponse rsp, String user, Map<String, ModelDirectory.Model> models) {
    String modelId = modelOf(rsp);
    ModelDirectory.Model model = models.get(modelId);
    if (model == null) {
      return "response names unknown model " + modelId;
    }
    int u = model.userIds().indexOf(user);
    for (SolrDocument doc : rsp.getResults()) {
      int item = model.itemIds().indexOf((String) doc.getFieldValue("id"));
      double expected = 0;
      for (int f = 0; f < K; f++) {
        expected += (double) model.userFactors()[u * K + f] * model.itemFactors()[item * K + f];
      }
      float actual = ((Number) doc.getFieldValue("dot")).floatValue();
      if (Math.abs(actual - expected) > 1e-4) {
        return String.format(
            Locale.ROOT,
            "%s doc %s: userdot %s is not model %s's %s",
            user,
            doc.getFieldValue("id"),
            actual,
            modelId,
            expected);
      }
    }
    return null;
  }
}

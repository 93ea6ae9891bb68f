package org.solrpersonalize.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.common.SolrInputDocument;
import org.solrpersonalize.e2e.SyntheticModels;
import org.solrpersonalize.launcher.TwoCoreSolr;
import org.solrpersonalize.trainer.publish.*;

public final class PublishThroughputProbe {
  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(args[0]);
    int batch = Integer.parseInt(args[1]);
    int threads = Integer.parseInt(args[2]);
    Path home = Files.createTempDirectory("probe");
    try (TwoCoreSolr solr = TwoCoreSolr.start(home); SolrClient client = solr.client()) {
      long t0 = System.nanoTime();
      List<SolrInputDocument> docs = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        SolrInputDocument d = new SolrInputDocument();
        d.setField("id", "p" + i);
        d.setField("title", "Trailmax waterproof trail running shoe model " + i);
        d.setField("description", "A dependable running shoe with a grippy sole and breathable mesh, item " + i);
        d.setField("category", "Running Shoes");
        d.setField("brand", "Trailmax");
        d.setField("price", 10f + i % 100);
        d.setField("stock", i % 7);
        docs.add(d);
        if (docs.size() == 1000) { client.add("catalog", docs); docs = new ArrayList<>(); }
      }
      if (!docs.isEmpty()) client.add("catalog", docs);
      client.commit("catalog");
      System.out.printf("indexed %d in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
      var model = SyntheticModels.model("m1", SyntheticModels.ids("p", 0, n), SyntheticModels.ids("u", 0, 1000), 64, 16, 1);
      PublishOptions o = new PublishOptions(batch, threads, PublishOptions.DEFAULT_LOCK_STALE_AFTER, null, false, false);
      PublishReport r = new ModelPublisher(SolrTarget.standalone(solr.baseUrl(), "catalog", "users"), o, PublishListener.NONE).publish(client, model);
      System.out.println(r.summary());
      var model2 = SyntheticModels.model("m2", SyntheticModels.ids("p", 0, n), SyntheticModels.ids("u", 0, 1000), 64, 16, 2);
      r = new ModelPublisher(SolrTarget.standalone(solr.baseUrl(), "catalog", "users"), o, PublishListener.NONE).publish(client, model2);
      System.out.println(r.summary());
    }
  }
}

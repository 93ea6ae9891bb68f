package org.solrpersonalize.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.StringJoiner;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrDocumentList;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.apache.solr.common.util.NamedList;
import org.solrpersonalize.format.ModelDirectory;
import org.solrpersonalize.synthetic.ShopQueries;
import org.solrpersonalize.trainer.progress.ProgressBars;
import org.solrpersonalize.trainer.random.FisherYates;

/**
 * Times the nine query variants of the benchmark against one catalog, single client thread. Every
 * measured step runs all nine variants for the same text query and user, in an order shuffled anew
 * each step (seeded), so that noise (GC, the other programs on the machine) hits all of them alike,
 * and so does what a variant leaves in the CPU's caches for the next one. (A rotation of one fixed
 * order put each variant after the same neighbour in 8 steps of 9: (h) after (g), which reads the
 * candidate model's rows, cost up to 0.15 ms more than in another place; docs/benchmark.md.)
 * Warm-up rounds run first and are not recorded. Every main query carries {@code cache=false}, so
 * the query result cache answers none of them; the text query is the /select handler's edismax with
 * its qf. Each run sends the same sequence of requests (texts, users, sessions), so runs under
 * different configurations (the item-factor cache's modes) can be compared request by request.
 */
final class QueryTimer {
  /** The text queries of every timed request: {@link ShopQueries#TEXT}. */
  static final List<String> TEXT_QUERIES = ShopQueries.TEXT;

  enum Kind {
    TEXT("a", "text query", "q=<text>"),
    RERANK_USER("b", "text + rerank by user", "q=<text>&rq={!personalize user=U reRankDocs=%d}"),
    RERANK_SESSION(
        "c", "text + rerank by session", "q=<text>&rq={!personalize items=i1,i2,i3 reRankDocs=%d}"),
    SORT_USERDOT("d", "full catalog, userdot sort", "q=*:*&sort=userdot(U) desc"),
    VECTOR_SIMILARITY(
        "e",
        "full catalog, vectorSimilarity",
        "q={!func}vectorSimilarity(FLOAT32,DOT_PRODUCT,vec_knn64,[U's vector])"),
    SOLR_RERANK(
        "f",
        "text + Solr's rerank by vectorSimilarity",
        "q=<text>&rq={!rerank reRankQuery=$rrq reRankDocs=%d}"
            + "&rrq={!func}vectorSimilarity(FLOAT32,DOT_PRODUCT,vec_knn64,[U's vector])"),
    RERANK_INTERLEAVED(
        "g",
        "text + interleaved rerank by user",
        "q=<text>&rq={!personalize user=U reRankDocs=%d interleave=candidate}"),
    RERANK_SEEN_EXCLUDE(
        "h",
        "(b) leaving out U's 200 seen items",
        "q=<text>&rq={!personalize user=U reRankDocs=%d seen=exclude}"),
    RERANK_SEEN_DEMOTE(
        "i",
        "(b) moving U's seen items behind the window's unseen",
        "q=<text>&rq={!personalize user=U reRankDocs=%d seen=demote}");

    final String id;
    final String label;
    final String request;

    Kind(String id, String label, String request) {
      this.id = id;
      this.label = label;
      this.request = request;
    }
  }

  private final SolrClient client;
  private final String core;
  private final ModelDirectory.Model model;
  private final int catalogDocs;
  private final int rerankDocs;
  private final Progress progress;
  private final long seed;
  private SplittableRandom random;
  private final List<String> warnings;

  QueryTimer(
      SolrClient client,
      String core,
      ModelDirectory.Model model,
      int catalogDocs,
      int rerankDocs,
      long seed,
      Progress progress,
      List<String> warnings) {
    this.client = client;
    this.core = core;
    this.model = model;
    this.catalogDocs = catalogDocs;
    this.rerankDocs = rerankDocs;
    this.progress = progress;
    this.seed = seed;
    this.warnings = warnings;
  }

  /**
   * @param topIds per measured step, the top 10 ids of (b) and of (d), in that order
   */
  record Result(
      List<BenchReport.Variant> variants,
      int topIdsAgreement,
      int requestsPerVariant,
      List<List<String>> rerankTopIds,
      List<List<String>> userdotTopIds) {}

  Result run(List<String> texts, int rounds, int warmupRounds) throws Exception {
    random = new SplittableRandom(seed);
    // Its own stream, so that the requests sent stay those of the seed whatever the order.
    SplittableRandom order = new SplittableRandom(seed ^ 0x5DEECE66DL);
    Kind[] kinds = Kind.values();
    List<List<String>> rerankTop = new ArrayList<>();
    List<List<String>> userdotTop = new ArrayList<>();
    String[] checks = new String[kinds.length];
    boolean[] verified = new boolean[kinds.length];
    int agreement = verify(texts.get(0), userIndex(0), checks, verified);

    Latencies[] latencies = new Latencies[kinds.length];
    for (int v = 0; v < kinds.length; v++) {
      latencies[v] = new Latencies(rounds * texts.size());
    }
    int steps = (warmupRounds + rounds) * texts.size();
    progress.phase(
        "query: %d warm-up + %d measured rounds of %d text queries x %d variants",
        warmupRounds, rounds, texts.size(), kinds.length);
    try (ProgressBars.Bar bar = progress.bar("queries", steps)) {
      for (int step = 0; step < steps; step++) {
        String text = texts.get(step % texts.size());
        int user = userIndex(step);
        String[] session = sessionItems();
        for (int v : FisherYates.permutation(kinds.length, order)) {
          ModifiableSolrParams params = params(kinds[v], text, user, session);
          long start = System.nanoTime();
          QueryResponse response = client.query(core, params);
          long took = System.nanoTime() - start;
          if (step >= warmupRounds * texts.size()) {
            latencies[v].add(took);
            if (kinds[v] == Kind.RERANK_USER) {
              rerankTop.add(ids(response.getResults()));
            } else if (kinds[v] == Kind.SORT_USERDOT) {
              userdotTop.add(ids(response.getResults()));
            }
          }
        }
        bar.stepBy(1);
      }
    }
    List<BenchReport.Variant> variants = new ArrayList<>();
    for (int v = 0; v < kinds.length; v++) {
      Kind kind = kinds[v];
      String request = String.format(Locale.ROOT, kind.request, rerankDocs);
      variants.add(
          new BenchReport.Variant(
              kind.id,
              kind.label,
              request,
              latencies[v].size(),
              latencies[v].percentileMillis(50),
              latencies[v].percentileMillis(99),
              latencies[v].throughput(),
              latencies[v].pairedMedianRatio(latencies[Kind.TEXT.ordinal()]),
              verified[v],
              checks[v]));
    }
    return new Result(variants, agreement, rounds * texts.size(), rerankTop, userdotTop);
  }

  /** Ids shared by the two runs' top 10 of the same request, averaged over the requests. */
  static double meanOverlap(List<List<String>> a, List<List<String>> b) {
    if (a.isEmpty() || a.size() != b.size()) {
      return Double.NaN;
    }
    long shared = 0;
    for (int i = 0; i < a.size(); i++) {
      Set<String> ids = new HashSet<>(a.get(i));
      ids.retainAll(b.get(i));
      shared += ids.size();
    }
    return (double) shared / a.size();
  }

  /** Users of the measured steps, each counted once. */
  int distinctUsers(int measuredSteps, int warmupSteps) {
    Set<Integer> users = new HashSet<>();
    for (int step = warmupSteps; step < warmupSteps + measuredSteps; step++) {
      users.add(userIndex(step));
    }
    return users.size();
  }

  private int userIndex(int step) {
    int users = model.userIds().size();
    return (int) ((step * 7919L) % users);
  }

  private String[] sessionItems() {
    int items = Math.min(catalogDocs, model.itemIds().size());
    return new String[] {
      model.itemIds().get(random.nextInt(items)),
      model.itemIds().get(random.nextInt(items)),
      model.itemIds().get(random.nextInt(items))
    };
  }

  /**
   * What a user-reranked variant adds to {@code {!personalize user=U reRankDocs=N}}: nothing for
   * (b), the interleaving or seen-items option for (g), (h) and (i); null for the other kinds.
   */
  private static String userRerankOptions(Kind kind) {
    return switch (kind) {
      case RERANK_USER -> "";
      case RERANK_INTERLEAVED -> " interleave=candidate";
      case RERANK_SEEN_EXCLUDE -> " seen=exclude";
      case RERANK_SEEN_DEMOTE -> " seen=demote";
      default -> null;
    };
  }

  ModifiableSolrParams params(Kind kind, String text, int user, String[] session) {
    String userId = model.userIds().get(user);
    ModifiableSolrParams p = new ModifiableSolrParams();
    p.set("rows", 10);
    // Local params in q (here cache=false) are honoured only under the lucene or func defType.
    p.set("defType", "lucene");
    switch (kind) {
      case TEXT,
          RERANK_USER,
          RERANK_SESSION,
          SOLR_RERANK,
          RERANK_INTERLEAVED,
          RERANK_SEEN_EXCLUDE,
          RERANK_SEEN_DEMOTE -> {
        p.set("q", "{!edismax cache=false}" + text); // qf: the handler's
        p.set("fl", "id,score");
        String byUser = userRerankOptions(kind);
        if (byUser != null) {
          p.set("rq", "{!personalize user=" + userId + " reRankDocs=" + rerankDocs + byUser + "}");
        } else if (kind == Kind.SOLR_RERANK) {
          // Solr's own rerank of the same window by the same dot product (as (e) scores it).
          p.set("rq", "{!rerank reRankQuery=$rrq reRankDocs=" + rerankDocs + "}");
          p.set(
              "rrq",
              "{!func}vectorSimilarity(FLOAT32,DOT_PRODUCT,"
                  + CatalogIndexer.KNN_FIELD
                  + ","
                  + literal(userVector(user))
                  + ")");
        } else if (kind == Kind.RERANK_SESSION) {
          p.set(
              "rq",
              "{!personalize items="
                  + String.join(",", session)
                  + " reRankDocs="
                  + rerankDocs
                  + "}");
        }
      }
      case SORT_USERDOT -> {
        p.set("q", "{!lucene cache=false}*:*");
        p.set("sort", "userdot(" + userId + ") desc");
        p.set("fl", "id");
      }
      case VECTOR_SIMILARITY -> {
        // sort=vectorSimilarity(...) desc fails in Solr 9.10.1 (UnsupportedOperationException
        // from FunctionValues.doubleVal): the documented way is the function as the query, whose
        // score max(0,(1+dot)/2) orders documents as the dot product does (for dot > -1).
        p.set(
            "q",
            "{!func cache=false}vectorSimilarity(FLOAT32,DOT_PRODUCT,"
                + CatalogIndexer.KNN_FIELD
                + ","
                + literal(userVector(user))
                + ")");
        p.set("fl", "id,score");
      }
    }
    return p;
  }

  private float[] userVector(int user) {
    int k = model.k();
    float[] v = new float[k];
    System.arraycopy(model.userFactors(), user * k, v, 0, k);
    return v;
  }

  private static String literal(float[] vector) {
    StringJoiner joiner = new StringJoiner(",", "[", "]");
    for (float f : vector) {
      joiner.add(Float.toString(f));
    }
    return joiner.toString();
  }

  /** What a check of a response without the personalize rerank reports. */
  private static String unpersonalized(SolrDocumentList hits) {
    return String.format(
        Locale.ROOT,
        "%d hits, %d returned, no personalization section",
        hits.getNumFound(),
        hits.size());
  }

  /**
   * Sends each variant once and checks the response is what the variant claims; a failed check is a
   * warning. Returns how many of the top 10 ids (d) and (e) share.
   */
  private int verify(String text, int user, String[] checks, boolean[] ok) throws Exception {
    String userId = model.userIds().get(user);
    String[] session = sessionItems();
    Kind[] kinds = Kind.values();
    QueryResponse[] responses = new QueryResponse[kinds.length];
    for (int v = 0; v < kinds.length; v++) {
      responses[v] = client.query(core, params(kinds[v], text, user, session));
    }
    SolrDocumentList plain = responses[0].getResults();
    checks[0] = unpersonalized(plain);
    ok[0] = plain.size() > 0 && responses[0].getResponse().get("personalization") == null;
    check(responses[1], "profile", userId, checks, ok, 1);
    check(responses[2], "session", null, checks, ok, 2);
    List<String> byUserdot = ids(responses[3].getResults());
    List<String> bySimilarity = ids(responses[4].getResults());
    Set<String> shared = new HashSet<>(byUserdot);
    shared.retainAll(bySimilarity);
    checkFullCatalogRanking(responses[3], shared.size(), "e", checks, ok, 3);
    checkFullCatalogRanking(responses[4], shared.size(), "d", checks, ok, 4);
    SolrDocumentList solrRerank = responses[5].getResults();
    checks[5] = unpersonalized(solrRerank);
    ok[5] =
        solrRerank.size() > 0
            && solrRerank.getNumFound() == plain.getNumFound()
            && responses[5].getResponse().get("personalization") == null;
    check(responses[6], "profile", userId, checks, ok, 6);
    if (ok[6] && !interleaved(responses[6])) {
      checks[6] += ", not interleaved: " + responses[6].getResponse().get("personalization");
      ok[6] = false;
    }
    checkSeen(responses[7], "exclude", plain.getNumFound(), userId, checks, ok, 7);
    checkSeen(responses[8], "demote", plain.getNumFound(), userId, checks, ok, 8);
    if (shared.size() < Math.min(9, byUserdot.size())) {
      warnings.add(
          String.format(
              Locale.ROOT,
              "(d) and (e) share only %d of their top 10 ids for user %s: %s vs %s",
              shared.size(),
              userId,
              byUserdot,
              bySimilarity));
    }
    for (int v = 0; v < kinds.length; v++) {
      if (!ok[v]) {
        warnings.add("(" + kinds[v].id + ") is not what it claims: " + checks[v]);
      }
    }
    return shared.size();
  }

  private void check(
      QueryResponse response, String source, String userId, String[] checks, boolean[] ok, int v) {
    Object section = response.getResponse().get("personalization");
    if (!(section instanceof NamedList<?> report)) {
      checks[v] = "no personalization section";
      ok[v] = false;
      return;
    }
    Object windowSize = report.get("windowSize");
    Object withoutFactors = report.get("docsWithoutFactors");
    checks[v] =
        String.format(
            Locale.ROOT,
            "source=%s%s, window %s, docs without factors %s%s",
            report.get("source"),
            userId == null
                ? ", session items found " + report.get("sessionItemsFound")
                : ", userFound=" + report.get("userFound"),
            windowSize,
            withoutFactors,
            report.get("fallback") == null ? "" : ", fallback " + report.get("fallback"));
    ok[v] =
        source.equals(report.get("source"))
            && report.get("fallback") == null
            && (userId == null || Boolean.TRUE.equals(report.get("userFound")))
            && response.getResults().size() > 0;
  }

  /** Whether (g)'s response interleaved two models (its section names the candidate). */
  private static boolean interleaved(QueryResponse response) {
    return response.getResponse().get("personalization") instanceof NamedList<?> report
        && report.get("interleave") instanceof NamedList<?> interleave
        && interleave.get("candidate") != null;
  }

  /**
   * (h) and (i) personalize as (b) does and report the user's seen items; (h)'s numFound is the
   * text query's less what it excluded.
   */
  private void checkSeen(
      QueryResponse response,
      String mode,
      long textHits,
      String userId,
      String[] checks,
      boolean[] ok,
      int v) {
    check(response, "profile", userId, checks, ok, v);
    Object section = response.getResponse().get("personalization");
    Object seen = section instanceof NamedList<?> report ? report.get("seen") : null;
    if (!(seen instanceof NamedList<?> s) || !(s.get("items") instanceof Number items)) {
      checks[v] += ", no seen entry";
      ok[v] = false;
      return;
    }
    Object moved = s.get(mode.equals("exclude") ? "excluded" : "demoted");
    checks[v] += String.format(Locale.ROOT, ", seen %s, %s %s", items, mode + "d", moved);
    long expectedHits =
        mode.equals("exclude") && moved instanceof Number n ? textHits - n.longValue() : textHits;
    ok[v] &=
        mode.equals(s.get("mode"))
            && items.intValue() > 0
            && response.getResults().getNumFound() == expectedHits;
  }

  /** (d) and (e) rank every catalog document and return the top 10. */
  private void checkFullCatalogRanking(
      QueryResponse response, int sharedIds, String other, String[] checks, boolean[] ok, int v) {
    SolrDocumentList results = response.getResults();
    checks[v] =
        String.format(
            Locale.ROOT,
            "%d of %d docs ranked, top 10 ids: %d shared with (%s)",
            results.getNumFound(),
            catalogDocs,
            sharedIds,
            other);
    ok[v] = results.size() == 10 && results.getNumFound() == catalogDocs;
  }

  private static List<String> ids(SolrDocumentList docs) {
    List<String> ids = new ArrayList<>();
    for (SolrDocument d : docs) {
      ids.add(String.valueOf(d.getFirstValue("id")));
    }
    return ids;
  }
}

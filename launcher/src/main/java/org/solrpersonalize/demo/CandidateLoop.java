package org.solrpersonalize.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.util.NamedList;
import org.solrpersonalize.synthetic.ShopQueries;
import org.solrpersonalize.trainer.clicks.ClickLog;
import org.solrpersonalize.trainer.clicks.Impression;
import org.solrpersonalize.trainer.clicks.ShownDocument;
import org.solrpersonalize.trainer.demo.UserTaste;
import org.solrpersonalize.trainer.interleaving.InterleavingReport;
import org.solrpersonalize.trainer.interleaving.TeamDraftTally;
import org.solrpersonalize.trainer.random.FisherYates;

/**
 * The demo's production loop: simulated shoppers (the generator's planted tastes) search the
 * catalog with {@code rq={!personalize user=U interleave=candidate}} and {@code
 * fl=id,[personalize]}, click by a {@link ClickModel}, and the clicks are credited to the active or
 * the candidate model as {@code bin/trainer interleaving-report} does. The click log is written as
 * a team would keep it, so the same file can be fed to {@code interleaving-report} and {@code
 * fit-weights}.
 *
 * <p>Shoppers and queries are drawn from one seeded stream: the same seed gives the same visits,
 * pages and clicks.
 */
final class CandidateLoop {
  /** The simulated shoppers' searches: the benchmark's queries. */
  static final List<String> QUERIES = ShopQueries.TEXT;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SolrClient client;
  private final List<String> shoppers;
  private final Map<String, UserTaste> tastes;
  private final ClickSimulator clicks;
  private final int rerankDocs;

  /**
   * @param userSegments each simulated user's planted segment (users.csv)
   * @param productSegments each product's segment (the catalog)
   */
  CandidateLoop(
      SolrClient client,
      Map<String, String> userSegments,
      Map<String, String> productSegments,
      int rerankDocs,
      long seed) {
    this.client = client;
    this.rerankDocs = rerankDocs;
    Map<String, Integer> segmentIndex = new HashMap<>();
    for (String segment : new TreeSet<>(productSegments.values())) {
      segmentIndex.put(segment, segmentIndex.size());
    }
    this.tastes = new TreeMap<>();
    userSegments.forEach(
        (user, segment) -> {
          Integer index = segmentIndex.get(segment);
          if (index != null) {
            tastes.put(user, new UserTaste(index, UserTaste.NONE));
          }
        });
    this.shoppers = new ArrayList<>(tastes.keySet());
    ClickModel d = ClickModel.DEFAULT;
    ClickModel model =
        new ClickModel(
            d.positionBias(), d.primaryClick(), d.secondaryClick(), d.otherClick(), seed);
    this.clicks =
        new ClickSimulator(
            model,
            id -> {
              String segment = productSegments.get(id);
              Integer index = segment == null ? null : segmentIndex.get(segment);
              return index == null ? ClickSimulator.UNKNOWN_SEGMENT : index;
            });
  }

  /**
   * {@code visits} searches by shoppers drawn with replacement, each on an interleaved page of
   * {@code rows}; writes every impression to {@code clickLog} and returns the report of its clicks.
   */
  InterleavingReport run(int visits, int rows, Path clickLog, long seed) throws Exception {
    SplittableRandom draw = new SplittableRandom(seed);
    List<Impression> impressions = new ArrayList<>(visits);
    Files.createDirectories(clickLog.toAbsolutePath().getParent());
    try (BufferedWriter log = Files.newBufferedWriter(clickLog, StandardCharsets.UTF_8)) {
      for (int v = 0; v < visits; v++) {
        String user = shoppers.get(draw.nextInt(shoppers.size()));
        String query = QUERIES.get(draw.nextInt(QUERIES.size()));
        List<ShownDocument> page = interleavedPage(user, query, rows);
        impressions.add(clicks.clickAndLog(user, tastes.get(user), query, page, log));
      }
    }
    return InterleavingReport.of(TeamDraftTally.of(impressions));
  }

  /** One interleaved page as the click log records it. */
  List<ShownDocument> interleavedPage(String user, String q, int rows) throws Exception {
    SolrQuery query = new SolrQuery(q);
    query.setRows(rows);
    query.setFields("id", ClickLog.FEATURES);
    query.set(
        "rq",
        "{!personalize user=" + user + " reRankDocs=" + rerankDocs + " interleave=candidate}");
    List<ShownDocument> page = new ArrayList<>();
    for (SolrDocument doc : client.query("catalog", query).getResults()) {
      ObjectNode logged = JSON.createObjectNode();
      logged.put("id", (String) doc.getFieldValue("id"));
      logged.set(ClickLog.FEATURES, toJson(doc.getFieldValue(ClickLog.FEATURES)));
      page.add(ClickLog.shownDocument(logged, page.size(), "id"));
    }
    return page;
  }

  /** A response value (map, named list, number, string) as JSON. */
  private static JsonNode toJson(Object value) {
    if (value instanceof NamedList<?> list) {
      ObjectNode node = JSON.createObjectNode();
      for (Map.Entry<String, ?> e : list) {
        node.set(e.getKey(), toJson(e.getValue()));
      }
      return node;
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode node = JSON.createObjectNode();
      map.forEach((k, v) -> node.set(String.valueOf(k), toJson(v)));
      return node;
    }
    return JSON.valueToTree(value);
  }

  /** Copies {@code interactions} with users swapped by a seeded permutation: a broken pipeline. */
  static void shuffleUsers(Path interactions, Path out, long seed) throws IOException {
    List<String> lines = Files.readAllLines(interactions, StandardCharsets.UTF_8);
    List<String> users = new ArrayList<>(new TreeSet<>(userColumn(lines)));
    int[] permutation = FisherYates.permutation(users.size(), new SplittableRandom(seed));
    Map<String, String> swap = new HashMap<>();
    for (int i = 0; i < users.size(); i++) {
      swap.put(users.get(i), users.get(permutation[i]));
    }
    List<String> outLines = new ArrayList<>(lines.size());
    outLines.add(lines.get(0));
    for (String line : lines.subList(1, lines.size())) {
      int comma = line.indexOf(',');
      outLines.add(swap.get(line.substring(0, comma)) + line.substring(comma));
    }
    Files.write(out, outLines, StandardCharsets.UTF_8);
  }

  /**
   * Copies the oldest {@code share} of {@code interactions} (by their ISO-8601 timestamp, the last
   * column): the log as it stood when an older model was trained.
   */
  static void oldestShare(Path interactions, Path out, double share) throws IOException {
    List<String> lines = Files.readAllLines(interactions, StandardCharsets.UTF_8);
    List<String> events = new ArrayList<>(lines.subList(1, lines.size()));
    events.sort(
        (a, b) -> a.substring(a.lastIndexOf(',')).compareTo(b.substring(b.lastIndexOf(','))));
    List<String> outLines = new ArrayList<>();
    outLines.add(lines.get(0));
    outLines.addAll(events.subList(0, (int) Math.round(share * events.size())));
    Files.write(out, outLines, StandardCharsets.UTF_8);
  }

  private static List<String> userColumn(List<String> lines) {
    List<String> users = new ArrayList<>(lines.size());
    for (String line : lines.subList(1, lines.size())) {
      users.add(line.substring(0, line.indexOf(',')));
    }
    return users;
  }
}

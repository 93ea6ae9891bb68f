package org.solrpersonalize.solr.response;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrDocumentList;
import org.apache.solr.common.params.ShardParams;
import org.apache.solr.common.util.NamedList;
import org.apache.solr.common.util.SimpleOrderedMap;
import org.apache.solr.handler.component.ResponseBuilder;
import org.apache.solr.handler.component.ShardDoc;
import org.apache.solr.handler.component.ShardRequest;
import org.apache.solr.handler.component.ShardResponse;
import org.apache.solr.schema.IndexSchema;
import org.apache.solr.search.SolrIndexSearcher;
import org.solrpersonalize.solr.interleave.Team;
import org.solrpersonalize.solr.interleave.TeamDraftInterleaving;
import org.solrpersonalize.solr.metrics.PersonalizeMetrics;
import org.solrpersonalize.solr.search.PersonalizationReport;
import org.solrpersonalize.solr.search.WindowRankings;

/**
 * The rankings a shard sends its coordinator, and what the coordinator makes of them. A shard asked
 * with {@value WindowRankings#SHARD_PARAM} adds the section {@value #SECTION}: per model (team) its
 * top {@code start + rows} documents, best first, with their score and parts. The coordinator
 * merges each model's lists into the global ranking (score, then raw text score, then id; the list
 * of a collection's one shard keeps its order), and
 *
 * <ul>
 *   <li>for {@code interleave=candidate}, interleaves the two global rankings ({@link
 *       TeamDraftInterleaving}) and replaces the page Solr merged by score: the first {@code start
 *       + rows} picks read at most the first {@code start + rows} documents of each ranking, so
 *       with {@code norm=none} (scores that depend on the document alone) the page is the one a
 *       single core gives;
 *   <li>fills the {@code [personalize]} field of the page's documents ({@link FeatureLog}), since
 *       the shards' second request (stored fields by id) does not rerank.
 * </ul>
 */
final class ShardRankings {
  static final String SECTION = "pz.rankings";
  private static final String CONTEXT_KEY = ShardRankings.class.getName();

  /** Values per document: score, then text, dot and cluster, each raw and normalized. */
  private static final int VALUES = 7;

  /**
   * One document of a shard's ranking; {@code fallback} says why its model kept the text order (no
   * profile of the user), null when the model scored it.
   */
  record Entry(String id, String shard, WindowRankings.Parts parts, String fallback) {}

  private static final Comparator<Entry> BEST_FIRST =
      Comparator.comparingDouble((Entry e) -> -e.parts().score())
          .thenComparingDouble(e -> -e.parts().textRaw())
          .thenComparing(Entry::id);

  private final Map<Team, List<Entry>> rankings = new EnumMap<>(Team.class);
  private final Map<Team, Map<String, Entry>> byId = new EnumMap<>(Team.class);
  private final Map<String, Team> teams = new HashMap<>();

  /** The shards whose ranking of each team was read. */
  private final Map<Team, Set<String>> shards = new EnumMap<>(Team.class);

  private ShardRankings() {}

  /** Shard side: adds the section when the coordinator asked and the rerank kept its rankings. */
  static void addTo(ResponseBuilder rb) throws IOException {
    if (!rb.req.getParams().getBool(ShardParams.IS_SHARD, false)
        || !rb.req.getParams().getBool(WindowRankings.SHARD_PARAM, false)) {
      return;
    }
    WindowRankings rankings = WindowRankings.ifRecorded(rb.req);
    if (rankings == null || rb.getSortSpec() == null) {
      return;
    }
    int depth = rb.getSortSpec().getOffset() + Math.max(0, rb.getSortSpec().getCount());
    SolrIndexSearcher searcher = rb.req.getSearcher();
    IndexSchema schema = searcher.getSchema();
    Set<String> key = Set.of(schema.getUniqueKeyField().getName());
    SimpleOrderedMap<Object> section = new SimpleOrderedMap<>();
    for (Team team : Team.values()) {
      WindowRankings.Ranking ranking = rankings.ranking(team);
      if (ranking == null) {
        continue;
      }
      int n = Math.min(depth, ranking.docs().length);
      List<String> ids = new ArrayList<>(n);
      List<Double> values = new ArrayList<>(n * VALUES);
      for (int i = 0; i < n; i++) {
        int doc = ranking.docs()[i];
        WindowRankings.Parts p = ranking.parts().get(doc);
        if (p == null) {
          continue;
        }
        Document stored = searcher.getDocFetcher().doc(doc, key);
        ids.add(schema.printableUniqueKey(stored));
        values.add((double) p.score());
        values.add(p.textRaw());
        values.add(p.textNormalized());
        values.add(p.dotRaw());
        values.add(p.dotNormalized());
        values.add(p.clusterRaw());
        values.add(p.clusterNormalized());
      }
      SimpleOrderedMap<Object> list = new SimpleOrderedMap<>();
      list.add("model", ranking.model());
      if (ranking.fallback() != null) {
        list.add("fallback", ranking.fallback());
      }
      list.add("ids", ids);
      list.add("values", values);
      section.add(team.parameterValue(), list);
    }
    rb.rsp.add(SECTION, section);
  }

  /** Coordinator side: the shards' rankings merged, kept in the request for the fields stage. */
  static ShardRankings collect(ResponseBuilder rb, ShardRequest sreq) {
    ShardRankings merged = new ShardRankings();
    for (Team team : Team.values()) {
      merged.rankings.put(team, new ArrayList<>());
      merged.byId.put(team, new HashMap<>());
      merged.shards.put(team, new HashSet<>());
    }
    for (ShardResponse shard : sreq.responses) {
      NamedList<?> rsp =
          shard.getSolrResponse() == null ? null : shard.getSolrResponse().getResponse();
      if (rsp != null && rsp.get(SECTION) instanceof NamedList<?> section) {
        for (Team team : Team.values()) {
          if (section.get(team.parameterValue()) instanceof NamedList<?> list) {
            merged.read(team, shard.getShard(), list);
          }
        }
      }
    }
    for (Team team : Team.values()) {
      // One shard's ranking is already in the order its rerank gave, which diversity and
      // seen=demote set and a merge by score would undo (both are refused on several shards).
      if (merged.shards.get(team).size() > 1) {
        merged.rankings.get(team).sort(BEST_FIRST);
      }
    }
    rb.req.getContext().put(CONTEXT_KEY, merged);
    return merged;
  }

  private void read(Team team, String shard, NamedList<?> list) {
    shards.get(team).add(shard);
    String model = (String) list.get("model");
    String fallback = (String) list.get("fallback");
    List<?> ids = (List<?>) list.get("ids");
    List<?> values = (List<?>) list.get("values");
    for (int i = 0; i < ids.size(); i++) {
      int v = i * VALUES;
      WindowRankings.Parts parts =
          new WindowRankings.Parts(
              model,
              ((Number) values.get(v)).floatValue(),
              ((Number) values.get(v + 1)).doubleValue(),
              ((Number) values.get(v + 2)).doubleValue(),
              ((Number) values.get(v + 3)).doubleValue(),
              ((Number) values.get(v + 4)).doubleValue(),
              ((Number) values.get(v + 5)).doubleValue(),
              ((Number) values.get(v + 6)).doubleValue());
      Entry entry = new Entry(ids.get(i).toString(), shard, parts, fallback);
      // A document is on one shard; a repeat (a replica answering twice) counts once.
      if (byId.get(team).putIfAbsent(entry.id(), entry) == null) {
        rankings.get(team).add(entry);
      }
    }
  }

  static ShardRankings ofRequest(ResponseBuilder rb) {
    return (ShardRankings) rb.req.getContext().get(CONTEXT_KEY);
  }

  /**
   * Replaces the page Solr merged by score with the interleaving of the two global rankings, and
   * counts the teams of the page in the report.
   */
  void interleave(ResponseBuilder rb, long seed, PersonalizationReport report) {
    int offset = rb.getSortSpec().getOffset();
    int count = Math.max(0, rb.getSortSpec().getCount());
    List<TeamDraftInterleaving.Pick<String>> picks =
        TeamDraftInterleaving.interleave(
            ids(Team.ACTIVE),
            ids(Team.CANDIDATE),
            (int) Math.min(Integer.MAX_VALUE, (long) offset + count),
            seed);
    Map<Object, ShardDoc> page = new HashMap<>();
    report.activeTeam = 0;
    report.candidateTeam = 0;
    for (int i = offset; i < picks.size(); i++) {
      TeamDraftInterleaving.Pick<String> pick = picks.get(i);
      Entry entry = byId.get(pick.team()).get(pick.item());
      ShardDoc doc = new ShardDoc();
      doc.id = entry.id();
      doc.shard = entry.shard();
      doc.score = entry.parts().score();
      doc.positionInResponse = i - offset;
      doc.sortFieldValues = new NamedList<>();
      doc.scoreDependentFields = new HashMap<>();
      page.put(entry.id(), doc);
      if (pick.team() == Team.ACTIVE) {
        report.activeTeam++;
      } else {
        report.candidateTeam++;
      }
    }
    for (TeamDraftInterleaving.Pick<String> pick : picks) {
      teams.put(pick.item(), pick.team());
    }
    SolrDocumentList merged = rb.getResponseDocs();
    SolrDocumentList docs = new SolrDocumentList();
    docs.setNumFound(merged == null ? 0 : merged.getNumFound());
    docs.setNumFoundExact(merged == null || merged.getNumFoundExact());
    docs.setMaxScore(merged == null ? null : merged.getMaxScore());
    docs.setStart(offset);
    for (int i = 0; i < page.size(); i++) {
      docs.add(null);
    }
    rb.resultIds = page;
    rb.setResponseDocs(docs);
    PersonalizeMetrics.of(rb.req.getCore()).interleaved(report.activeTeam, report.candidateTeam);
  }

  private List<String> ids(Team team) {
    List<Entry> ranking = rankings.get(team);
    List<String> ids = new ArrayList<>(ranking.size());
    for (Entry e : ranking) {
      ids.add(e.id());
    }
    return ids;
  }

  /**
   * Sets {@code field} ({@code [personalize]}) on the page's documents that arrived: the parts of
   * the model that placed each, or why there are none.
   */
  void fillFeatureLogs(ResponseBuilder rb, String field, String requestFallback) {
    if (rb.resultIds == null || rb.getResponseDocs() == null) {
      return;
    }
    boolean reranked = !rankings.get(Team.ACTIVE).isEmpty();
    for (ShardDoc sdoc : rb.resultIds.values()) {
      if (sdoc.positionInResponse >= rb.getResponseDocs().size()) {
        continue;
      }
      SolrDocument doc = rb.getResponseDocs().get(sdoc.positionInResponse);
      if (doc == null) {
        continue;
      }
      String id = sdoc.id.toString();
      Team team = teams.get(id);
      Entry entry = byId.get(team == null ? Team.ACTIVE : team).get(id);
      doc.setField(
          field,
          entry == null
              ? FeatureLog.fallback(FeatureLog.reasonWithoutParts(requestFallback, reranked))
              : entry.fallback() != null
                  ? FeatureLog.fallback(entry.fallback(), team)
                  : FeatureLog.of(entry.parts(), team));
    }
  }
}

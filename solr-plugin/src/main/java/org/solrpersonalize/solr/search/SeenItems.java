package org.solrpersonalize.solr.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.BytesRefBuilder;
import org.apache.solr.schema.SchemaField;
import org.apache.solr.search.DocSet;
import org.apache.solr.search.QueryCommand;
import org.apache.solr.search.SolrIndexSearcher;

/**
 * The catalog documents a request's user has seen, by the catalog's unique key: the profile's
 * recent items ({@code user=}) or the session's items ({@code items=}), and what {@code seen=} does
 * with them. {@code exclude} adds a {@code MUST_NOT} {@link TermInSetQuery} to the main query
 * ({@link #excluding}), so the search itself never matches them: numFound, paging, facets and every
 * shard of a distributed request agree. {@code demote} finds their doc ids once ({@link #docIds})
 * and moves them behind the window's unseen documents ({@link #demote}).
 */
final class SeenItems {
  private final SeenMode mode;
  private final List<String> ids;
  private final Query query;

  private SeenItems(SeenMode mode, List<String> ids, Query query) {
    this.mode = mode;
    this.ids = ids;
    this.query = query;
  }

  /**
   * The seen items of a request, or null when {@code mode} is keep or there are none.
   *
   * @param uniqueKey the catalog schema's unique key field
   */
  static SeenItems of(SeenMode mode, List<String> ids, SchemaField uniqueKey) {
    if (mode == SeenMode.KEEP || ids.isEmpty()) {
      return null;
    }
    List<BytesRef> terms = new ArrayList<>(ids.size());
    for (String id : ids) {
      BytesRefBuilder indexed = new BytesRefBuilder();
      uniqueKey.getType().readableToIndexed(id, indexed);
      terms.add(indexed.toBytesRef());
    }
    return new SeenItems(mode, List.copyOf(ids), new TermInSetQuery(uniqueKey.getName(), terms));
  }

  SeenMode mode() {
    return mode;
  }

  int size() {
    return ids.size();
  }

  /**
   * {@code main} without the seen documents; {@code main} itself when it already leaves them out.
   */
  Query excluding(Query main) {
    BooleanClause exclusion = new BooleanClause(query, BooleanClause.Occur.MUST_NOT);
    if (main instanceof BooleanQuery b && b.clauses().contains(exclusion)) {
      return main;
    }
    return new BooleanQuery.Builder().add(main, BooleanClause.Occur.MUST).add(exclusion).build();
  }

  /**
   * How many seen documents {@code main} and the filters match: what {@link #excluding} takes out
   * of numFound. Driven by the seen documents (a few hundred at most), not by the main query.
   */
  int countMatching(IndexSearcher searcher, Query main, QueryCommand cmd) throws IOException {
    DocSet filtered = cmd.getFilter();
    List<Query> filters = cmd.getFilterList();
    if (filters != null && !filters.isEmpty() && searcher instanceof SolrIndexSearcher solr) {
      // The search just used the same filters: their set comes from the filter cache.
      DocSet listed = solr.getDocSet(filters);
      filtered = filtered == null ? listed : filtered.intersection(listed);
    }
    Query both =
        new BooleanQuery.Builder()
            .add(query, BooleanClause.Occur.FILTER)
            .add(main, BooleanClause.Occur.FILTER)
            .build();
    Weight weight = searcher.createWeight(searcher.rewrite(both), ScoreMode.COMPLETE_NO_SCORES, 1);
    int count = 0;
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      Scorer scorer = weight.scorer(leaf);
      if (scorer == null) {
        continue;
      }
      Bits live = leaf.reader().getLiveDocs();
      DocIdSetIterator it = scorer.iterator();
      for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
        if ((live == null || live.get(doc))
            && (filtered == null || filtered.exists(leaf.docBase + doc))) {
          count++;
        }
      }
    }
    return count;
  }

  /** The seen items' live doc ids, ascending. */
  int[] docIds(IndexSearcher searcher) throws IOException {
    int[][] found = {new int[Math.min(ids.size(), 64)]};
    int[] size = {0};
    searcher.search(
        query,
        new SimpleCollector() {
          private int base;

          @Override
          protected void doSetNextReader(LeafReaderContext context) {
            base = context.docBase;
          }

          @Override
          public void collect(int doc) {
            if (size[0] == found[0].length) {
              found[0] = Arrays.copyOf(found[0], 2 * size[0]);
            }
            found[0][size[0]++] = base + doc;
          }

          @Override
          public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
          }
        });
    int[] docs = Arrays.copyOf(found[0], size[0]);
    Arrays.sort(docs);
    return docs;
  }

  /**
   * Moves the documents of {@code seenDocs} (ascending doc ids) behind the others, keeping the
   * order within each group; returns how many moved, or 0 leaving {@code ranked} as it was.
   */
  static int demote(ScoreDoc[] ranked, int[] seenDocs) {
    if (seenDocs.length == 0) {
      return 0;
    }
    ScoreDoc[] seen = new ScoreDoc[ranked.length];
    int unseen = 0;
    int moved = 0;
    for (ScoreDoc hit : ranked) {
      if (Arrays.binarySearch(seenDocs, hit.doc) >= 0) {
        seen[moved++] = hit;
      } else {
        ranked[unseen++] = hit;
      }
    }
    System.arraycopy(seen, 0, ranked, unseen, moved);
    return moved;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SeenItems s && mode == s.mode && ids.equals(s.ids);
  }

  @Override
  public int hashCode() {
    return Objects.hash(mode, ids);
  }

  @Override
  public String toString() {
    return "seen=" + mode.value() + "(" + ids.size() + ")";
  }
}

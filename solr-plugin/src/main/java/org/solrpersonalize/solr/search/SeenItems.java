package org.solrpersonalize.solr.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.IntConsumer;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.BytesRefBuilder;
import org.apache.solr.schema.SchemaField;
import org.solrpersonalize.solr.cache.UniqueKeyDocs;

/**
 * The catalog documents a request's user has seen, by the catalog's unique key: the profile's
 * recent items ({@code user=}) or the session's items ({@code items=}), and what {@code seen=} does
 * with them. Their doc ids are found once per request ({@link #docIds}): in the searcher's {@link
 * UniqueKeyDocs} table, else by seeking the key's terms per segment (a searcher opened without the
 * table's listener), else (a point key) by the key field type's set query. {@code exclude} takes
 * them out of the main query's weight ({@link FirstPassWeight}), so the search itself never matches
 * them: numFound, paging, facets and every shard of a distributed request agree. {@code demote}
 * moves them behind the window's unseen documents ({@link #demote}).
 */
final class SeenItems {
  private final SeenMode mode;
  private final List<String> ids;
  private final SchemaField uniqueKey;

  /** The ids as the key's indexed terms; null for a key without terms (points). */
  private final BytesRef[] terms;

  // Request state (a SeenItems belongs to one request): the doc ids resolved for its searcher.
  private IndexSearcher resolvedFor;
  private int[] resolved;

  private SeenItems(SeenMode mode, List<String> ids, SchemaField uniqueKey, BytesRef[] terms) {
    this.mode = mode;
    this.ids = ids;
    this.uniqueKey = uniqueKey;
    this.terms = terms;
  }

  /**
   * Each id's live document, by one forward walk of the key's terms per segment: no query, no
   * rewrite, no doc id set built. A unique key is live in one segment at most, so an id found is
   * not looked up again, and the largest segments, which hold most ids, go first.
   */
  private void lookUpTerms(IndexSearcher searcher, IntConsumer add) throws IOException {
    BytesRef[] sortedTerms = terms.clone();
    Arrays.sort(sortedTerms);
    String keyField = uniqueKey.getName();
    List<LeafReaderContext> leaves = new ArrayList<>(searcher.getIndexReader().leaves());
    leaves.sort((a, b) -> Integer.compare(b.reader().numDocs(), a.reader().numDocs()));
    boolean[] found = new boolean[sortedTerms.length];
    int left = sortedTerms.length;
    PostingsEnum postings = null;
    for (LeafReaderContext leaf : leaves) {
      Terms terms = leaf.reader().terms(keyField);
      if (terms == null || left == 0) {
        continue;
      }
      TermsEnum termsEnum = terms.iterator();
      Bits live = leaf.reader().getLiveDocs();
      for (int t = 0; t < sortedTerms.length; t++) {
        if (found[t] || !termsEnum.seekExact(sortedTerms[t])) {
          continue;
        }
        postings = termsEnum.postings(postings, PostingsEnum.NONE);
        for (int doc = postings.nextDoc();
            doc != DocIdSetIterator.NO_MORE_DOCS;
            doc = postings.nextDoc()) {
          if (live == null || live.get(doc)) {
            add.accept(leaf.docBase + doc);
            found[t] = true;
            left--;
            break;
          }
        }
      }
    }
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
    BytesRef[] terms = null;
    if (UniqueKeyDocs.covers(uniqueKey)) {
      terms = new BytesRef[ids.size()];
      for (int i = 0; i < terms.length; i++) {
        BytesRefBuilder indexed = new BytesRefBuilder();
        uniqueKey.getType().readableToIndexed(ids.get(i), indexed);
        terms[i] = indexed.toBytesRef();
      }
    }
    return new SeenItems(mode, List.copyOf(ids), uniqueKey, terms);
  }

  SeenMode mode() {
    return mode;
  }

  int size() {
    return ids.size();
  }

  /** The seen items' live doc ids, ascending; resolved once per searcher. */
  int[] docIds(IndexSearcher searcher) throws IOException {
    if (resolvedFor == searcher) {
      return resolved;
    }
    int[][] found = {new int[Math.min(ids.size(), 64)]};
    int[] size = {0};
    IntConsumer add =
        doc -> {
          if (size[0] == found[0].length) {
            found[0] = Arrays.copyOf(found[0], 2 * size[0]);
          }
          found[0][size[0]++] = doc;
        };
    UniqueKeyDocs table =
        terms == null ? null : UniqueKeyDocs.of(searcher.getIndexReader(), uniqueKey.getName());
    if (table != null) {
      for (BytesRef term : terms) {
        int doc = table.doc(term);
        if (doc >= 0) {
          add.accept(doc);
        }
      }
    } else if (terms != null) {
      lookUpTerms(searcher, add);
    } else {
      // The key field type's own set query: points for a numeric key.
      searcher.search(
          uniqueKey.getType().getSetQuery(null, uniqueKey, ids),
          new SimpleCollector() {
            private int base;

            @Override
            protected void doSetNextReader(LeafReaderContext context) {
              base = context.docBase;
            }

            @Override
            public void collect(int doc) {
              add.accept(base + doc);
            }

            @Override
            public ScoreMode scoreMode() {
              return ScoreMode.COMPLETE_NO_SCORES;
            }
          });
    }
    int[] docs = Arrays.copyOf(found[0], size[0]);
    Arrays.sort(docs);
    resolved = docs;
    resolvedFor = searcher;
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

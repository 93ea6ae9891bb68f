package org.solrpersonalize.solr.cache;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.ArrayUtil;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.StringHelper;
import org.apache.solr.schema.SchemaField;

/**
 * The live document of each unique key of a searcher, for {@code seen=exclude|demote}: one
 * open-addressing table over all segments, built by {@link ItemFactorCacheListener} when the
 * searcher opens, so that a request resolves its 200 seen ids with 200 probes instead of a
 * terms-dictionary seek per id and segment (at 250k products in 10 segments: 6 us against 140 us).
 * A segment's keys, by doc id, are read once per segment core and reused by every later searcher;
 * the table itself follows each searcher's deletions. Exact: a probe that meets the hash compares
 * the key's bytes.
 *
 * <p>Memory: per document the key's bytes and 6 bytes, and per live document 12 to 24 bytes of
 * table (a load of 1/3 to 2/3); the core's gauge {@code CACHE.personalize.uniqueKeyDocs.bytes}.
 */
public final class UniqueKeyDocs {
  /** Top-level reader key to its table. */
  private static final Map<Object, UniqueKeyDocs> READERS = new ConcurrentHashMap<>();

  /** Segment core key to its keys. */
  private static final Map<Object, SegmentKeys> SEGMENTS = new ConcurrentHashMap<>();

  private static final int SEED = 0x9747b28c;

  private final String field;
  private final int[] docBases;
  private final SegmentKeys[] segments;

  /** Per slot: the key's hash in the high half, its global doc id + 1 in the low (0: empty). */
  private final long[] slots;

  private final int mask;

  private UniqueKeyDocs(String field, int[] docBases, SegmentKeys[] segments, long[] slots) {
    this.field = field;
    this.docBases = docBases;
    this.segments = segments;
    this.slots = slots;
    this.mask = slots.length - 1;
  }

  /**
   * Whether a table can hold {@code key}'s values: a unique key with indexed terms (a point field's
   * values are not terms).
   */
  public static boolean covers(SchemaField key) {
    return key != null && key.indexed() && !key.getType().isPointField();
  }

  /**
   * Builds the table of {@code reader}'s {@code field} (an indexed unique key), reusing the keys of
   * segments read for an earlier searcher; dropped when the reader closes.
   */
  public static void warm(IndexReader reader, String field) throws IOException {
    IndexReader.CacheHelper top = reader.getReaderCacheHelper();
    if (top == null || READERS.containsKey(top.getKey())) {
      return;
    }
    List<LeafReaderContext> leaves = reader.leaves();
    SegmentKeys[] segments = new SegmentKeys[leaves.size()];
    int[] docBases = new int[leaves.size()];
    int keys = 0;
    for (int i = 0; i < segments.length; i++) {
      LeafReader leaf = leaves.get(i).reader();
      docBases[i] = leaves.get(i).docBase;
      segments[i] = segmentKeys(leaf, field);
      if (segments[i] == null) {
        return; // a segment without a core key: leave the searcher to the terms dictionary
      }
      keys += leaf.numDocs();
    }
    long[] slots = new long[Math.max(2, Integer.highestOneBit(Math.max(1, keys * 3 / 2)) * 2)];
    int mask = slots.length - 1;
    for (int i = 0; i < segments.length; i++) {
      SegmentKeys segment = segments[i];
      Bits live = leaves.get(i).reader().getLiveDocs();
      for (int doc = 0; doc < segment.starts.length; doc++) {
        if (segment.starts[doc] < 0 || (live != null && !live.get(doc))) {
          continue;
        }
        int hash = segment.hash(doc);
        int at = hash & mask;
        while (slots[at] != 0) {
          at = (at + 1) & mask;
        }
        slots[at] = ((long) hash << 32) | (docBases[i] + doc + 1L);
      }
    }
    Object key = top.getKey();
    READERS.put(key, new UniqueKeyDocs(field, docBases, segments, slots));
    top.addClosedListener(READERS::remove);
  }

  /** The table of {@code reader}'s {@code field}, or null when none was built for this reader. */
  public static UniqueKeyDocs of(IndexReader reader, String field) {
    UniqueKeyDocs docs = of(reader);
    return docs != null && docs.field.equals(field) ? docs : null;
  }

  /** The table built for {@code reader}, of whichever field, or null. */
  private static UniqueKeyDocs of(IndexReader reader) {
    IndexReader.CacheHelper top = reader.getReaderCacheHelper();
    return top == null ? null : READERS.get(top.getKey());
  }

  /** The global doc id of the live document with the indexed key {@code term}, or -1. */
  public int doc(BytesRef term) {
    int hash = StringHelper.murmurhash3_x86_32(term, SEED);
    for (int at = hash & mask; ; at = (at + 1) & mask) {
      long slot = slots[at];
      if (slot == 0) {
        return -1;
      }
      if ((int) (slot >>> 32) == hash) {
        int doc = (int) slot - 1;
        int leaf = ReaderUtil.subIndex(doc, docBases);
        if (segments[leaf].holds(doc - docBases[leaf], term)) {
          return doc;
        }
      }
    }
  }

  /** Heap bytes of the table and of the segments' keys it uses. */
  public long bytes() {
    long bytes = (long) Long.BYTES * slots.length;
    for (SegmentKeys segment : segments) {
      bytes += segment.heapBytes();
    }
    return bytes;
  }

  /** Bytes the tables of {@code reader} hold; 0 when it has none. */
  public static long bytes(IndexReader reader) {
    UniqueKeyDocs docs = of(reader);
    return docs == null ? 0 : docs.bytes();
  }

  private static SegmentKeys segmentKeys(LeafReader leaf, String field) throws IOException {
    IndexReader.CacheHelper core = leaf.getCoreCacheHelper();
    if (core == null) {
      return null;
    }
    SegmentKeys keys = SEGMENTS.get(core.getKey());
    if (keys != null && keys.field.equals(field)) {
      return keys;
    }
    keys = SegmentKeys.read(leaf, field);
    if (SEGMENTS.put(core.getKey(), keys) == null) {
      core.addClosedListener(SEGMENTS::remove);
    }
    return keys;
  }

  /**
   * A segment's key of each document (deleted ones too: liveness is the searcher's).
   *
   * @param starts per doc id, where its key starts in {@code bytes} (a 2-byte length, then the
   *     key), or -1
   */
  private record SegmentKeys(String field, int[] starts, byte[] bytes) {
    static SegmentKeys read(LeafReader leaf, String field) throws IOException {
      int[] starts = new int[leaf.maxDoc()];
      Arrays.fill(starts, -1);
      byte[] bytes = new byte[0];
      int size = 0;
      Terms terms = leaf.terms(field);
      if (terms != null) {
        TermsEnum termsEnum = terms.iterator();
        PostingsEnum postings = null;
        for (BytesRef term = termsEnum.next(); term != null; term = termsEnum.next()) {
          bytes = ArrayUtil.grow(bytes, size + 2 + term.length);
          int start = size;
          bytes[size++] = (byte) (term.length >>> 8);
          bytes[size++] = (byte) term.length;
          System.arraycopy(term.bytes, term.offset, bytes, size, term.length);
          size += term.length;
          postings = termsEnum.postings(postings, PostingsEnum.NONE);
          for (int doc = postings.nextDoc();
              doc != DocIdSetIterator.NO_MORE_DOCS;
              doc = postings.nextDoc()) {
            starts[doc] = start;
          }
        }
      }
      return new SegmentKeys(field, starts, ArrayUtil.copyOfSubArray(bytes, 0, size));
    }

    private int length(int start) {
      return ((bytes[start] & 0xff) << 8) | (bytes[start + 1] & 0xff);
    }

    int hash(int doc) {
      int start = starts[doc];
      return StringHelper.murmurhash3_x86_32(bytes, start + 2, length(start), SEED);
    }

    boolean holds(int doc, BytesRef term) {
      int start = starts[doc];
      int length = length(start);
      return Arrays.equals(
          bytes, start + 2, start + 2 + length, term.bytes, term.offset, term.offset + term.length);
    }

    long heapBytes() {
      return (long) Integer.BYTES * starts.length + bytes.length;
    }
  }
}

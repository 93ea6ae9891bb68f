package org.solrpersonalize.solr.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import com.github.benmanes.caffeine.cache.stats.ConcurrentStatsCounter;
import com.github.benmanes.caffeine.cache.stats.StatsCounter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.BytesRefBuilder;
import org.apache.solr.common.SolrException;
import org.apache.solr.core.CoreContainer;
import org.apache.solr.core.SolrCore;
import org.apache.solr.schema.SchemaField;
import org.apache.solr.search.SolrIndexSearcher;
import org.apache.solr.util.RefCounted;
import org.solrpersonalize.format.MalformedUsersStoreDocumentException;
import org.solrpersonalize.format.ModelFields;
import org.solrpersonalize.format.UsersStoreDocuments;

/**
 * Standalone Solr: the users core lives in the same CoreContainer. Lookups read its current
 * searcher; every cache belongs to one searcher, so the commit that switches the model (a new
 * searcher) drops them all at once. Documents are found by the users schema's unique key field.
 */
public final class LocalUsersStore implements UsersStore {
  private final StatsCounter profileLookups = new ConcurrentStatsCounter();
  private final CoreContainer cores;
  private final String coreName;
  private final long cacheBytes;
  private volatile Snapshot snapshot;

  private record Snapshot(
      SolrIndexSearcher searcher,
      Cache<String, Optional<ModelConstants>> models,
      Cache<String, Optional<UserProfile>> users,
      Cache<String, Optional<String>> otherModels,
      Optional<UsersStoreDocuments.Pointer> pointer,
      MalformedUsersStoreDocumentException damagedPointer) {}

  /**
   * @param cacheBytes heap bytes the profile cache of one searcher may hold (see {@link
   *     ProfileCaches#PROFILE_BYTES})
   */
  public LocalUsersStore(CoreContainer cores, String coreName, long cacheBytes) {
    this.cores = cores;
    this.coreName = coreName;
    this.cacheBytes = cacheBytes;
  }

  /**
   * In-process reads of a local core: the deadline is not enforced here (a lookup cannot be
   * abandoned while it holds the searcher); a core that is not loaded answers at once.
   */
  @Override
  public Optional<ModelConstants> activeModel(LookupDeadline deadline) {
    return read(
        (searcher, snap) -> pointer(snap).flatMap(p -> modelIn(searcher, snap, p.modelId())));
  }

  @Override
  public Optional<ModelConstants> candidateModel(LookupDeadline deadline) {
    return read(
        (searcher, snap) ->
            pointer(snap)
                .flatMap(UsersStoreDocuments.Pointer::candidateModel)
                .flatMap(
                    c ->
                        modelIn(searcher, snap, c.modelId())
                            .filter(m -> m.slot().equals(c.slot()))));
  }

  /** The snapshot's pointer; a pointer that did not read throws what it threw. */
  private static Optional<UsersStoreDocuments.Pointer> pointer(Snapshot snap) {
    if (snap.damagedPointer() != null) {
      throw snap.damagedPointer();
    }
    return snap.pointer();
  }

  @Override
  public Optional<ModelConstants> model(String modelId, LookupDeadline deadline) {
    return read((searcher, snap) -> modelIn(searcher, snap, modelId));
  }

  @Override
  public Optional<UserProfile> user(String modelId, String userId, LookupDeadline deadline) {
    return user(modelId, userId, true);
  }

  /**
   * Without the seen items unless a cached profile has them: a few kilobytes to read and split into
   * ids (and in a users store created before {@link ModelFields#USER_SEEN}, a sorted docValues term
   * whose read decompresses a block of 64 users' lists, most of a lookup's time).
   */
  @Override
  public Optional<UserProfile> userFactors(String modelId, String userId, LookupDeadline deadline) {
    return user(modelId, userId, false);
  }

  /** One cache entry per profile: one read without the seen items gains them when asked for. */
  private Optional<UserProfile> user(String modelId, String userId, boolean withSeen) {
    return read(
        (searcher, snap) ->
            modelIn(searcher, snap, modelId)
                .flatMap(
                    model -> {
                      String id = ModelFields.userDocId(modelId, userId);
                      Optional<UserProfile> cached =
                          snap.users()
                              .get(id, key -> profile(searcher, key, model, userId, withSeen));
                      if (withSeen && cached.isPresent() && cached.get().seenItems() == null) {
                        cached = profile(searcher, id, model, userId, true);
                        snap.users().put(id, cached);
                      }
                      return cached;
                    }));
  }

  private static Optional<UserProfile> profile(
      SolrIndexSearcher searcher,
      String id,
      ModelConstants model,
      String userId,
      boolean withSeen) {
    try {
      int doc = searcher.getFirstMatch(uniqueKeyTerm(searcher, id));
      return doc < 0
          ? Optional.empty()
          : Optional.of(profile(searcher, doc, model, userId, withSeen));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The profile's vectors from docValues: one random read each, where a stored document costs the
   * decompression of its block (about as long as the rest of a profile lookup together). A users
   * store written before its schema had docValues on them is read from stored fields, seen items
   * included.
   */
  private static UserProfile profile(
      SolrIndexSearcher searcher, int doc, ModelConstants model, String userId, boolean withSeen)
      throws IOException {
    String modelId = model.modelId();
    List<LeafReaderContext> leaves = searcher.getTopReaderContext().leaves();
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
    int local = doc - leaf.docBase;
    // Null where the segment's schema had no docValues on the field (a users store from before).
    BinaryDocValues vector = leaf.reader().getBinaryDocValues(ModelFields.USER_VECTOR);
    if (vector == null || !vector.advanceExact(local)) {
      Document stored = searcher.doc(doc);
      return UserProfile.of(
          UsersStoreDocuments.Profile.read(
              modelId, userId, model.factors(), model.clusters(), name -> value(stored, name)));
    }
    Object thetaValue = binaryValue(leaf, ModelFields.USER_LOG_AFFINITY, local);
    Object vectorValue = buffer(vector.binaryValue());
    Object seenBinary = withSeen ? binaryValue(leaf, ModelFields.USER_SEEN, local) : null;
    Object seenString =
        withSeen && seenBinary == null ? seenString(searcher, leaf, local, doc) : null;
    return UserProfile.of(
        UsersStoreDocuments.Profile.read(
            modelId,
            userId,
            model.factors(),
            model.clusters(),
            name ->
                switch (name) {
                  case ModelFields.USER_VECTOR -> vectorValue;
                  case ModelFields.USER_LOG_AFFINITY -> thetaValue;
                  case ModelFields.USER_SEEN -> seenBinary;
                  case ModelFields.USER_SEEN_STRING -> seenString;
                  default -> null;
                }),
        withSeen);
  }

  /** {@code field}'s binary docValues value of the leaf's doc {@code local}, or null. */
  private static ByteBuffer binaryValue(LeafReaderContext leaf, String field, int local)
      throws IOException {
    BinaryDocValues values = leaf.reader().getBinaryDocValues(field);
    return values != null && values.advanceExact(local) ? buffer(values.binaryValue()) : null;
  }

  /**
   * The string {@link ModelFields#USER_SEEN_STRING} of a profile without {@link
   * ModelFields#USER_SEEN}, written into a users store created before that field (or by an older
   * trainer): from sorted docValues where the schema declares them, else from the stored document,
   * where it is a dynamic string. Null when the profile has none.
   */
  private static String seenString(
      SolrIndexSearcher searcher, LeafReaderContext leaf, int local, int doc) throws IOException {
    SortedDocValues seen = leaf.reader().getSortedDocValues(ModelFields.USER_SEEN_STRING);
    if (seen != null) {
      return seen.advanceExact(local) ? seen.lookupOrd(seen.ordValue()).utf8ToString() : null;
    }
    SchemaField field = searcher.getSchema().getFieldOrNull(ModelFields.USER_SEEN_STRING);
    if (field == null || field.hasDocValues() || !field.stored()) {
      // With docValues declared, a segment without any has no seen items.
      return null;
    }
    return searcher
        .doc(doc, Set.of(ModelFields.USER_SEEN_STRING))
        .get(ModelFields.USER_SEEN_STRING);
  }

  @Override
  public CacheStats profileLookups() {
    return profileLookups.snapshot();
  }

  @Override
  public long cachedBytes() {
    Snapshot snap = snapshot;
    return snap == null
        ? 0
        : ProfileCaches.weightedSize(snap.users()) + ProfileCaches.weightedSize(snap.otherModels());
  }

  @Override
  public Optional<String> otherModelOf(
      String userId, String exceptModelId, LookupDeadline deadline) {
    return read(
        (searcher, snap) ->
            snap.otherModels()
                .get(
                    exceptModelId + '\u0000' + userId,
                    key -> {
                      org.apache.lucene.search.BooleanQuery query =
                          new org.apache.lucene.search.BooleanQuery.Builder()
                              .add(
                                  new org.apache.lucene.search.TermQuery(
                                      new Term(ModelFields.USER, userId)),
                                  org.apache.lucene.search.BooleanClause.Occur.FILTER)
                              .add(
                                  new org.apache.lucene.search.TermQuery(
                                      new Term(ModelFields.MODEL, exceptModelId)),
                                  org.apache.lucene.search.BooleanClause.Occur.MUST_NOT)
                              .build();
                      try {
                        org.apache.lucene.search.TopDocs top = searcher.search(query, 1);
                        return top.scoreDocs.length == 0
                            ? Optional.<String>empty()
                            : Optional.ofNullable(
                                searcher.doc(top.scoreDocs[0].doc).get(ModelFields.MODEL));
                      } catch (IOException e) {
                        throw new UncheckedIOException(e);
                      }
                    }));
  }

  private Optional<ModelConstants> modelIn(
      SolrIndexSearcher searcher, Snapshot snap, String modelId) {
    return snap.models()
        .get(
            modelId,
            id -> {
              Document doc = document(searcher, ModelFields.modelDocId(id));
              return doc == null
                  ? Optional.empty()
                  : Optional.of(
                      ModelConstants.of(
                          UsersStoreDocuments.PublishedModel.read(id, name -> value(doc, name))));
            });
  }

  private interface Lookup<T> {
    T apply(SolrIndexSearcher searcher, Snapshot snapshot) throws IOException;
  }

  private <T> T read(Lookup<T> lookup) {
    SolrCore core = cores.getCore(coreName);
    if (core == null) {
      throw new SolrException(
          SolrException.ErrorCode.SERVICE_UNAVAILABLE,
          "personalize: users core '"
              + coreName
              + "' is not loaded in this Solr (create it from"
              + " configsets/users, or set pz.users to its name)");
    }
    try {
      RefCounted<SolrIndexSearcher> ref = core.getSearcher();
      try {
        SolrIndexSearcher searcher = ref.get();
        Snapshot snap = snapshot;
        if (snap == null || snap.searcher() != searcher) {
          // The pointer changes only with a commit, which opens a new searcher and so a new
          // snapshot: its stored document is read once per searcher, not once per request.
          Document pointer = document(searcher, ModelFields.ACTIVE_DOC_ID);
          Optional<UsersStoreDocuments.Pointer> active = Optional.empty();
          MalformedUsersStoreDocumentException damaged = null;
          try {
            active =
                Optional.ofNullable(pointer)
                    .map(doc -> UsersStoreDocuments.Pointer.read(name -> value(doc, name)));
          } catch (MalformedUsersStoreDocumentException e) {
            damaged = e; // only the active model is unknown; a pinned one still reads
          }
          snap =
              new Snapshot(
                  searcher,
                  ProfileCaches.models(),
                  ProfileCaches.profiles(cacheBytes, profileLookups),
                  ProfileCaches.otherModels(
                      Math.min(cacheBytes, ProfileCaches.OTHER_MODEL_BYTES), Duration.ofDays(1)),
                  active,
                  damaged);
          snapshot = snap;
        }
        return lookup.apply(searcher, snap);
      } finally {
        ref.decref();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      core.close();
    }
  }

  private static Document document(SolrIndexSearcher searcher, String id) {
    try {
      int doc = searcher.getFirstMatch(uniqueKeyTerm(searcher, id));
      return doc < 0 ? null : searcher.doc(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The term of a document id in the schema's unique key field, whatever its name and type. */
  private static Term uniqueKeyTerm(SolrIndexSearcher searcher, String id) {
    SchemaField key = searcher.getSchema().getUniqueKeyField();
    BytesRefBuilder indexed = new BytesRefBuilder();
    key.getType().readableToIndexed(id, indexed);
    return new Term(key.getName(), indexed.get());
  }

  /** Lucene's bytes as the codec reads them, without a copy. */
  private static ByteBuffer buffer(BytesRef bytes) {
    return ByteBuffer.wrap(bytes.bytes, bytes.offset, bytes.length);
  }

  private static Object value(Document doc, String name) {
    IndexableField f = doc.getField(name);
    if (f == null) {
      return null;
    }
    if (f.numericValue() != null) {
      return f.numericValue();
    }
    if (f.binaryValue() != null) {
      return buffer(f.binaryValue());
    }
    return f.stringValue();
  }
}

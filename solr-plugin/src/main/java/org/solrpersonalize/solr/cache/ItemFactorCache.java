package org.solrpersonalize.solr.cache;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.solr.common.util.SimpleOrderedMap;
import org.apache.solr.schema.IndexSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.solrpersonalize.format.ModelFields;

/**
 * The item-factor cache of every catalog core of this JVM: per segment core (Lucene's {@link
 * IndexReader.CacheHelper} key, as Lucene's FieldCache uses), per model slot, the {@link
 * SlotFactors} of the slot's docValues generation. Built by {@link ItemFactorCacheListener} when a
 * searcher opens, so no query pays for it; a segment's entry goes when its core closes; a slot
 * rewritten in place (a publish) gets a new generation, whose values replace the old ones at the
 * next searcher while unchanged slots and segments are reused. A request that finds no entry for
 * its model (cache off, a generation not built yet, another model in the slot) reads docValues.
 *
 * <p>Memory: both slots are cached, so that a model switch (which moves only the users store's
 * pointer, without a new catalog searcher) is served from the cache at once: {@code FLOAT} holds
 * {@code 4 (k + K)} bytes per row, {@code INT8} {@code k + 4 + 3 ceil(K / 4)} (80 and 320 at k =
 * 64, K = 16). A dense slot ({@link SlotFactors#DENSE_SHARE}) has a row per document and a bit per
 * document, so {@code INT8} is a quarter of {@code FLOAT} (80 + 1/8 against 320 + 1/8 bytes); a
 * sparse one a row per document with values and 4 bytes per document for its row number. While a
 * new searcher warms, the old generation of a rewritten slot is held too.
 */
public final class ItemFactorCache {
  private static final Logger log = LoggerFactory.getLogger(MethodHandles.lookup().lookupClass());
  private static final List<String> SLOTS = List.of(ModelFields.SLOT_A, ModelFields.SLOT_B);

  /** Segment core key to its slots. */
  private static final Map<Object, Segment> SEGMENTS = new ConcurrentHashMap<>();

  private ItemFactorCache() {}

  /** One segment core's cached slots, by item field name, and its mode. */
  private static final class Segment {
    final Map<String, SlotFactors> slots = new ConcurrentHashMap<>();
    volatile CacheMode mode = CacheMode.OFF;

    /** INT8: item fields whose build for another k is queued, so it is queued once. */
    final Map<String, Integer> pending = new ConcurrentHashMap<>();

    /**
     * INT8: per item field, the k and docValues generations of the last queued build, so that a
     * slot with nothing to cache (no values) is not read again on every request.
     */
    final Map<String, String> built = new ConcurrentHashMap<>();
  }

  /**
   * The cached values of {@code leaf}'s slot for a request of the model tagged {@code modelTag}, or
   * null when they are not cached (read docValues then). In {@code INT8} mode a miss because the
   * slot was quantized for another k (or not yet: k is known from the first request) queues a build
   * for this k on {@code background}, if given.
   */
  public static SlotFactors lookup(
      LeafReader leaf,
      String valueField,
      String modelField,
      long modelTag,
      int factors,
      int clusters,
      Executor background) {
    if (modelField == null || SEGMENTS.isEmpty()) {
      return null;
    }
    IndexReader.CacheHelper helper = leaf.getCoreCacheHelper();
    Segment segment = helper == null ? null : SEGMENTS.get(helper.getKey());
    if (segment == null) {
      return null;
    }
    FieldInfos infos = leaf.getFieldInfos();
    long valueGen = generation(infos, valueField);
    long modelGen = generation(infos, modelField);
    SlotFactors slot = segment.slots.get(valueField);
    if (slot != null && slot.isOf(valueGen, modelGen) && slot.serves(modelTag, factors, clusters)) {
      return slot;
    }
    if (segment.mode != CacheMode.INT8
        || background == null
        || (slot != null && slot.quantizedFactors() == factors)) {
      return null;
    }
    String attempt = factors + "@" + valueGen + "/" + modelGen;
    if (!attempt.equals(segment.built.get(valueField))
        && segment.pending.putIfAbsent(valueField, factors) == null) {
      background.execute(
          () -> {
            try {
              build(leaf, segment, valueField, modelField, CacheMode.INT8, factors);
            } finally {
              segment.built.put(valueField, attempt);
              segment.pending.remove(valueField);
            }
          });
    }
    return null;
  }

  /**
   * Caches both slots of every segment of {@code reader} in {@code mode}, reusing what is already
   * built for the same segment, slot and docValues generations; {@code OFF} drops what the segments
   * held (a core reloaded with the cache turned off).
   *
   * @param int8Factors INT8: the k of the model last served (0 when none was yet)
   */
  public static void warm(IndexReader reader, IndexSchema schema, CacheMode mode, int int8Factors) {
    warm(reader, field -> schema.getFieldOrNull(field) != null, mode, int8Factors);
  }

  /**
   * {@link #warm(IndexReader, IndexSchema, CacheMode, int)} for an index without a Solr schema:
   * {@code hasField} says which slot fields exist.
   */
  public static void warm(
      IndexReader reader, Predicate<String> hasField, CacheMode mode, int int8Factors) {
    if (mode == CacheMode.OFF) {
      for (LeafReaderContext context : reader.leaves()) {
        IndexReader.CacheHelper helper = context.reader().getCoreCacheHelper();
        if (helper != null) {
          SEGMENTS.remove(helper.getKey());
        }
      }
      return;
    }
    for (LeafReaderContext context : reader.leaves()) {
      LeafReader leaf = context.reader();
      IndexReader.CacheHelper helper = leaf.getCoreCacheHelper();
      if (helper == null) {
        continue;
      }
      Segment segment =
          SEGMENTS.computeIfAbsent(
              helper.getKey(),
              key -> {
                helper.addClosedListener(SEGMENTS::remove);
                return new Segment();
              });
      segment.mode = mode;
      for (String slot : SLOTS) {
        String valueField = ModelFields.itemField(slot);
        String modelField = ModelFields.itemModelField(slot);
        if (!hasField.test(valueField) || !hasField.test(modelField)) {
          continue;
        }
        SlotFactors existing = segment.slots.get(valueField);
        FieldInfos infos = leaf.getFieldInfos();
        // A float entry's width is not a k: only an int8 entry says where its factors end.
        int factors =
            existing != null && existing.mode() == CacheMode.INT8 ? existing.quantizedFactors() : 0;
        if (existing != null
            && existing.mode() == mode
            && existing.isOf(generation(infos, valueField), generation(infos, modelField))) {
          continue;
        }
        build(leaf, segment, valueField, modelField, mode, factors > 0 ? factors : int8Factors);
      }
    }
  }

  /**
   * The k that {@code reader}'s INT8 slots were quantized (or queued) for, so a new searcher keeps
   * it; 0 when none.
   */
  public static int int8Factors(IndexReader reader) {
    for (LeafReaderContext context : reader.leaves()) {
      IndexReader.CacheHelper helper = context.reader().getCoreCacheHelper();
      Segment segment = helper == null ? null : SEGMENTS.get(helper.getKey());
      if (segment == null) {
        continue;
      }
      for (Integer k : segment.pending.values()) {
        return k;
      }
      for (SlotFactors slot : segment.slots.values()) {
        if (slot.mode() == CacheMode.INT8) {
          return slot.quantizedFactors();
        }
      }
    }
    return 0;
  }

  private static void build(
      LeafReader leaf,
      Segment segment,
      String valueField,
      String modelField,
      CacheMode mode,
      int int8Factors) {
    FieldInfos infos = leaf.getFieldInfos();
    long valueGen = generation(infos, valueField);
    long modelGen = generation(infos, modelField);
    try {
      SlotFactors built =
          SlotFactors.build(leaf, valueField, modelField, valueGen, modelGen, mode, int8Factors);
      if (built == null) {
        segment.slots.remove(valueField);
      } else {
        segment.slots.put(valueField, built);
      }
    } catch (AlreadyClosedException e) {
      // The searcher closed while a background build read it: its successor builds its own.
    } catch (IOException e) {
      segment.slots.remove(valueField);
      log.warn("personalize: caching {} of a segment failed; reading docValues", valueField, e);
    }
  }

  /**
   * The docValues generation of a field in a segment: it changes with every in-place update of the
   * field, so a cached slot is used only with the values it was read from.
   */
  private static long generation(FieldInfos infos, String field) {
    FieldInfo info = infos.fieldInfo(field);
    return info == null ? Long.MIN_VALUE : info.getDocValuesGen();
  }

  /** Bytes the cache holds for the segments and generations of {@code reader}. */
  public static long bytes(IndexReader reader) {
    long bytes = 0;
    for (LeafReaderContext context : reader.leaves()) {
      for (SlotFactors slot : current(context.reader())) {
        bytes += slot.bytes();
      }
    }
    return bytes;
  }

  /**
   * What the cache holds for {@code reader}: {@code mode}, {@code bytes}, {@code rows} (documents
   * with cached values, per slot, so {@code bytes / rows} compares modes), {@code segments}, {@code
   * segmentsCached} and {@code denseSlots} (segment slots with a row per doc id, out of {@code
   * slots}), for the personalization section of debug requests.
   */
  public static SimpleOrderedMap<Object> describe(IndexReader reader) {
    CacheMode mode = CacheMode.OFF;
    int cached = 0;
    long bytes = 0;
    long rows = 0;
    int slotCount = 0;
    int dense = 0;
    for (LeafReaderContext context : reader.leaves()) {
      IndexReader.CacheHelper helper = context.reader().getCoreCacheHelper();
      Segment segment = helper == null ? null : SEGMENTS.get(helper.getKey());
      if (segment != null && segment.mode != CacheMode.OFF) {
        mode = segment.mode;
      }
      List<SlotFactors> slots = current(context.reader());
      cached += slots.isEmpty() ? 0 : 1;
      for (SlotFactors slot : slots) {
        bytes += slot.bytes();
        rows += slot.rows();
        slotCount++;
        dense += slot.dense() ? 1 : 0;
      }
    }
    SimpleOrderedMap<Object> out = new SimpleOrderedMap<>();
    out.add("mode", mode.value());
    out.add("bytes", bytes);
    out.add("rows", rows);
    out.add("segments", reader.leaves().size());
    out.add("segmentsCached", cached);
    out.add("slots", slotCount);
    out.add("denseSlots", dense);
    return out;
  }

  /** The slots cached for this leaf's segment and docValues generations. */
  private static List<SlotFactors> current(LeafReader leaf) {
    IndexReader.CacheHelper helper = leaf.getCoreCacheHelper();
    Segment segment = helper == null ? null : SEGMENTS.get(helper.getKey());
    if (segment == null) {
      return List.of();
    }
    FieldInfos infos = leaf.getFieldInfos();
    return segment.slots.entrySet().stream()
        .filter(
            e ->
                e.getValue()
                    .isOf(
                        generation(infos, e.getKey()), generation(infos, modelFieldOf(e.getKey()))))
        .map(Map.Entry::getValue)
        .toList();
  }

  private static String modelFieldOf(String itemField) {
    return ModelFields.itemModelField(itemField.substring(ModelFields.ITEM_PREFIX.length()));
  }
}

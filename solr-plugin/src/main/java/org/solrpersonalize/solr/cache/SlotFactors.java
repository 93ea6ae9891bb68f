package org.solrpersonalize.solr.cache;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;
import org.solrpersonalize.format.VectorCodec;
import org.solrpersonalize.solr.kernel.CachedRowKernels;

/**
 * One segment's values of one model slot, in primitive arrays: the documents whose model tag is the
 * slot's most common one (the model last published into it), their factors and cluster
 * log-densities. Two layouts, alike in both modes:
 *
 * <ul>
 *   <li>dense, when (nearly) every document has values (a catalog's active slot): a row per doc id,
 *       {@code row = doc}, and a bit per document saying whether it has values; the rows of the
 *       others are zeros, never read. A document's read is its row alone.
 *   <li>sparse, otherwise (a slot still holding an old model's few items): rows only for documents
 *       with values and a 4-byte row number per doc id, so the slot costs 4 bytes per document, not
 *       a row.
 * </ul>
 *
 * See {@link #DENSE_SHARE} for the choice. Immutable once built; any number of requests read it at
 * once.
 *
 * <p>{@link CacheMode#FLOAT} holds the docValues' floats. {@link CacheMode#INT8} holds, per row (80
 * bytes at k = 64 and K = 16, a quarter of FLOAT's 320):
 *
 * <ul>
 *   <li>the k factors as int8, {@code round(v_i / s)}, with the item's scale {@code s} a bfloat16
 *       (the float's top 16 bits) rounded up from {@code max |v_i| / 127}: each factor within
 *       {@code s / 2} of its float, a dot product with {@code u} within {@code s / 2 sum |u_i|};
 *   <li>the log-densities {@code l_k} as what the cluster part needs: a top {@code m' = t STEP},
 *       {@code t = ceil(m / STEP)} a short ({@code m = max_k l_k}, {@code STEP} = 1/4 nat), and per
 *       cluster a 6-bit level {@code q_k = round((m' - l_k) / STEP)}, 4 levels in 3 bytes ({@code
 *       63}: {@code 62.5 STEP} = 15.6 nats or more below {@code m'}, counted as 0).
 * </ul>
 *
 * A row is one contiguous record in one byte array, {@code k} factor bytes, the scale and the top
 * (little-endian shorts) and the levels, so that a reranked document's read touches the two cache
 * lines of its 80 bytes, not five or six lines of four arrays (the scale's, the top's, two of the
 * factors' and one or two of the levels'): dot product and level sums of 1,000 random rows of
 * 250,000, rows touched 16 ahead as the rerank does, took 0.89 to 0.91 of the four arrays' time
 * (median of 3,000 interleaved rounds, 2 shared cores).
 *
 * <p>A weighted sum {@code log sum_k w_k exp(l_k)} is then {@code m' + log(sum_k w_k P[q_k])} with
 * {@code P[q] = exp(-q STEP)} from a table: a K-wide gathered dot product and one log, no
 * exponential. Each kept term is within a factor {@code exp(STEP / 2)} of its exact value and a
 * dropped one below {@code exp(-62.5 STEP) w_k}; a sum is given only when that bound on its dropped
 * terms is at most {@code 1/64} of it, so it is within {@code log(exp(STEP / 2) + 1/64)} = 0.1373
 * nats of the exact value whatever the weights. Otherwise (and when the sum underflows) {@link
 * #shiftedExpSums} gives 0 and the reader computes the sum exactly from docValues.
 *
 * <p>A rerank reads about 1,000 rows scattered over a slot of tens of megabytes, so with the JVM's
 * default 4 KB pages each row costs a TLB miss besides its cache misses. With the heap on huge
 * pages ({@code -XX:+UseTransparentHugePages}, the kernel's THP in {@code madvise} mode) the
 * rescorer's CPU time per request fell by 25 to 40% (JFR samples, two runs of the bench's request
 * loop at 250,000 products, float and int8): 0.255 and 0.320 ms to 0.193 and 0.188 for (b), 0.59
 * and 0.64 ms to 0.44 and 0.38 for (g). The plugin cannot ask for huge pages itself: they are a JVM
 * option of the Solr it runs in.
 */
public final class SlotFactors {
  /** Rows past this many array elements are not cached: Java arrays end at 2^31 - 1. */
  private static final long MAX_ARRAY = Integer.MAX_VALUE - 16;

  /**
   * A segment's slot is dense (a row per doc id) when at least this share of its documents carry
   * the slot's model. The rows of the others (no values, deleted, another model) are then unused:
   * at most 1/8 of the rows, so the slot holds at most 8/7 of the rows it needs, and in exchange
   * every read saves the row number's 4 bytes per document and its scattered read (a cache miss per
   * reranked document besides the row's). A catalog's active slot has values for all items but
   * those added since the training and the old versions atomic updates leave until a merge; a slot
   * still holding an old model's few items stays far below and keeps the row numbers.
   */
  static final double DENSE_SHARE = 7.0 / 8;

  /**
   * A one-document segment keeps its row number: 4 bytes, where the bit set takes a word of 8. From
   * two documents on the bit set is no larger than the row numbers.
   */
  static final int DENSE_MIN_DOCS = 2;

  /** INT8: nats between two cluster levels, and the grid of the top {@code m'}. */
  static final double STEP = 1.0 / 4;

  /** INT8: the level of a log-density too far below the top to count. */
  static final int DROPPED = CachedRowKernels.MAX_LEVEL;

  /**
   * INT8: a sum is given from the levels when the bound on its dropped terms is at most this share
   * of it; beyond, the reader computes it from docValues: 0.44% of the documents on a harness of
   * bin/bench's distributions (log-densities and the user's log-weights uniform over 20 nats).
   */
  static final double DROPPED_SHARE = 1.0 / 64;

  /** INT8: {@code exp(-q STEP)} per level {@code q}, 0 for {@link #DROPPED}. */
  private static final float[] LEVEL_WEIGHTS = new float[DROPPED + 1];

  /**
   * INT8: per level, 0 for a kept one; for {@link #DROPPED} the bound {@code exp(-(DROPPED - 1/2)
   * STEP)} of its {@code exp(l_k - m')} over {@link #DROPPED_SHARE}.
   */
  private static final float[] DROPPED_BOUNDS = new float[DROPPED + 1];

  static {
    for (int q = 0; q < DROPPED; q++) {
      LEVEL_WEIGHTS[q] = (float) Math.exp(-q * STEP);
    }
    DROPPED_BOUNDS[DROPPED] =
        Math.nextUp((float) (Math.exp(-(DROPPED - 0.5) * STEP) / DROPPED_SHARE));
  }

  /** Floats and bytes per 64-byte cache line: the strides of {@link #touch}. */
  private static final int FLOATS_PER_LINE = 16;

  private static final int BYTES_PER_LINE = 64;

  /** INT8: the scale and the top inside a row. */
  private static final VarHandle SHORTS =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

  private final CacheMode mode;
  private final long modelTag;
  private final long valueGen;
  private final long modelGen;
  private final int width;

  /** INT8: the leading floats of each value held as int8; FLOAT: {@link #width}. */
  private final int quantizedFactors;

  /** Sparse: per doc id its row, or -1 without values of the model; null when dense. */
  private final int[] rowOf;

  /** Dense: the documents with values of the model (their row is their doc id); null if sparse. */
  private final FixedBitSet hasValues;

  /** Documents with values. */
  private final int rows;

  /** FLOAT: rows of {@link #width}; null for INT8. */
  private final float[] floats;

  /**
   * INT8: rows of {@link #rowBytes}: its k factors {@code round(v_i / s)}, its scale {@code s} as a
   * bfloat16, its top {@code m' / STEP} and its clusters' packed levels {@code round((m' - l_k) /
   * STEP)}; null for FLOAT.
   */
  private final byte[] records;

  /** INT8: bytes of a row; 0 for FLOAT. */
  private final int rowBytes;

  private SlotFactors(
      CacheMode mode,
      long modelTag,
      long valueGen,
      long modelGen,
      int width,
      int quantizedFactors,
      int[] rowOf,
      FixedBitSet hasValues,
      int rows,
      float[] floats,
      byte[] records) {
    this.mode = mode;
    this.modelTag = modelTag;
    this.valueGen = valueGen;
    this.modelGen = modelGen;
    this.width = width;
    this.quantizedFactors = quantizedFactors;
    this.rowOf = rowOf;
    this.hasValues = hasValues;
    this.rows = rows;
    this.floats = floats;
    this.records = records;
    this.rowBytes = records == null ? 0 : rowBytes(quantizedFactors, width - quantizedFactors);
  }

  /** INT8: bytes of a row of {@code factors} factors and {@code clusters} levels. */
  private static int rowBytes(int factors, int clusters) {
    return levelsAt(factors) + CachedRowKernels.packedLevelBytes(clusters);
  }

  /** INT8: a row's scale, its first byte after the factors. */
  private static int scaleAt(int factors) {
    return factors;
  }

  private static int topAt(int factors) {
    return factors + Short.BYTES;
  }

  private static int levelsAt(int factors) {
    return factors + 2 * Short.BYTES;
  }

  /**
   * Reads a slot of one segment: its model field's most common tag, and the values of the documents
   * carrying it. Null when the segment has no values in the slot, when a value of that model has a
   * length other than the first one (the docValues path then answers with its error), when the rows
   * do not fit an array, or for {@link CacheMode#INT8} when {@code int8Factors} is not inside the
   * value.
   *
   * @param valueGen the docValues generation of {@code valueField} the values belong to
   * @param modelGen the docValues generation of {@code modelField}
   * @param int8Factors INT8 only: how many leading floats are factors (the model's k)
   */
  static SlotFactors build(
      LeafReader leaf,
      String valueField,
      String modelField,
      long valueGen,
      long modelGen,
      CacheMode mode,
      int int8Factors)
      throws IOException {
    if (mode == CacheMode.OFF) {
      throw new IllegalArgumentException("nothing is built with cache mode off");
    }
    // Deleted documents (the old versions atomic updates leave until a merge) get no row: a
    // segment's deletions only grow, and a deleted document never reaches a scorer.
    Bits live = leaf.getLiveDocs();
    long[] tagAndCount = mostCommonTag(leaf.getNumericDocValues(modelField), live);
    BinaryDocValues values = leaf.getBinaryDocValues(valueField);
    NumericDocValues models = leaf.getNumericDocValues(modelField);
    if (tagAndCount == null || values == null || models == null) {
      return null;
    }
    long tag = tagAndCount[0];
    int withTag = (int) tagAndCount[1]; // documents with the tag: at most this many have values
    int maxDoc = leaf.maxDoc();
    boolean dense = maxDoc >= DENSE_MIN_DOCS && withTag >= DENSE_SHARE * maxDoc;
    int capacity = dense ? maxDoc : withTag;
    int[] rowOf = null;
    FixedBitSet hasValues = null;
    if (dense) {
      hasValues = new FixedBitSet(maxDoc);
    } else {
      rowOf = new int[maxDoc];
      Arrays.fill(rowOf, -1);
    }
    int rows = 0;
    int width = -1;
    float[] floats = null;
    byte[] records = null;
    int rowBytes = 0;
    for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
      if ((live != null && !live.get(doc))
          || !models.advanceExact(doc)
          || models.longValue() != tag) {
        continue;
      }
      BytesRef b = values.binaryValue();
      if (width < 0) {
        width = b.length / Float.BYTES;
        if (width == 0 || b.length % Float.BYTES != 0) {
          return null;
        }
        if (mode == CacheMode.INT8 && (int8Factors <= 0 || int8Factors > width)) {
          return null;
        }
        rowBytes = mode == CacheMode.FLOAT ? 0 : rowBytes(int8Factors, width - int8Factors);
        if ((long) capacity * Math.max(width, rowBytes) > MAX_ARRAY) {
          return null;
        }
        if (mode == CacheMode.FLOAT) {
          floats = new float[capacity * width];
        } else {
          records = new byte[capacity * rowBytes];
        }
      } else if (b.length != width * Float.BYTES) {
        return null;
      }
      rows++;
      int row;
      if (dense) {
        row = doc;
        hasValues.set(doc);
      } else {
        row = rows - 1;
        rowOf[doc] = row;
      }
      if (mode == CacheMode.FLOAT) {
        for (int i = 0; i < width; i++) {
          floats[row * width + i] = VectorCodec.get(b.bytes, b.offset, i);
        }
      } else {
        quantize(b, int8Factors, records, row * rowBytes);
        quantizeClusters(b, int8Factors, width, records, row * rowBytes);
      }
    }
    if (width < 0) {
      return null;
    }
    return new SlotFactors(
        mode,
        tag,
        valueGen,
        modelGen,
        width,
        mode == CacheMode.FLOAT ? width : int8Factors,
        rowOf,
        hasValues,
        rows,
        floats,
        records);
  }

  /**
   * The tag most documents carry (the smaller of equally common ones) and how many carry it; null
   * for none.
   */
  private static long[] mostCommonTag(NumericDocValues models, Bits live) throws IOException {
    if (models == null) {
      return null;
    }
    Map<Long, int[]> counts = new HashMap<>();
    for (int doc = models.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = models.nextDoc()) {
      if (live == null || live.get(doc)) {
        counts.computeIfAbsent(models.longValue(), t -> new int[1])[0]++;
      }
    }
    Long best = null;
    int bestCount = 0;
    for (Map.Entry<Long, int[]> e : counts.entrySet()) {
      int c = e.getValue()[0];
      if (c > bestCount || (c == bestCount && e.getKey() < best)) {
        best = e.getKey();
        bestCount = c;
      }
    }
    return best == null ? null : new long[] {best, bestCount};
  }

  /**
   * Factors to int8 with the item's scale {@code s}: {@code max |v_i| / 127} rounded up to a
   * bfloat16, so every {@code |v_i / s|} rounds to at most 127.
   */
  private static void quantize(BytesRef b, int factors, byte[] records, int at) {
    float maxAbs = 0f;
    for (int i = 0; i < factors; i++) {
      maxAbs = Math.max(maxAbs, Math.abs(VectorCodec.get(b.bytes, b.offset, i)));
    }
    short bits = bfloat16Up(maxAbs / 127f);
    SHORTS.set(records, at + scaleAt(factors), bits);
    float scale = fromBfloat16(bits);
    for (int i = 0; i < factors; i++) {
      float v = VectorCodec.get(b.bytes, b.offset, i);
      records[at + i] = scale == 0f ? 0 : (byte) Math.round(v / scale);
    }
  }

  /** The bfloat16 (a float's top 16 bits) at or above a non-negative float. */
  static short bfloat16Up(float nonNegative) {
    int bits = Float.floatToRawIntBits(nonNegative);
    if ((bits & 0xFFFF) != 0 && !Float.isNaN(nonNegative)) {
      bits += 0x10000;
    }
    return (short) (bits >>> 16);
  }

  static float fromBfloat16(short bits) {
    return Float.intBitsToFloat(bits << 16);
  }

  /**
   * Log-densities {@code l} to the row's top {@code t = ceil(m / STEP)} and the levels {@code
   * round((t STEP - l_k) / STEP)}: {@link #DROPPED} from 62.5 levels below, and for every cluster
   * of an item whose {@code m} is not finite or above the shorts' grid (8191.75 nats), so that its
   * sums come from docValues. Below the grid ({@code m} under -8192 nats) the top stays at the
   * grid's end, above {@code m}, and the levels count from there.
   */
  private static void quantizeClusters(BytesRef b, int factors, int width, byte[] records, int at) {
    int clusters = width - factors;
    float max = Float.NEGATIVE_INFINITY;
    for (int k = 0; k < clusters; k++) {
      max = Math.max(max, VectorCodec.get(b.bytes, b.offset, factors + k));
    }
    double top = Math.ceil(max / STEP);
    boolean onGrid = Float.isFinite(max) && top <= Short.MAX_VALUE;
    short t = onGrid ? (short) Math.max(top, Short.MIN_VALUE) : 0;
    SHORTS.set(records, at + topAt(factors), t);
    for (int k = 0; k < clusters; k++) {
      double below = t - VectorCodec.get(b.bytes, b.offset, factors + k) / STEP;
      long level = onGrid ? Math.round(below) : DROPPED;
      CachedRowKernels.setLevel(records, at + levelsAt(factors), k, (int) Math.min(level, DROPPED));
    }
  }

  /**
   * Whether this slot serves a request of the model with {@code modelTag}, whose values hold {@code
   * factors} factors and {@code clusters} log-densities.
   */
  boolean serves(long modelTag, int factors, int clusters) {
    return this.modelTag == modelTag
        && width == factors + clusters
        && (mode == CacheMode.FLOAT || quantizedFactors == factors);
  }

  boolean isOf(long valueGen, long modelGen) {
    return this.valueGen == valueGen && this.modelGen == modelGen;
  }

  CacheMode mode() {
    return mode;
  }

  /** INT8: the k its factors were quantized for; FLOAT: the whole width. */
  int quantizedFactors() {
    return quantizedFactors;
  }

  /** Tag of the model whose values this holds. */
  public long modelTag() {
    return modelTag;
  }

  /** Whether {@code doc} has values of the model. */
  public boolean has(int doc) {
    return rowOf == null ? hasValues.get(doc) : rowOf[doc] >= 0;
  }

  /**
   * Loads one value of each cache line of the document's row (0 without values) and returns their
   * bits combined: a pass of these over the next documents of a rerank window, each load
   * independent of the others, keeps many cache and TLB misses in flight where the scoring loop,
   * one row at a time, waits for each in turn. The caller must use the result (a load whose value
   * nobody reads is removed by the JIT).
   */
  public int touch(int doc) {
    // A dense slot has a row (zeros) for every document, so it needs no check.
    int row = row(doc);
    if (row < 0) {
      return 0;
    }
    if (mode == CacheMode.FLOAT) {
      return touchRow(floats, row * width, width);
    }
    // A row of 80 bytes (k = 64, K = 16) starts 16-byte aligned: two lines, its first and last.
    int from = row * rowBytes;
    int last = from + rowBytes - 1;
    int bits = records[last];
    for (int at = from; at < last; at += BYTES_PER_LINE) {
      bits ^= records[at];
    }
    return bits;
  }

  /**
   * Rows loaded together ahead of reading them ({@link #touch}): enough misses to fill the core's
   * miss buffers, rows few enough (16 x 320 bytes per model) to stay in L1 until they are read.
   * Measured on the bench machine (AMD EPYC, 2 cores), a loop over 1,000 sorted random rows of
   * 250,000 x 80 floats with cold caches, against 16 in the same run: 8 ahead took 1.15 times as
   * long, 32 and 64 took 0.98 (noise), the whole window 1.31. Starting each row on a cache line (5
   * lines of 320 bytes instead of 6) made no difference there. Touching one row ahead per row read
   * (a sliding window of 8 or 16) took twice as long as batches: a load waits in the core's reorder
   * buffer until its line arrives, and the reads behind it cannot retire, so only a batch of loads
   * issued together keeps many misses in flight (Java has no prefetch instruction). Handing half of
   * a window's reads to a second core (a common-pool task that the request's thread runs itself
   * when no pool thread has started it) made reranks slower, not faster, on the shared 2-core
   * machine.
   */
  public static final int TOUCH_AHEAD = 16;

  /** Where {@link #readFloatRows}' touched bits go, so that the JIT keeps the loads. */
  @SuppressWarnings("unused")
  private static int touchSink;

  /**
   * FLOAT: reads the rows of a run of rerank hits of this segment, {@code docs[i] - docBase} for
   * {@code i} in {@code [from, to)} (ascending doc ids): the dot product of each row's {@code
   * factors} factors with {@code query} to {@code dots[i]}, its log-densities to {@code
   * densityColumns[k * stride + i]}, {@code hasValues[i] = true}; a hit without values is left as
   * it is. Rows are touched {@link #TOUCH_AHEAD} at a time before they are read. Returns the hits
   * without values.
   *
   * <p>The rerank's leaf walk reads the float cache through this loop rather than one reader call
   * per hit: in the bench's rerank of 1,000 hits at 250,000 products the walk took 12.7 us less per
   * request (median over the 20 text queries of each query's difference, each request drawing one
   * way or the other at random; medians 100.8 against 110.8 us, docs/benchmark.md).
   */
  public int readFloatRows(
      int[] docs,
      int docBase,
      int from,
      int to,
      float[] query,
      int factors,
      double[] dots,
      boolean[] hasValues,
      float[] densityColumns,
      int stride) {
    if (mode != CacheMode.FLOAT) {
      throw new IllegalStateException("float rows of an " + mode + " cache");
    }
    int missing = 0;
    int touched = 0;
    for (int batch = from; batch < to; batch += TOUCH_AHEAD) {
      int end = Math.min(to, batch + TOUCH_AHEAD);
      for (int i = batch; i < end; i++) {
        touched ^= touch(docs[i] - docBase);
      }
      for (int i = batch; i < end; i++) {
        int doc = docs[i] - docBase;
        if (!has(doc)) {
          missing++;
          continue;
        }
        dots[i] = dot(query, doc);
        copyDensities(doc, factors, densityColumns, stride, i);
        hasValues[i] = true;
      }
    }
    touchSink = touched;
    return missing;
  }

  /**
   * Loads one float of each cache line of {@code values[from, from + length)} and its last one, and
   * returns their bits combined: {@link #touch}'s loads of a float row (and {@code bin/bench}'s
   * measure of what they cost at the least).
   */
  public static int touchRow(float[] values, int from, int length) {
    int last = from + length - 1;
    int bits = Float.floatToRawIntBits(values[last]);
    for (int at = from; at < last; at += FLOATS_PER_LINE) {
      bits ^= Float.floatToRawIntBits(values[at]);
    }
    return bits;
  }

  /** The row of a document that {@link #has} values: its doc id when dense. */
  private int row(int doc) {
    return rowOf == null ? doc : rowOf[doc];
  }

  /** Documents with values (a dense slot holds rows for the others too, see {@link #bytes}). */
  public int rows() {
    return rows;
  }

  /** Whether the rows are by doc id, with a bit per document instead of row numbers. */
  public boolean dense() {
    return rowOf == null;
  }

  /**
   * Dot product of {@code query} ({@code factors} long) with the factors of a document that {@link
   * #has} values.
   */
  public float dot(float[] query, int doc) {
    int row = row(doc);
    if (mode == CacheMode.FLOAT) {
      return CachedRowKernels.dot(query, floats, row * width);
    }
    int at = row * rowBytes;
    return CachedRowKernels.quantizedDot(query, records, at, scale(at));
  }

  /** INT8: the scale of the row at {@code at}. */
  private float scale(int at) {
    return fromBfloat16((short) SHORTS.get(records, at + scaleAt(quantizedFactors)));
  }

  /** INT8: the top {@code m' / STEP} of the row at {@code at}. */
  private short top(int at) {
    return (short) SHORTS.get(records, at + topAt(quantizedFactors));
  }

  /** The document's i-th factor (dequantized for INT8). */
  public float factor(int doc, int i) {
    int row = row(doc);
    if (mode == CacheMode.FLOAT) {
      return floats[row * width + i];
    }
    int at = row * rowBytes;
    return scale(at) * records[at + i];
  }

  /**
   * The document's log-density of cluster {@code k}, for a model of {@code factors} factors: the
   * docValues' float with FLOAT; with INT8 {@code m' - q_k STEP}, within {@code STEP / 2} = 1/8
   * nat, negative infinity for a dropped level (see the class comment for the bound of sums over
   * it).
   */
  public float density(int doc, int factors, int k) {
    int row = row(doc);
    if (mode == CacheMode.FLOAT) {
      return floats[row * width + factors + k];
    }
    int at = row * rowBytes;
    int level = CachedRowKernels.level(records, at + levelsAt(quantizedFactors), k);
    return level == DROPPED ? Float.NEGATIVE_INFINITY : (float) ((top(at) - level) * STEP);
  }

  /**
   * {@link CachedRowKernels#shiftedExpSums} of the document's log-densities: {@code out[0] = m},
   * {@code out[1] = sum_k a_k exp(l_k - m)}, {@code out[2]} the same with {@code b}. With INT8
   * {@code m} is the top {@code m'} and the exponentials come from a table of the levels (no
   * exponential), each sum within the class comment's bound or 0 where the levels cannot bound it:
   * the caller then computes it from docValues.
   */
  public void shiftedExpSums(int doc, int factors, float[] a, float[] b, double[] out) {
    int row = row(doc);
    if (mode == CacheMode.FLOAT) {
      CachedRowKernels.shiftedExpSums(floats, row * width + factors, a, b, out);
      return;
    }
    int at = row * rowBytes;
    out[0] = top(at) * STEP;
    CachedRowKernels.levelSums(
        records, at + levelsAt(quantizedFactors), LEVEL_WEIGHTS, DROPPED_BOUNDS, a, b, out);
  }

  /**
   * FLOAT: copies the log-densities of a document that {@link #has} values to {@code columns[k *
   * stride + i]}, cluster {@code k} of a model of {@code factors} factors.
   */
  public void copyDensities(int doc, int factors, float[] columns, int stride, int i) {
    int from = row(doc) * width + factors;
    for (int k = 0; k < width - factors; k++) {
      columns[k * stride + i] = floats[from + k];
    }
  }

  /** Whether {@link #density} and {@link #shiftedExpSums} are the docValues' values (FLOAT). */
  public boolean exactDensities() {
    return mode == CacheMode.FLOAT;
  }

  /**
   * Heap bytes of the arrays: all rows (a dense slot's unused ones included) and the row numbers or
   * the bit set's words.
   */
  public long bytes() {
    long b =
        rowOf == null
            ? (long) hasValues.getBits().length * Long.BYTES
            : (long) rowOf.length * Integer.BYTES;
    if (floats != null) {
      b += (long) floats.length * Float.BYTES;
    }
    if (records != null) {
      b += records.length;
    }
    return b;
  }
}

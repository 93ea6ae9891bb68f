package org.solrpersonalize.solr.cache;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.util.function.ToLongFunction;
import org.apache.lucene.index.IndexReader;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.util.NamedList;
import org.apache.solr.core.AbstractSolrEventListener;
import org.apache.solr.core.SolrCore;
import org.apache.solr.metrics.SolrMetricsContext;
import org.apache.solr.schema.SchemaField;
import org.apache.solr.search.SolrIndexSearcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the {@link ItemFactorCache} of a catalog core's searcher while it warms, before it serves
 * a query. Register it for both events in solrconfig.xml, with the mode ({@code float}, the
 * default; {@code int8}; or {@code off}) as its {@value #MODE_ARG}:
 *
 * <pre>{@code
 * <listener event="firstSearcher" class="org.solrpersonalize.solr.cache.ItemFactorCacheListener">
 *   <str name="pz.cache">${pz.cache:float}</str>
 * </listener>
 * <listener event="newSearcher" class="org.solrpersonalize.solr.cache.ItemFactorCacheListener">
 *   <str name="pz.cache">${pz.cache:float}</str>
 * </listener>
 * }</pre>
 *
 * The cache's size is the core's gauge {@code CACHE.personalize.itemFactorCache.bytes}. In every
 * mode it also builds the searcher's {@link UniqueKeyDocs} (gauge {@code
 * CACHE.personalize.uniqueKeyDocs.bytes}), which {@code seen=} resolves its ids with. In {@code
 * int8} mode the factors are quantized for the k of the model last served (a slot's values do not
 * say where factors end and log-densities begin); until a request has named that k, each segment's
 * first request queues its build on Solr's executor and reads docValues meanwhile.
 */
public class ItemFactorCacheListener extends AbstractSolrEventListener {
  private static final Logger log = LoggerFactory.getLogger(MethodHandles.lookup().lookupClass());

  /** The init arg naming the mode. */
  public static final String MODE_ARG = "pz.cache";

  private CacheMode mode = CacheMode.FLOAT;

  public ItemFactorCacheListener(SolrCore core) {
    super(core);
  }

  @Override
  public void init(NamedList<?> args) {
    super.init(args);
    Object value = args == null ? null : args.get(MODE_ARG);
    try {
      mode = CacheMode.parse(MODE_ARG, value == null ? null : value.toString());
    } catch (IllegalArgumentException e) {
      throw new SolrException(SolrException.ErrorCode.SERVER_ERROR, e.getMessage(), e);
    }
  }

  /** The configured mode. */
  public CacheMode mode() {
    return mode;
  }

  @Override
  public void newSearcher(SolrIndexSearcher newSearcher, SolrIndexSearcher currentSearcher) {
    warmUniqueKeyDocs(newSearcher);
    if (mode == CacheMode.OFF) {
      ItemFactorCache.warm(newSearcher.getIndexReader(), newSearcher.getSchema(), mode, 0);
      return;
    }
    registerGauge("itemFactorCache.bytes", ItemFactorCache::bytes);
    long start = System.nanoTime();
    int int8Factors =
        currentSearcher == null ? 0 : ItemFactorCache.int8Factors(currentSearcher.getIndexReader());
    ItemFactorCache.warm(newSearcher.getIndexReader(), newSearcher.getSchema(), mode, int8Factors);
    if (log.isDebugEnabled()) {
      log.debug(
          "personalize: item-factor cache ({}) of {} built in {} ms, {} bytes",
          mode.value(),
          newSearcher.getName(),
          (System.nanoTime() - start) / 1_000_000,
          ItemFactorCache.bytes(newSearcher.getIndexReader()));
    }
  }

  /**
   * The searcher's {@link UniqueKeyDocs} (in every mode: {@code seen=} needs no factors), for a
   * catalog whose unique key has indexed terms.
   */
  private void warmUniqueKeyDocs(SolrIndexSearcher searcher) {
    SchemaField key = searcher.getSchema().getUniqueKeyField();
    if (!UniqueKeyDocs.covers(key)) {
      return;
    }
    try {
      UniqueKeyDocs.warm(searcher.getIndexReader(), key.getName());
    } catch (IOException e) {
      log.warn("personalize: the unique key table failed; seen= seeks the terms dictionary", e);
    }
    registerGauge("uniqueKeyDocs.bytes", UniqueKeyDocs::bytes);
  }

  /** The core's gauge {@code CACHE.personalize.<name>}: {@code bytes} of its current searcher. */
  private void registerGauge(String name, ToLongFunction<IndexReader> bytes) {
    SolrCore core = getCore();
    SolrMetricsContext metrics = core.getSolrMetricsContext();
    if (metrics == null) {
      return;
    }
    metrics.gauge(
        () -> {
          try {
            return core.withSearcher(s -> bytes.applyAsLong(s.getIndexReader()));
          } catch (IOException e) {
            return -1L; // no searcher (the core is closing)
          }
        },
        true,
        name,
        "CACHE",
        "personalize");
  }
}

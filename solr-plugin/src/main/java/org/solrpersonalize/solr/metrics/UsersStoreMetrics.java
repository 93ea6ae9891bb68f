package org.solrpersonalize.solr.metrics;

import com.codahale.metrics.Gauge;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import java.util.function.Supplier;
import org.apache.solr.core.CoreContainer;
import org.apache.solr.core.SolrInfoBean;
import org.apache.solr.metrics.SolrMetricManager;
import org.apache.solr.metrics.SolrMetricsContext;

/**
 * A users store's profile lookups, in the node's registry ({@code solr.node}), since one store and
 * its caches serve every catalog core of the node:
 *
 * <pre>
 * CONTAINER.personalize.usersStore.&lt;name&gt;.lookups    profile lookups (cache hits + misses)
 * CONTAINER.personalize.usersStore.&lt;name&gt;.hits       of which answered from the cache
 * CONTAINER.personalize.usersStore.&lt;name&gt;.hitRatio   hits / lookups (0 before the first)
 * </pre>
 *
 * Example: {@code /solr/admin/metrics?group=node&prefix=CONTAINER.personalize}.
 */
public final class UsersStoreMetrics {
  /** The prefix of every name. */
  public static final String PREFIX = SolrInfoBean.Category.CONTAINER + ".personalize.usersStore.";

  private UsersStoreMetrics() {}

  /** Registers the gauges of one store, reading its lookup statistics when asked. */
  public static void register(CoreContainer cores, String storeName, Supplier<CacheStats> stats) {
    SolrMetricManager manager = cores.getMetricManager();
    if (manager == null) {
      return;
    }
    SolrMetricsContext node =
        new SolrMetricsContext(
            manager,
            SolrMetricManager.getRegistryName(SolrInfoBean.Group.node),
            "personalize-users-" + storeName);
    String name = PREFIX + storeName + ".";
    node.gauge((Gauge<Long>) () -> stats.get().requestCount(), true, name + "lookups");
    node.gauge((Gauge<Long>) () -> stats.get().hitCount(), true, name + "hits");
    node.gauge((Gauge<Double>) () -> hitRatio(stats.get()), true, name + "hitRatio");
  }

  /** Caffeine's hit rate is 1 before any lookup; an admin reads 0 there. */
  static double hitRatio(CacheStats stats) {
    return stats.requestCount() == 0 ? 0 : stats.hitRate();
  }
}

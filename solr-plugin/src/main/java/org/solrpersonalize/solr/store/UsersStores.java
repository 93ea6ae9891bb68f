package org.solrpersonalize.solr.store;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.solr.core.CoreContainer;

/**
 * One {@link UsersStore} per CoreContainer and users store name, shared by every catalog core and
 * request of the node (so the caches are too).
 */
public final class UsersStores {
  /** Request parameter (usually a handler default) naming the users collection or core. */
  public static final String USERS_PARAM = "pz.users";

  public static final String DEFAULT_USERS = "users";
  static final int CACHE_SIZE = 100_000;
  static final Duration POINTER_TTL = Duration.ofSeconds(1);

  private static final Map<CoreContainer, Map<String, UsersStore>> STORES =
      java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

  private UsersStores() {}

  public static UsersStore of(CoreContainer cores, String name) {
    Map<String, UsersStore> byName = STORES.computeIfAbsent(cores, c -> new ConcurrentHashMap<>());
    return byName.computeIfAbsent(
        name,
        n ->
            cores.isZooKeeperAware()
                ? new CloudUsersStore(
                    cores.getZkController().getSolrClient(), n, CACHE_SIZE, POINTER_TTL)
                : new LocalUsersStore(cores, n, CACHE_SIZE));
  }
}

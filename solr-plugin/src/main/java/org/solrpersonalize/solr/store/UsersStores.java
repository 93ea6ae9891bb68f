package org.solrpersonalize.solr.store;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.solr.common.params.SolrParams;
import org.apache.solr.core.CoreContainer;
import org.solrpersonalize.solr.metrics.UsersStoreMetrics;
import org.solrpersonalize.solr.search.BadRequests;

/**
 * One {@link UsersStore} per CoreContainer and configured users store name, shared by every catalog
 * core and request of the node (so the caches are too). Only names the catalog's configuration
 * lists ({@value #STORES_INIT_ARG}) get a store: a request cannot make the node open an arbitrary
 * core or keep a store per name it sends.
 */
public final class UsersStores {
  /** Request parameter (usually a handler default or invariant) naming the users store. */
  public static final String USERS_PARAM = "pz.users";

  public static final String DEFAULT_USERS = "users";

  /**
   * Init arg of the {@code personalize} query parser: the users stores (cores, or collections in
   * SolrCloud) a request may name with {@value #USERS_PARAM}, comma-separated; default {@value
   * #DEFAULT_USERS}. Example:
   *
   * <pre>{@code
   * <queryParser name="personalize"
   *     class="org.solrpersonalize.solr.search.PersonalizeQParserPlugin">
   *   <str name="usersStores">users,users_eu</str>
   * </queryParser>
   * }</pre>
   */
  public static final String STORES_INIT_ARG = "usersStores";

  static final Duration POINTER_TTL = Duration.ofSeconds(1);

  private static final Map<CoreContainer, Map<String, UsersStore>> STORES =
      Collections.synchronizedMap(new WeakHashMap<>());

  private UsersStores() {}

  /**
   * The users store a request names ({@value #USERS_PARAM}, default {@value #DEFAULT_USERS}); an
   * HTTP 400 naming the parameter when it is given twice or is not one of {@code configured}.
   */
  public static String requestedName(SolrParams params, Set<String> configured) {
    String[] values = params.getParams(USERS_PARAM);
    if (values != null && values.length > 1) {
      throw BadRequests.formatted("%s is given %d times, give it once", USERS_PARAM, values.length);
    }
    String name = values == null ? DEFAULT_USERS : values[0].trim();
    if (!configured.contains(name)) {
      String shown = name.length() > 64 ? name.substring(0, 64) + "..." : name;
      throw BadRequests.formatted(
          "%s: '%s' is not a configured users store; configured: %s"
              + " (init arg %s of the personalize query parser)",
          USERS_PARAM,
          shown,
          String.join(",", configured.stream().sorted().toList()),
          STORES_INIT_ARG);
    }
    return name;
  }

  /**
   * The configured names of an init arg value ({@code users,users_eu}); {@value #DEFAULT_USERS}
   * when absent.
   */
  public static Set<String> parseConfigured(String value) {
    if (value == null || value.isBlank()) {
      return Set.of(DEFAULT_USERS);
    }
    Set<String> names = new java.util.TreeSet<>();
    for (String name : value.split(",")) {
      if (!name.isBlank()) {
        names.add(name.trim());
      }
    }
    if (names.isEmpty()) {
      throw new IllegalArgumentException(
          STORES_INIT_ARG + " lists no users store: '" + value + "'");
    }
    return Collections.unmodifiableSet(names);
  }

  /** The store of a configured name ({@link #requestedName} checked it). */
  public static UsersStore of(CoreContainer cores, String name) {
    Map<String, UsersStore> byName = STORES.computeIfAbsent(cores, c -> new ConcurrentHashMap<>());
    return byName.computeIfAbsent(name, n -> registered(cores, n, open(cores, n)));
  }

  private static UsersStore open(CoreContainer cores, String name) {
    return cores.isZooKeeperAware()
        ? new CloudUsersStore(
            cores.getZkController().getSolrClient(), name, ProfileCaches.PROFILE_BYTES, POINTER_TTL)
        : new LocalUsersStore(cores, name, ProfileCaches.PROFILE_BYTES);
  }

  private static UsersStore registered(CoreContainer cores, String name, UsersStore store) {
    UsersStoreMetrics.register(cores, name, store::profileLookups);
    return store;
  }

  /** How many stores this container keeps (for tests: it must not grow with requests). */
  public static int count(CoreContainer cores) {
    Map<String, UsersStore> byName = STORES.get(cores);
    return byName == null ? 0 : byName.size();
  }
}

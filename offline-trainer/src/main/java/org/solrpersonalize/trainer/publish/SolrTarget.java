package org.solrpersonalize.trainer.publish;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.impl.Http2SolrClient;

/**
 * Where to publish: a standalone Solr base URL ({@code http://host:8983/solr}) or a SolrCloud
 * ZooKeeper ensemble ({@code zk1:2181,zk2:2181/solr}), and the catalog and users collection (or
 * core) names.
 */
public record SolrTarget(String solrUrl, String zkHosts, String catalog, String users)
    implements Serializable {
  public SolrTarget {
    if ((solrUrl == null) == (zkHosts == null)) {
      throw new IllegalArgumentException("give exactly one of --solr URL or --zk HOSTS");
    }
    Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(users, "users");
    if (catalog.equals(users)) {
      throw new IllegalArgumentException(
          "--catalog and --users must name different collections, both are '" + catalog + "'");
    }
  }

  public static SolrTarget standalone(String solrUrl, String catalog, String users) {
    return new SolrTarget(solrUrl, null, catalog, users);
  }

  public static SolrTarget cloud(String zkHosts, String catalog, String users) {
    return new SolrTarget(null, zkHosts, catalog, users);
  }

  /** A thread-safe client for both collections; the caller closes it. */
  public SolrClient openClient() {
    if (solrUrl != null) {
      return new Http2SolrClient.Builder(stripTrailingSlash(solrUrl))
          .withConnectionTimeout(10, TimeUnit.SECONDS)
          .withIdleTimeout(120, TimeUnit.SECONDS)
          .build();
    }
    int slash = zkHosts.indexOf('/');
    String hosts = slash < 0 ? zkHosts : zkHosts.substring(0, slash);
    Optional<String> chroot = slash < 0 ? Optional.empty() : Optional.of(zkHosts.substring(slash));
    return new CloudSolrClient.Builder(List.of(hosts.split(",")), chroot).build();
  }

  public String describe() {
    return solrUrl != null ? solrUrl : "zk " + zkHosts;
  }

  private static String stripTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}

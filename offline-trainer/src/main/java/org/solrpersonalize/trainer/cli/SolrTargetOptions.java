package org.solrpersonalize.trainer.cli;

import org.solrpersonalize.trainer.data.BadInputException;
import org.solrpersonalize.trainer.publish.SolrTarget;
import picocli.CommandLine.Option;

/**
 * Where the models live: {@code (--solr URL | --zk HOSTS) --catalog NAME --users NAME}, the same
 * flags for {@code publish} (here and in the Spark engine), {@code status}, {@code promote} and
 * {@code rollback}.
 */
public final class SolrTargetOptions {
  @Option(
      names = "--solr",
      description = "Standalone Solr base URL, e.g. http://127.0.0.1:8983/solr.")
  String solrUrl;

  @Option(names = "--zk", description = "SolrCloud ZooKeeper hosts, e.g. zk1:2181,zk2:2181/solr.")
  String zkHosts;

  @Option(
      names = "--catalog",
      defaultValue = "catalog",
      description = "Catalog collection or core (default: ${DEFAULT-VALUE}).")
  String catalog;

  @Option(
      names = "--users",
      defaultValue = "users",
      description = "Users collection or core (default: ${DEFAULT-VALUE}).")
  String users;

  /** The target; a bad combination is a bad-input error (exit 2). */
  public SolrTarget target() {
    if (solrUrl == null && zkHosts == null) {
      throw new BadInputException("give --solr URL or --zk HOSTS");
    }
    try {
      return new SolrTarget(solrUrl, zkHosts, catalog, users);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage(), e);
    }
  }

  /** The Solr URL or ZooKeeper hosts, for messages. */
  public String describe() {
    return solrUrl != null ? solrUrl : zkHosts;
  }
}

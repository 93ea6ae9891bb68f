package org.solrpersonalize.trainer.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.common.SolrException;
import org.solrpersonalize.format.ModelDirectory;
import org.solrpersonalize.trainer.publish.StoreStatus;
import org.solrpersonalize.trainer.publish.StoreStatusReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code status (--solr URL | --zk HOSTS) [--json]}: the active, candidate and previous model with
 * their publish time, recorded metrics and counts, and the catalog's documents per slot.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Print the active, candidate and previous model as queries see them (the committed",
      "pointer): id, slot, publish time, profiles and catalog documents holding each, the",
      "manifest's metrics recorded at publish, whether its slot still holds it; and the",
      "catalog's documents per slot."
    })
final class StatusCommand implements Callable<Integer> {
  private final Console console;

  @Mixin SolrTargetOptions solr = new SolrTargetOptions();

  @Option(names = "--json", description = "Print the same as one JSON document.")
  boolean json;

  StatusCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() throws IOException {
    StoreStatus status;
    try {
      status = new StoreStatusReader(solr.target()).read();
    } catch (SolrServerException | SolrException e) {
      throw new IOException("status failed against " + solr.describe() + ": " + e.getMessage(), e);
    }
    if (json) {
      console.out().println(ModelDirectory.json().writeValueAsString(status));
    } else {
      console.out().print(status.text());
    }
    console.out().flush();
    return TrainerCli.OK;
  }
}

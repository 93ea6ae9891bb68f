package org.solrpersonalize.trainer.cli;

import java.io.IOException;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.common.SolrException;
import org.solrpersonalize.trainer.publish.StoreStatus;
import org.solrpersonalize.trainer.publish.StoreStatusReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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
final class StatusCommand extends ConsoleCommand {
  @Mixin SolrTargetOptions solr = new SolrTargetOptions();

  @Mixin JsonOption json;

  @Override
  public Integer call() throws IOException {
    StoreStatus status;
    try {
      status = new StoreStatusReader(solr.target()).read();
    } catch (SolrServerException | SolrException e) {
      throw new IOException("status failed against " + solr.describe() + ": " + e.getMessage(), e);
    }
    return json.print(console(), status, status::text);
  }
}

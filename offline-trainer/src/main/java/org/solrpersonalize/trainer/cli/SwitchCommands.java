package org.solrpersonalize.trainer.cli;

import java.io.IOException;
import org.solrpersonalize.trainer.data.BadInputException;
import org.solrpersonalize.trainer.publish.ModelSwitcher;
import org.solrpersonalize.trainer.publish.PublishFailedException;
import org.solrpersonalize.trainer.publish.PublishListener;
import org.solrpersonalize.trainer.publish.PublishRefusedException;
import org.solrpersonalize.trainer.publish.SwitchReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code promote} and {@code rollback}: one pointer update each, no data rewritten. Example:
 *
 * <pre>
 * bin/trainer publish --candidate --model models/m2 --solr http://127.0.0.1:8983/solr
 * bin/trainer promote  --solr http://127.0.0.1:8983/solr
 * bin/trainer rollback --solr http://127.0.0.1:8983/solr
 * </pre>
 *
 * Exit 2: refused (no candidate, the previous model's slot was overwritten, the lock is held); exit
 * 1: Solr failed.
 */
final class SwitchCommands {
  private SwitchCommands() {}

  /** {@code promote}: the candidate becomes active. */
  @Command(
      name = "promote",
      mixinStandardHelpOptions = true,
      description = {
        "Make the candidate (publish --candidate) the active model in one pointer update;",
        "the active model becomes the previous one. No data is rewritten.",
        "Exit 2: refused (no candidate, its slot no longer holds it, lock held); exit 1: Solr failed."
      })
  static final class Promote extends Switch {
    Promote() {
      super(SwitchReport.Kind.PROMOTE);
    }
  }

  /** {@code rollback}: the previous model becomes active again. */
  @Command(
      name = "rollback",
      mixinStandardHelpOptions = true,
      description = {
        "Make the previous model active again in one pointer update, while its slot still holds",
        "it; the active model becomes the previous one (a second rollback goes forward again).",
        "Refused, naming the model that overwrote it, once a publish wrote into its slot.",
        "Exit 2: refused; exit 1: Solr failed."
      })
  static final class Rollback extends Switch {
    Rollback() {
      super(SwitchReport.Kind.ROLLBACK);
    }
  }

  private abstract static class Switch extends ConsoleCommand {
    private final SwitchReport.Kind kind;

    @Mixin SolrTargetOptions solr = new SolrTargetOptions();
    @Mixin LockTimeoutOption lockTimeout = new LockTimeoutOption();

    Switch(SwitchReport.Kind kind) {
      this.kind = kind;
    }

    @Override
    public Integer call() throws IOException {
      ModelSwitcher switcher =
          new ModelSwitcher(solr.target(), lockTimeout.duration(), noticesTo(console()));
      SwitchReport report;
      try {
        report = kind == SwitchReport.Kind.PROMOTE ? switcher.promote() : switcher.rollback();
      } catch (PublishRefusedException e) {
        throw new BadInputException(e.getMessage(), e);
      } catch (PublishFailedException e) {
        throw new IOException("against " + solr.describe() + ": " + e.getMessage(), e);
      }
      console().out().println(report.summary());
      console().out().flush();
      return TrainerCli.OK;
    }
  }

  /** Notices (a stale lock taken over) go to stderr, as publish's do. */
  private static PublishListener noticesTo(Console console) {
    return new PublishListener() {
      @Override
      public void onNotice(String message) {
        console.err().println("notice: " + message);
      }
    };
  }
}

package org.solrpersonalize.trainer.publish;

import java.util.Locale;
import org.solrpersonalize.format.UsersStoreDocuments.SlotModel;

/**
 * What a {@code promote} or {@code rollback} did.
 *
 * @param kind which of the two
 * @param active the model now active and its slot
 * @param previous the model active before, now the previous one ({@code rollback} returns to it)
 * @param seconds wall time, the lock included
 */
public record SwitchReport(Kind kind, SlotModel active, SlotModel previous, double seconds) {
  /** The two pointer moves. */
  public enum Kind {
    PROMOTE,
    ROLLBACK
  }

  /**
   * {@code promoted candidate m3: it is active in slot a; model m2 (slot b) is the previous model,
   * rollback returns to it}.
   */
  public String summary() {
    return String.format(
        Locale.ROOT,
        "%s model %s: it is active in slot %s; model %s (slot %s) is the previous model, rollback"
            + " returns to it",
        kind == Kind.PROMOTE ? "promoted the candidate" : "rolled back to",
        active.modelId(),
        active.slot(),
        previous.modelId(),
        previous.slot());
  }
}

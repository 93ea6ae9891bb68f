package org.solrpersonalize.trainer.publish;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What {@code status} prints: the active, candidate and previous model as the committed pointer
 * names them (what queries use), each with what its publish recorded and what the store holds now,
 * and the catalog's documents per slot. {@link #text()} is the table; as JSON (Jackson), for
 * example:
 *
 * <pre>{@code
 * {"catalog":"catalog","users":"users",
 *  "active":{"model":"m2","slot":"b","published":"2026-12-04T23:00:00Z","profiles":10,
 *            "catalogDocuments":25,"metrics":{"ndcg@10":0.21},"whole":true,"notWhole":null},
 *  "candidate":null,
 *  "previous":{"model":"m1","slot":"a",...},
 *  "catalogDocuments":{"documents":30,"slots":{"a":{"withModel":25,"models":{"m1":25}},...}}}
 * }</pre>
 *
 * @param catalog the catalog collection or core
 * @param users the users store
 * @param active the active model, or null when none is committed
 * @param candidate the candidate model, or null
 * @param previous the previous model, or null
 * @param catalogDocuments the catalog's documents, per slot
 */
public record StoreStatus(
    String catalog,
    String users,
    ModelStatus active,
    ModelStatus candidate,
    ModelStatus previous,
    CatalogCounts catalogDocuments) {

  /**
   * One model named by the pointer.
   *
   * @param model its id
   * @param slot the catalog slot the pointer says holds it
   * @param published when it was published (ISO-8601), or null if its model document does not say
   * @param profiles its profiles in the users store now
   * @param catalogDocuments catalog documents whose slot holds it now
   * @param metrics the manifest's metrics recorded at publish (holdout and validation), by name
   * @param whole its slot still holds it as published (always true of a healthy active model)
   * @param notWhole why not, or null
   */
  public record ModelStatus(
      String model,
      String slot,
      String published,
      long profiles,
      long catalogDocuments,
      Map<String, Double> metrics,
      boolean whole,
      String notWhole) {}

  /**
   * @param documents all catalog documents
   * @param slots per slot ({@code a}, {@code b}): documents holding any model, and those holding
   *     each model the pointer names in that slot
   */
  public record CatalogCounts(long documents, Map<String, SlotCount> slots) {}

  /**
   * @param withModel documents whose slot holds some model
   * @param models documents holding each model the pointer names in this slot, by model id
   */
  public record SlotCount(long withModel, Map<String, Long> models) {}

  /** The table {@code status} prints. */
  public String text() {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "users store '%s', catalog '%s'%n", users, catalog));
    line(out, "active", active);
    line(out, "candidate", candidate);
    line(out, "previous", previous);
    out.append(
        String.format(
            Locale.ROOT, "%-10s %,d documents%n", "catalog", catalogDocuments.documents()));
    catalogDocuments
        .slots()
        .forEach(
            (slot, count) ->
                out.append(
                    String.format(
                        Locale.ROOT,
                        "  slot %s   %,d hold a model%s%n",
                        slot,
                        count.withModel(),
                        count.models().entrySet().stream()
                            .map(
                                e ->
                                    String.format(
                                        Locale.ROOT, ", %,d hold %s", e.getValue(), e.getKey()))
                            .collect(Collectors.joining()))));
    return out.toString();
  }

  private static void line(StringBuilder out, String role, ModelStatus m) {
    if (m == null) {
      out.append(String.format(Locale.ROOT, "%-10s none%n", role));
      return;
    }
    out.append(
        String.format(
            Locale.ROOT,
            "%-10s %s  slot %s  published %s  %,d profiles  %,d catalog documents%n",
            role,
            m.model(),
            m.slot(),
            m.published() == null ? "(unknown)" : m.published(),
            m.profiles(),
            m.catalogDocuments()));
    if (!m.whole()) {
      out.append(String.format(Locale.ROOT, "%-10s not whole: %s%n", "", m.notWhole()));
    }
    out.append(
        String.format(
            Locale.ROOT,
            "%-10s metrics %s%n",
            "",
            m.metrics().isEmpty()
                ? "none recorded"
                : m.metrics().entrySet().stream()
                    .map(e -> String.format(Locale.ROOT, "%s %.4f", e.getKey(), e.getValue()))
                    .collect(Collectors.joining(", "))));
  }
}

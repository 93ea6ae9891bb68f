package org.solrpersonalize.format;

import java.util.Locale;

/**
 * A users-store document that {@link UsersStoreDocuments} cannot read: a field missing, of the
 * wrong type, or a vector whose length does not match the model's k or K. The store was damaged or
 * written by something else; the message names the document and the field, for example:
 *
 * <pre>
 * users store document 'm1/u1', field pz_user_vec: has 12 bytes, the model has k = 2 (8 bytes)
 * </pre>
 */
public class MalformedUsersStoreDocumentException extends RuntimeException {
  private final String documentId;
  private final String field;

  public MalformedUsersStoreDocumentException(String documentId, String field, String problem) {
    super(
        String.format(
            Locale.ROOT, "users store document '%s', field %s: %s", documentId, field, problem));
    this.documentId = documentId;
    this.field = field;
  }

  /** The unique key of the document. */
  public String documentId() {
    return documentId;
  }

  /** The field that could not be read. */
  public String field() {
    return field;
  }
}

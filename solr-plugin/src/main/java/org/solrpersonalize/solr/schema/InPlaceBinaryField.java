package org.solrpersonalize.solr.schema;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.IndexableFieldType;
import org.apache.lucene.util.BytesRef;
import org.apache.solr.common.SolrException;
import org.apache.solr.schema.BinaryField;
import org.apache.solr.schema.NumericValueFieldType;
import org.apache.solr.schema.SchemaField;
import org.solrpersonalize.solr.search.BadRequests;

/**
 * A binary docValues-only field that Solr rewrites <em>in place</em>: an atomic {@code set} of it
 * becomes Lucene's {@code IndexWriter.updateDocValues}, so publishing a model neither reads the
 * document's stored fields nor re-indexes its text. Publish throughput is what this buys (see
 * {@code bin/bench --only publish}); queries read it like any binary docValues field.
 *
 * <pre>{@code
 * <fieldType name="pz_binary" class="org.solrpersonalize.solr.schema.InPlaceBinaryField"/>
 * <field name="pz_item_a" type="pz_binary" indexed="false" stored="false" docValues="true"/>
 * }</pre>
 *
 * <p>Solr 9.10.1 chooses the in-place path for fields whose type is a {@link NumericValueFieldType}
 * (a marker interface) that are docValues-only and single-valued, then keeps only {@link
 * NumericDocValuesField} instances of the document it builds. Lucene itself updates BINARY
 * docValues in place as well; {@link InPlaceValue} carries the bytes through Solr's filter as a
 * {@code NumericDocValuesField} whose field type says BINARY, which is all Lucene looks at. {@code
 * InPlaceBinaryFieldTest} fails if a Solr upgrade stops taking this path.
 */
public final class InPlaceBinaryField extends BinaryField implements NumericValueFieldType {

  @Override
  public void checkSchemaField(SchemaField field) {
    super.checkSchemaField(field);
    if (field.indexed() || field.stored() || !field.hasDocValues() || field.multiValued()) {
      throw new SolrException(
          SolrException.ErrorCode.SERVER_ERROR,
          String.format(
              Locale.ROOT,
              "field '%s' of type %s must be indexed=\"false\" stored=\"false\""
                  + " docValues=\"true\" multiValued=\"false\" to be updated in place",
              field.getName(),
              getClass().getSimpleName()));
    }
  }

  @Override
  public IndexableField createField(SchemaField field, Object value) {
    return value == null ? null : new InPlaceValue(field.getName(), toBytesRef(field, value));
  }

  @Override
  public List<IndexableField> createFields(SchemaField field, Object value) {
    IndexableField f = createField(field, value);
    return f == null ? List.of() : List.of(f);
  }

  private BytesRef toBytesRef(SchemaField field, Object value) {
    Object bytes;
    try {
      bytes = toNativeType(value); // BinaryField's: byte[] or base64 text to a ByteBuffer
    } catch (IllegalArgumentException e) {
      bytes = null;
    }
    if (bytes instanceof ByteBuffer buffer && buffer.hasArray()) {
      return new BytesRef(
          buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
    }
    throw BadRequests.formatted(
        "field '%s' takes bytes or base64 text, got %s",
        field.getName(),
        value instanceof CharSequence ? "text that is not base64" : value.getClass().getName());
  }

  /** A BINARY docValues value that passes Solr's in-place filter (see the class comment). */
  static final class InPlaceValue extends NumericDocValuesField {
    InPlaceValue(String name, BytesRef bytes) {
      super(name, 0L);
      fieldsData = bytes;
    }

    @Override
    public IndexableFieldType fieldType() {
      return BinaryDocValuesField.TYPE;
    }
  }
}

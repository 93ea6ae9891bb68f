package org.solrpersonalize.solr.function;

import org.apache.lucene.queries.function.ValueSource;
import org.apache.solr.search.FunctionQParser;
import org.apache.solr.search.SyntaxError;
import org.apache.solr.search.ValueSourceParser;
import org.solrpersonalize.solr.store.UserProfile;

/**
 * {@code userdot(U)}: dot product of user U's factors (from the users store, active model) and the
 * document's item factors; 0 for an unknown user or a document without factors. U is a user id or
 * {@code $param}. Example: {@code fl=id,score,userdot(u000042)&sort=userdot($u) desc&u=u000042}.
 */
public class UserDotValueSourceParser extends ValueSourceParser {
  @Override
  public ValueSource parse(FunctionQParser fp) throws SyntaxError {
    return ItemScoreValueSource.ofUserArgument(
        fp, "userdot", ItemScoreValueSource.Kind.DOT, UserProfile::vector);
  }
}

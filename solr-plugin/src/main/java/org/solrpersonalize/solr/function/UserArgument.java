package org.solrpersonalize.solr.function;

import org.apache.solr.search.FunctionQParser;
import org.apache.solr.search.SyntaxError;
import org.solrpersonalize.solr.search.BadRequests;
import org.solrpersonalize.solr.search.PersonalizeParams;

/** The one argument of {@code userdot} and {@code clusterll}: a user id or a {@code $param}. */
final class UserArgument {
  private UserArgument() {}

  static String parse(FunctionQParser fp, String function) throws SyntaxError {
    String user = fp.parseArg();
    if (user == null || user.isBlank()) {
      throw BadRequests.of(function + "(U) needs a user id or $param, e.g. " + function + "(u42)");
    }
    PersonalizeParams.checkId(function + "(U)", user);
    if (fp.hasMoreArguments()) {
      throw BadRequests.of(function + "(U) takes exactly one argument, the user id");
    }
    return user;
  }
}

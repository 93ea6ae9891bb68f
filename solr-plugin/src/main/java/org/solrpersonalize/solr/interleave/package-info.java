/** Team-draft interleaving of the active and the candidate model's rankings, seeded per request. */
package org.solrpersonalize.solr.interleave;

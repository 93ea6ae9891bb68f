/**
 * Arithmetic over encoded item values at query time, on the JDK's Vector API where it is present.
 */
package org.solrpersonalize.solr.kernel;

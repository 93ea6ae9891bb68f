/** The model contract shared by trainer and plugin: field names, vector codec, manifest. No Solr dependency. */
package org.solrpersonalize.format;

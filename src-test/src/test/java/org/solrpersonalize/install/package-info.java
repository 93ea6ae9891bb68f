/** The artifacts as an admin and a batch server use them: the plugin jar, the runnable trainer. */
package org.solrpersonalize.install;

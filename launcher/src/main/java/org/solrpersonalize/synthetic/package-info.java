/**
 * Seeded synthetic data with planted structure: interactions, item factors and whole model
 * directories.
 */
package org.solrpersonalize.synthetic;

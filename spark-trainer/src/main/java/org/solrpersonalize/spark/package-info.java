/**
 * The trainer's training on Apache Spark: reading interactions from any Hadoop path, implicit ALS
 * by Spark MLlib, the Gaussian mixture on the driver, and the same model directory as {@code
 * bin/trainer train}.
 */
package org.solrpersonalize.spark;

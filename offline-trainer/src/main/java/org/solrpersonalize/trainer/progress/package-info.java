/** Progress bars on stderr, shared by the trainer's commands, publishing and the benchmark. */
package org.solrpersonalize.trainer.progress;

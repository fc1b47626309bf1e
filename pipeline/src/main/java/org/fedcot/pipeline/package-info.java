/** Algorithm 1 of FedCoT: stages over a run directory, baselines, ablations. */
package org.fedcot.pipeline;

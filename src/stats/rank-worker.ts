/**
 * Worker-thread entry of the rank statistics (engine/prefetch.ts starts it): a `job` message
 * brings the shared score, label and sensitive codes and starts the sort at once; a `groupings`
 * message, sent once the main thread has built the group codes, gets the statistics back. An error
 * is reported, not thrown: the main thread then computes everything itself (the same error, if
 * the data causes it, surfaces there the usual way).
 */
import { parentPort } from 'node:worker_threads';
import { prepareRanks, rankGroupings, type RankJob, type RankJobGrouping } from './rank-worker-job.js';

export type RankWorkerRequest = { kind: 'job'; job: RankJob } | { kind: 'groupings'; groupings: RankJobGrouping[] };
export type RankWorkerReply = { ok: true; stats: ReturnType<typeof rankGroupings> } | { ok: false; message: string };

const port = parentPort;
if (port) {
  let job: RankJob | null = null;
  let failed: string | null = null;
  port.on('message', (m: RankWorkerRequest) => {
    try {
      if (m.kind === 'job') {
        // Kept: the sort is cached by these array objects, and the next message's copies would miss it.
        job = m.job;
        prepareRanks(job);
        return;
      }
      if (failed !== null) throw new Error(failed);
      if (job === null) throw new Error('groupings before the job');
      const reply: RankWorkerReply = { ok: true, stats: rankGroupings(job, m.groupings) };
      port.postMessage(reply);
    } catch (err) {
      if (m.kind === 'job') failed = (err as Error)?.message ?? String(err);
      else port.postMessage({ ok: false, message: (err as Error)?.message ?? String(err) } satisfies RankWorkerReply);
    }
  });
}

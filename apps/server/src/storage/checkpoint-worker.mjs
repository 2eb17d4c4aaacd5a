// Runs in a worker thread next to the embedded SQLite database: checkpoints the WAL into the main file
// on its own connection, so the fsyncs of a checkpoint never stall the event loop that serves requests.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const db = new Database(workerData.file);
db.pragma('busy_timeout = 2000');
let busy = false;
const checkpoint = (mode) => {
  if (busy) return;
  busy = true;
  try {
    db.pragma(`wal_checkpoint(${mode})`);
  } catch {
    // A busy database is normal here: the next tick tries again.
  } finally {
    busy = false;
  }
};
const timer = setInterval(() => checkpoint('PASSIVE'), workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  checkpoint('TRUNCATE');
  db.close();
  parentPort.postMessage('stopped');
});

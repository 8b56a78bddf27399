// Child process for the audit crash and concurrency tests: appends `count` entries (or forever).
import { appendAuditEvent } from '../../src/audit/log';

const [dataDir, label, countText] = process.argv.slice(2) as [string, string, string];
const count = Number(countText);
for (let i = 0; count < 0 || i < count; i++) {
  appendAuditEvent(dataDir, { event: 'test-append', details: { label, i, padding: 'x'.repeat(200) } });
  if (count < 0 && i === 0) process.stdout.write('started\n');
}

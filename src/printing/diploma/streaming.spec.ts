import { Writable } from 'node:stream';
import { sampleDiploma } from '../../../test/fixtures/render/diploma-samples';
import { openDiplomaPdf } from './diploma-pdf';
import { NO_CALIBRATION } from './units';

describe('diploma batches stream (flat memory for 10,000-page print jobs)', () => {
  it('pages reach the output while the batch is still being drawn, even when no await reaches real I/O', async () => {
    let written = 0;
    const out = new Writable({
      write(chunk: Buffer, _enc, done) {
        written += chunk.length;
        done();
      },
    });
    const pdf = openDiplomaPdf(out, { mode: 'overlay', calibration: NO_CALIBRATION });
    const d = sampleDiploma();
    const seen: number[] = [];
    // A loop over records already in memory: every await resolves without I/O.
    for (let i = 0; i < 40; i++) {
      await pdf.add({ ...d, serialNumber: `QH-2025-${String(i).padStart(6, '0')}` });
      seen.push(written);
    }
    const beforeEnd = written;
    await pdf.end();
    expect(seen[0]).toBeGreaterThan(0);
    expect(seen[39]).toBeGreaterThan(seen[19]);
    // at most the fonts and the cross-reference table are left for end()
    expect(beforeEnd).toBeGreaterThan(written * 0.5);
  });
});

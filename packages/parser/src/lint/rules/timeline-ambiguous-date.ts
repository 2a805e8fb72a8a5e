/** A numeric timeline date that reads both ways, reported by the timeline stage; the entry is kept without a date. */
import { defineRule } from '../define-rule.js';

const page = (entry: string) => `---\ntitle: Cache outage\n---\n\n## Timeline (all times UTC)\n\n${entry}\n`;

export default defineRule({
  meta: {
    id: 'timeline-ambiguous-date',
    severity: 'warning',
    scope: 'file',
    description: 'A numeric timeline date that reads both day first and month first (`02/10/2022`) where nothing in the document settles the order.',
    docs: 'A numeric timeline date that reads both day first and month first (`02/10/2022`) where no other date in the document, nor the incident date, settles the order; the entry is kept without a date.',
    examples: {
      ok: page('- 13/02/2022 10:00 — cache evicts every key\n- 02/10/2022 11:00 — limit added'),
      notOk: page('- 02/10/2022 10:00 — cache evicts every key'),
      expected: [
        '7:3: Unexpected date `02/10/2022` that reads as 2 October 2022 or February 10 2022, expected an ISO date (`2022-10-02`) or a numeric date elsewhere in the document that settles the order (`13/02/2023` is day first); its entry is kept without a date',
      ],
    },
  },
});

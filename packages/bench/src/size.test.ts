import { describe, expect, it } from 'vitest';
import { formatKb, measureBundle, sizeEntries } from './size';

describe('bundle size', () => {
  for (const entry of sizeEntries()) {
    if (entry.missing !== undefined) {
      it.skip(`${entry.name} (skipped: ${entry.missing})`, () => {});
      continue;
    }

    it(`${entry.name} stays within ${formatKb(entry.budgetBytes)} gzip`, async () => {
      const size = await measureBundle(entry);
      console.log(
        `${entry.name}: ${formatKb(size.minifiedBytes)} minified, ${formatKb(size.gzipBytes)} gzip (budget ${formatKb(entry.budgetBytes)})`,
      );
      expect(
        size.gzipBytes,
        `${entry.name} is ${formatKb(size.gzipBytes)} gzip (${entry.description}), over its ${formatKb(entry.budgetBytes)} budget: shrink the code or drop an import`,
      ).toBeLessThanOrEqual(entry.budgetBytes);
    });
  }
});

/**
 * A real file: /work/shared/datasets/adult.csv (UCI Adult test split with model outputs). Its
 * README gives 16281 rows; the label sum 3846 is the count of ">50K" rows, computed independently
 * with `awk -F, 'NR>1 && $16==1' adult.csv | wc -l`.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CategoryColumn, NumberColumn } from '../../src/data/dataset.js';
import { openDataset } from '../../src/data/open.js';

const dir = path.resolve(__dirname, '../../../shared/datasets');
const file = path.join(dir, 'adult.csv');

describe.skipIf(!existsSync(file))('adult.csv', () => {
  it('reads 16281 rows with label sum 3846 and the file hash', async () => {
    const src = await openDataset(file);
    const { info, data } = await src.read({
      columns: [{ name: 'label', as: 'number' }, { name: 'score', as: 'number' }, { name: 'race', as: 'category' }, { name: 'sex', as: 'category' }],
    });
    expect(info.rows).toBe(16281);
    const label = data.columns.get('label') as NumberColumn;
    expect(label.values.reduce((s, v) => s + v, 0)).toBe(3846);
    expect(new Set((data.columns.get('sex') as CategoryColumn).dictionary)).toEqual(new Set(['Male', 'Female']));
    expect((data.columns.get('race') as CategoryColumn).dictionary).toHaveLength(5);
    expect(info.sha256).toBe(createHash('sha256').update(readFileSync(file)).digest('hex'));
  });
});

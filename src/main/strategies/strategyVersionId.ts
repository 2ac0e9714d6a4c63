// A strategy version's id: sha256 of its code's hash and its canonical parameters (the text is core's versionMaterial).
import { createHash } from 'node:crypto';
import { versionMaterial } from '../../core/strategy/strategyVersion';

export function strategyVersionId(codeHash: string, params: Readonly<Record<string, number>>): string {
  return createHash('sha256').update(versionMaterial(codeHash, params)).digest('hex');
}

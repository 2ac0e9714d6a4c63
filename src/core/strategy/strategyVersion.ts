// A strategy version's identity: the content hash of its code plus its parameters in one canonical text, so the
// same code with the same parameters is the same version wherever it runs (backtest, paper, live).
import type { ParamValues } from './strategy';

/** Parameters as JSON with their names sorted: {"fast":10,"slow":50}. */
export function canonicalParams(params: Readonly<Record<string, number>>): string {
  const names = Object.keys(params).sort();
  return `{${names.map((n) => `${JSON.stringify(n)}:${JSON.stringify(params[n])}`).join(',')}}`;
}

/** The text a version id hashes: the code's sha256 and the canonical parameters (hashed by the host, core has no digest). */
export function versionMaterial(codeHash: string, params: ParamValues | Readonly<Record<string, number>>): string {
  return `nautilus-strategy-version/1\n${codeHash}\n${canonicalParams(params)}`;
}

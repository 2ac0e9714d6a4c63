// npm start picks Electron only when its runtime exists and there is a display; otherwise it says why.
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript module without types
import { chooseLaunchMode, electronBinaryPath } from '../../../scripts/launchMode.mjs';

const facts = (overrides: object) => ({ platform: 'linux', env: { DISPLAY: ':0' }, electronBinary: '/e/dist/electron', exists: () => true, ...overrides });

describe('chooseLaunchMode', () => {
  it('runs Electron when the runtime is installed and there is a display', () => {
    expect(chooseLaunchMode(facts({}))).toEqual({ mode: 'electron', binary: '/e/dist/electron' });
  });
  it('serves to the browser when the runtime was never downloaded', () => {
    expect(chooseLaunchMode(facts({ electronBinary: undefined }))).toMatchObject({ mode: 'browser', reason: expect.stringContaining('not installed') });
    expect(chooseLaunchMode(facts({ exists: () => false }))).toMatchObject({ mode: 'browser' });
  });
  it('serves to the browser on Linux with no display', () => {
    expect(chooseLaunchMode(facts({ env: {} }))).toMatchObject({ mode: 'browser', reason: expect.stringContaining('no display') });
    expect(chooseLaunchMode(facts({ env: { WAYLAND_DISPLAY: 'wayland-0' } }))).toMatchObject({ mode: 'electron' });
  });
  it('needs no DISPLAY on macOS or Windows', () => {
    expect(chooseLaunchMode(facts({ platform: 'darwin', env: {} }))).toMatchObject({ mode: 'electron' });
  });
  it('honours NAUTILUS_HEADLESS=1', () => {
    expect(chooseLaunchMode(facts({ env: { DISPLAY: ':0', NAUTILUS_HEADLESS: '1' } }))).toMatchObject({ mode: 'browser' });
  });
  it('reads the binary from path.txt, or reports none', () => {
    expect(electronBinaryPath('/pkg', () => 'electron\n')).toBe('/pkg/dist/electron');
    expect(electronBinaryPath('/pkg', () => { throw new Error('ENOENT'); })).toBeUndefined();
  });
});

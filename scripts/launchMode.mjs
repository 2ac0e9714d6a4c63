// Decides how `npm start` runs the workstation: the Electron desktop app, or the browser-served headless host.

/**
 * @param {{ platform: string, env: Record<string, string | undefined>, electronBinary: string | undefined, exists: (path: string) => boolean }} facts
 * @returns {{ mode: 'electron', binary: string } | { mode: 'browser', reason: string }}
 */
export function chooseLaunchMode({ platform, env, electronBinary, exists }) {
  if (env.NAUTILUS_HEADLESS === '1') return { mode: 'browser', reason: 'NAUTILUS_HEADLESS=1 is set' };
  if (!electronBinary || !exists(electronBinary)) {
    return { mode: 'browser', reason: "Electron's runtime is not installed (its binary could not be downloaded)" };
  }
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return { mode: 'browser', reason: 'there is no display (DISPLAY and WAYLAND_DISPLAY are unset)' };
  }
  return { mode: 'electron', binary: electronBinary };
}

/** The path of Electron's binary as the electron package records it, without the package's throwing entry. */
export function electronBinaryPath(electronPackageDir, readText) {
  try {
    const relative = readText(`${electronPackageDir}/path.txt`).trim();
    // The package keeps the runtime under dist/ on every platform; path.txt names the executable inside it.
    return `${electronPackageDir}/dist/${relative}`;
  } catch {
    return undefined;
  }
}
